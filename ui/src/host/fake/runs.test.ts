import { describe, expect, it } from 'vitest';
import { fakeRunScript } from './runs';

const doc = {
  client: { base_url: 'https://api.example.com/' },
  resources: ['posts', { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments' } }],
};

describe('fake run script', () => {
  it('streams requests, a retry, child sequences and rows like the engine', () => {
    const { events, outcome } = fakeRunScript(doc, 'demo', ['posts', 'comments'], 'https://api.example.com/');
    expect(events[0]).toEqual({ event: 'run_started', pipeline: 'demo', resources: ['posts', 'comments'] });
    const sent = events.filter((e) => e.event === 'request_sent');
    const retries = events.filter((e) => e.event === 'retry');
    // posts: 3 pages + 1 retry; comments: 3 parents + 1 retry.
    expect(sent).toHaveLength(8);
    expect(retries).toHaveLength(2);
    const childUrls = events.filter((e) => e.event === 'page' && e.resource === 'comments').map((e) => (e as { url: string }).url);
    expect(childUrls).toEqual([1, 2, 3].map((id) => `https://api.example.com/posts/${id}/comments`));
    expect(events.filter((e) => e.event === 'sequence_done' && e.resource === 'comments')).toHaveLength(3);
    const finished = events.filter((e) => e.event === 'resource_finished');
    expect(finished.map((e) => (e as { requests: number }).requests)).toEqual([4, 4]);
    expect(outcome).toEqual({ ok: true, rows: { posts: 10, posts__tags: 20, comments: 6 } });
  });

  it('fails issue_comments on a 502 after its retries', () => {
    const gh = { client: { base_url: 'https://x/' }, resources: ['issues', { name: 'issue_comments', endpoint: { path: 'issues/{resources.issues.number}/comments' } }] };
    const { events, outcome } = fakeRunScript(gh, 'github', ['issues', 'issue_comments'], 'https://x/');
    expect(outcome.ok).toBe(false);
    const last = events[events.length - 1];
    expect(last).toEqual({ event: 'run_failed', error: 'issue_comments: GET https://x/issues/2/comments: HTTP 502 Bad Gateway after 3 attempts', cancelled: false });
    expect(events.filter((e) => e.event === 'retry' && e.resource === 'issue_comments')).toHaveLength(2);
  });
});
