import { describe, expect, it } from 'vitest';
import type { PreviewTrace, SourceDocument } from '../../host';
import { canLink, defaultParam, linkResources } from './link';
import { estimateRequests, estimateText } from './requests';
import { resourceEdges } from './model';

const doc: SourceDocument = {
  client: { base_url: 'https://x/' },
  resources: [
    { name: 'issues', endpoint: { path: 'issues' } },
    { name: 'comments', endpoint: 'comments' },
    { name: 'reactions', endpoint: { path: 'comments/{resources.comments.id}/reactions' } },
  ],
};

describe('linking existing resources', () => {
  it('writes the placeholder as a query parameter, keeping the short endpoint form expanded only as needed', () => {
    const next = linkResources(doc, { parent: 'issues', child: 'comments', field: 'number', place: 'param', param: 'issue' });
    expect((next.resources as unknown[])[1]).toEqual({ name: 'comments', endpoint: { path: 'comments', params: { issue: '{resources.issues.number}' } } });
    expect(resourceEdges(next).map((e) => [e.parent, e.child, e.field])).toContainEqual(['issues', 'comments', 'number']);
  });

  it('or at the end of the path', () => {
    const next = linkResources(doc, { parent: 'issues', child: 'comments', field: 'id', place: 'path', param: '' });
    expect((next.resources as unknown[])[1]).toEqual({ name: 'comments', endpoint: 'comments/{resources.issues.id}' });
  });

  it('refuses self links and cycles', () => {
    expect(canLink(doc, 'issues', 'comments')).toBe(true);
    expect(canLink(doc, 'comments', 'comments')).toBe(false);
    expect(canLink(doc, 'reactions', 'comments')).toBe(false);
    expect(canLink(doc, 'issues', 'nope')).toBe(false);
    expect(defaultParam('issues', 'user.id')).toBe('issues_user_id');
  });
});

const trace = (records: number, pages: number[], parentRecords = 0): PreviewTrace =>
  ({
    records: Array.from({ length: records }, (_, i) => ({ id: i })),
    pages: pages.map((parent) => ({ parent })),
    parent_records: Array.from({ length: parentRecords }, () => ({})),
  }) as unknown as PreviewTrace;

describe('expected requests of a child', () => {
  it('is parents × pages, at least one page each until the child was previewed', () => {
    expect(estimateRequests(null, null)).toBeNull();
    const floor = estimateRequests(trace(30, [0]), null);
    expect(floor).toMatchObject({ parents: 30, pagesPerParent: 1, requests: 30, measured: false });
    expect(estimateText(floor!)).toBe('≥ 30 requests');
    const measured = estimateRequests(trace(30, [0]), trace(0, [0, 0, 1, 1], 2));
    expect(measured).toMatchObject({ pagesPerParent: 2, requests: 60, measured: true });
    expect(estimateText(measured!)).toBe('≈ 60 requests');
  });
});
