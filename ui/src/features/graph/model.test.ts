import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../host';
import { layout, resourceCards, resourceEdges, NODE_W } from './model';

const doc: SourceDocument = {
  client: { base_url: 'https://x/', paginator: 'header_link' },
  resource_defaults: { write_disposition: 'merge' },
  resources: [
    'users',
    {
      name: 'issues',
      endpoint: { path: 'issues', method: 'POST', paginator: { type: 'offset', limit: 10 }, incremental: { cursor_path: 'updated_at' } },
      write_disposition: { disposition: 'merge', strategy: 'upsert' },
    },
    { name: 'comments', endpoint: { path: 'issues/{resources.issues.number}/comments', params: { u: { type: 'resolve', resource: 'users', field: 'id' } } } },
    { name: 'seeds', rows: [{ id: 1 }], selected: false },
  ],
};

describe('resource graph model', () => {
  it('describes each resource with its effective paginator, incremental and disposition', () => {
    const [users, issues, comments, seeds] = resourceCards(doc);
    expect(users).toMatchObject({ name: 'users', path: 'users', method: 'GET', paginator: 'header_link', paginatorInherited: true, disposition: 'merge', incremental: false });
    expect(issues).toMatchObject({ method: 'POST', paginator: 'offset', paginatorInherited: false, incremental: true, disposition: 'merge (upsert)' });
    expect(comments.path).toBe('issues/{resources.issues.number}/comments');
    expect(seeds).toMatchObject({ seed: true, selected: false });
  });

  it('draws an edge per parent reference, labelled with the field', () => {
    expect(resourceEdges(doc).map((e) => [e.parent, e.child, e.field])).toEqual([
      ['users', 'comments', 'id'],
      ['issues', 'comments', 'number'],
    ]);
  });

  it('lays children out right of their parents', () => {
    const pos = layout(resourceCards(doc), resourceEdges(doc));
    expect(pos.users.x).toBe(0);
    expect(pos.issues.x).toBe(0);
    expect(pos.comments.x).toBeGreaterThan(NODE_W);
    expect(pos.issues.y).toBeGreaterThan(pos.users.y);
  });

  it('survives cycles', () => {
    const cyclic: SourceDocument = {
      resources: [
        { name: 'a', endpoint: 'x/{resources.b.id}' },
        { name: 'b', endpoint: 'y/{resources.a.id}' },
      ],
    };
    expect(Object.keys(layout(resourceCards(cyclic), resourceEdges(cyclic)))).toEqual(['a', 'b']);
  });
});
