import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../host';
import { addChild, addResource, deleteResource, descendants, parentRefs, placeholdersIn, renameResource } from './placeholders';
import { getResourceField, setResourceField } from './resourceDoc';

const doc: SourceDocument = {
  client: { base_url: 'https://x/' },
  resources: [
    'users',
    { name: 'issues', endpoint: { path: 'issues' } },
    {
      name: 'comments',
      endpoint: {
        path: 'issues/{resources.issues.number}/comments',
        params: { user: { type: 'resolve', resource: 'issues', field: 'user_id' }, q: '{{resources.issues.id}}' },
        json: { ids: ['{resources.issues.id}'] },
      },
      include_from_parent: ['id'],
    },
    { name: 'reactions', endpoint: 'comments/{resources.comments.id}/reactions' },
  ],
};

describe('placeholders', () => {
  it('finds placeholders but not escaped braces', () => {
    expect(placeholdersIn('a/{resources.p.id}/b/{resources.q.x.y}')).toEqual([
      { parent: 'p', field: 'id' },
      { parent: 'q', field: 'x.y' },
    ]);
    expect(placeholdersIn('{{resources.p.id}}')).toEqual([]);
  });

  it('collects parents from path, params, resolve and body', () => {
    const refs = parentRefs((doc.resources as unknown[])[2]);
    expect(refs).toEqual([
      { parent: 'issues', field: 'user_id' },
      { parent: 'issues', field: 'number' },
      { parent: 'issues', field: 'id' },
    ]);
    expect(parentRefs('users')).toEqual([]);
  });

  it('renames a resource and every reference to it, keeping key order', () => {
    const next = renameResource(doc, 'issues', 'tickets');
    const list = next.resources as Record<string, unknown>[];
    expect(list[1]).toEqual({ name: 'tickets', endpoint: { path: 'issues' } });
    const comments = list[2] as { endpoint: Record<string, unknown> };
    expect(comments.endpoint.path).toBe('issues/{resources.tickets.number}/comments');
    expect(comments.endpoint.params).toEqual({ user: { type: 'resolve', resource: 'tickets', field: 'user_id' }, q: '{{resources.issues.id}}' });
    expect(comments.endpoint.json).toEqual({ ids: ['{resources.tickets.id}'] });
    expect(Object.keys(comments)).toEqual(['name', 'endpoint', 'include_from_parent']);
    // Untouched entries are shared.
    expect(list[0]).toBe('users');
    expect(list[3]).toBe((doc.resources as unknown[])[3]);
  });

  it('renames a string resource as a string', () => {
    const next = renameResource(doc, 'users', 'people');
    expect((next.resources as unknown[])[0]).toBe('people');
  });

  it('finds dependents and deletes with or without them', () => {
    expect(descendants(doc, 'issues')).toEqual(['comments', 'reactions']);
    const names = (d: SourceDocument) => (d.resources as unknown[]).map((r) => (typeof r === 'string' ? r : (r as { name: string }).name));
    expect(names(deleteResource(doc, 'issues'))).toEqual(['users', 'comments', 'reactions']);
    expect(names(deleteResource(doc, 'issues', true))).toEqual(['users']);
  });

  it('adds resources and children with unique names', () => {
    const a = addResource(doc, 'issues');
    expect(a.name).toBe('issues_2');
    const c = addChild(doc, 'issues');
    expect(c.name).toBe('issues_details');
    expect((c.doc.resources as unknown[]).at(-1)).toEqual({ name: 'issues_details', endpoint: { path: 'issues/{resources.issues.id}' } });
    expect(addChild(doc, 'users').doc.resources).toContainEqual({ name: 'users_details', endpoint: { path: 'users/{resources.users.id}' } });
  });
});

describe('short forms', () => {
  it('reads a string resource and string endpoint as objects', () => {
    expect(getResourceField(doc, 0, ['name'])).toBe('users');
    expect(getResourceField(doc, 3, ['endpoint', 'path'])).toBe('comments/{resources.comments.id}/reactions');
  });

  it('keeps a string endpoint while only its path changes', () => {
    const next = setResourceField(doc, 3, ['endpoint', 'path'], 'x');
    expect((next.resources as unknown[])[3]).toEqual({ name: 'reactions', endpoint: 'x' });
  });

  it('expands short forms when another field is set', () => {
    const a = setResourceField(doc, 3, ['endpoint', 'method'], 'POST');
    expect((a.resources as unknown[])[3]).toEqual({ name: 'reactions', endpoint: { path: 'comments/{resources.comments.id}/reactions', method: 'POST' } });
    const b = setResourceField(doc, 0, ['primary_key'], 'id');
    expect((b.resources as unknown[])[0]).toEqual({ name: 'users', primary_key: 'id' });
    expect(setResourceField(doc, 0, ['primary_key'], undefined)).toBe(doc);
  });
});
