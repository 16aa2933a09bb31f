import { describe, expect, it } from 'vitest';
import {
  addIncludeFromParent,
  childResources,
  isAuto,
  setDataSelector,
  setIncrementalCursor,
  setPaginator,
  setPrimaryKey,
} from './docEdits';

const doc = {
  client: { base_url: 'https://api.example.com/' },
  resources: [
    'users',
    { name: 'posts', endpoint: 'posts' },
    { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments', paginator: 'single_page' } },
  ],
};

describe('document edits', () => {
  it('expands short forms and never mutates the input', () => {
    const before = JSON.stringify(doc);
    const next = setDataSelector(doc, 'users', 'data.items');
    expect(next.resources).toEqual([
      { name: 'users', endpoint: { path: 'users', data_selector: 'data.items' } },
      doc.resources[1],
      doc.resources[2],
    ]);
    expect(setPaginator(doc, 'posts', { type: 'json_link', next_url_path: 'next' }).resources).toContainEqual({
      name: 'posts',
      endpoint: { path: 'posts', paginator: { type: 'json_link', next_url_path: 'next' } },
    });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('sets primary key, incremental cursor and include_from_parent', () => {
    let next = setPrimaryKey(doc, 'posts', 'id');
    next = setIncrementalCursor(next, 'posts', 'updated_at', '2024-01-01');
    next = addIncludeFromParent(next, 'comments', 'title');
    next = addIncludeFromParent(next, 'comments', 'title');
    const [, posts, comments] = next.resources as Record<string, unknown>[];
    expect(posts).toEqual({
      name: 'posts',
      primary_key: 'id',
      endpoint: { path: 'posts', incremental: { cursor_path: 'updated_at', initial_value: '2024-01-01' } },
    });
    expect(comments.include_from_parent).toEqual(['title']);
  });

  it('finds children and auto settings', () => {
    expect(childResources(doc, 'posts')).toEqual(['comments']);
    expect(isAuto(doc, 'posts', 'paginator')).toBe(true);
    expect(isAuto(doc, 'comments', 'paginator')).toBe(false);
    expect(isAuto(doc, 'comments', 'data_selector')).toBe(true);
  });
});
