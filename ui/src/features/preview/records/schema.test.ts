import { describe, expect, it } from 'vitest';
import { previewTables } from './schema';

describe('previewTables', () => {
  it('names tables and columns as dlt would, child tables under their parents', () => {
    const tables = previewTables('blogPosts', [
      { id: 1, userId: 7, author: { name: 'Ada', geo: { lat: 1.5 } }, tags: ['a'], comments: [{ id: 9, likes: [{ by: 'x' }] }], created: '2024-05-01T10:00:00Z' },
      { id: 2, extra: null },
    ]);
    expect(tables.map((t) => [t.name, t.parent])).toEqual([
      ['blog_posts', null],
      ['blog_posts__tags', 'blog_posts'],
      ['blog_posts__comments', 'blog_posts'],
      ['blog_posts__comments__likes', 'blog_posts__comments'],
    ]);
    expect(tables[0].columns).toEqual([
      { name: 'id', type: 'bigint' },
      { name: 'user_id', type: 'bigint' },
      { name: 'author__name', type: 'text' },
      { name: 'author__geo__lat', type: 'double' },
      { name: 'created', type: 'timestamp' },
      { name: '_dlt_load_id', type: 'text' },
      { name: '_dlt_id', type: 'text' },
    ]);
    expect(tables[1].columns.map((c) => c.name)).toEqual(['value', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id']);
  });
});
