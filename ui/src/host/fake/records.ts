// Records of the fake API (`posts` with nested `tags` and `author`, and their `comments`), and the
// rows a run loads from them, shaped the way dlt normalises them.

export interface Post {
  id: number;
  title: string;
  created_at: string;
  author: { id: number; name: string };
  tags: string[];
}

const TITLES = ['Hello world', 'Café déjà vu', 'Emoji 🚀 party', '日本語のタイトル', 'Quotes "and" \\ slashes', 'Ünïcödé'];

export function post(id: number): Post {
  const day = String(1 + ((id - 1) % 28)).padStart(2, '0');
  return {
    id,
    title: `${TITLES[(id - 1) % TITLES.length]} ${id}`,
    created_at: `2024-01-${day}T09:00:00Z`,
    author: { id: 1 + (id % 3), name: ['Ada', 'Grace', 'Linus'][id % 3] },
    tags: ['rust', 'dlt', 'sqlite'].slice(0, id % 3),
  };
}

export function comment(postId: number, k: number): { id: number; post_id: number; body: string } {
  return { id: postId * 10 + k, post_id: postId, body: `Comment ${k} on post ${postId}` };
}

/** Posts 1..n. */
export function posts(n: number): Post[] {
  return Array.from({ length: n }, (_, i) => post(i + 1));
}
