import { describe, expect, it } from 'vitest';
import { pickClosure, pickEndpoints } from './pickEndpoints';

const doc = {
  client: { base_url: 'https://x/' },
  resources: [
    { name: 'posts', endpoint: { path: 'posts' } },
    { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments' } },
    { name: 'reactions', endpoint: { path: 'comments/{resources.comments.id}/reactions' } },
    { name: 'likes', endpoint: { path: 'likes', params: { post: { type: 'resolve', resource: 'posts', field: 'id' } } } },
    'users',
  ],
};

describe('pickEndpoints', () => {
  it('keeps the picked resources in their order', () => {
    const out = pickEndpoints(doc, new Set(['users', 'posts', 'comments']));
    expect((out.resources as unknown[]).map((r) => (typeof r === 'string' ? r : (r as { name: string }).name))).toEqual(['posts', 'comments', 'users']);
    expect(out.client).toEqual(doc.client);
  });

  it('drops children of dropped parents, transitively, and says which parent took them', () => {
    const { kept, dropped } = pickClosure(doc, new Set(['comments', 'reactions', 'likes', 'users']));
    expect([...kept]).toEqual(['users']);
    expect(dropped).toEqual([
      { resource: 'comments', parent: 'posts' },
      { resource: 'reactions', parent: 'comments' },
      { resource: 'likes', parent: 'posts' },
    ]);
  });
});
