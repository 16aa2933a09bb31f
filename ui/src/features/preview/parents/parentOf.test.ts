import { describe, expect, it } from 'vitest';
import { expectedRequests, nearestParent, parentLabel } from './parentOf';

const doc = {
  client: { base_url: 'https://x/' },
  resources: [
    'issues',
    { name: 'comments', endpoint: { path: 'issues/{resources.issues.number}/comments', params: { repo: '{resources.issues.repo.name}' } } },
    { name: 'reactions', endpoint: { path: 'comments/{resources.comments.id}/reactions' } },
  ],
};

describe('parents of a child preview', () => {
  it('finds the nearest parent and the fields the child reads', () => {
    expect(nearestParent(doc, 'issues')).toBeNull();
    expect(nearestParent(doc, 'comments')).toEqual({ parent: 'issues', fields: ['number', 'repo.name'] });
    expect(nearestParent(doc, 'reactions')).toEqual({ parent: 'comments', fields: ['id'] });
    expect(nearestParent(doc, 'missing')).toBeNull();
  });

  it('labels a parent record by those fields', () => {
    expect(parentLabel({ number: 12, repo: { name: 'dlt' }, title: 'x' }, ['number', 'repo.name'])).toBe('number=12, repo.name=dlt');
    expect(parentLabel({ id: 1 }, ['number'])).toBe('number=missing');
    expect(parentLabel({ id: 1 }, [])).toBe('{"id":1}');
  });

  it('expects pages × parents requests for a child', () => {
    expect(expectedRequests(5, null)).toBe(5);
    expect(expectedRequests(5, 3)).toBe(15);
  });
});
