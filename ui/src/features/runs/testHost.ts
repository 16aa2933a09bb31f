// A run test double: the test scripts the engine's event stream, then finishes, fails or sees
// the run cancelled.
import type { CursorState, Host, LoadInfo, RunEvent, RunRequest, RunSummary } from '../../host';
import { stubHost } from '../preview/testing/stubHost';

export interface ScriptedRun {
  request: RunRequest;
  emit(e: RunEvent): void;
  finish(summary: RunSummary): void;
  fail(error: { code: string; message: string }): void;
  cancelled: boolean;
}

export const DEMO_SUMMARY: RunSummary = {
  pipeline: 'demo',
  load_id: '1717243200.123456',
  rows: { posts: 5, posts__tags: 10, comments: 12 },
  elapsed_ms: 2350,
};

const POSTS = 'http://127.0.0.1:8787/posts';
const COMMENTS = 'http://127.0.0.1:8787/posts/1/comments';

/** The engine's stream for a run of posts (3 pages, a 503 retried once) and comments. */
export const DEMO_EVENTS: RunEvent[] = [
  { event: 'run_started', pipeline: 'demo', resources: ['posts', 'comments'] },
  { event: 'resource_started', resource: 'posts' },
  { event: 'request_sent', resource: 'posts', method: 'GET', url: `${POSTS}?page=1` },
  { event: 'request_answered', resource: 'posts', url: `${POSTS}?page=1`, status: 200, elapsed_ms: 40, bytes: 2048 },
  { event: 'page', resource: 'posts', records: 2, url: `${POSTS}?page=1`, retries: 0, elapsed_ms: 40 },
  { event: 'request_sent', resource: 'posts', method: 'GET', url: `${POSTS}?page=2` },
  { event: 'request_answered', resource: 'posts', url: `${POSTS}?page=2`, status: 503, elapsed_ms: 12, bytes: 19 },
  { event: 'retry', resource: 'posts', url: `${POSTS}?page=2`, attempt: 1, status: 503, reason: 'Service Unavailable', wait_ms: 1000 },
  { event: 'request_sent', resource: 'posts', method: 'GET', url: `${POSTS}?page=2` },
  { event: 'request_answered', resource: 'posts', url: `${POSTS}?page=2`, status: 200, elapsed_ms: 50, bytes: 2048 },
  { event: 'page', resource: 'posts', records: 2, url: `${POSTS}?page=2`, retries: 1, elapsed_ms: 1050 },
  // -- 11: posts has two pages, the second after a retry
  { event: 'resource_started', resource: 'comments' },
  { event: 'warning', resource: 'comments', message: 'response action ignored a 404 for /posts/3/comments' },
  { event: 'request_sent', resource: 'posts', method: 'GET', url: `${POSTS}?page=3` },
  { event: 'request_answered', resource: 'posts', url: `${POSTS}?page=3`, status: 200, elapsed_ms: 35, bytes: 1024 },
  { event: 'page', resource: 'posts', records: 1, url: `${POSTS}?page=3`, retries: 0, elapsed_ms: 35 },
  { event: 'sequence_done', resource: 'posts', stop: 'no_next_link' },
  { event: 'resource_finished', resource: 'posts', rows: { posts: 5, posts__tags: 10 }, pages: 3, requests: 4 },
  { event: 'request_sent', resource: 'comments', method: 'GET', url: COMMENTS },
  { event: 'request_answered', resource: 'comments', url: COMMENTS, status: 200, elapsed_ms: 20, bytes: 4096 },
  { event: 'page', resource: 'comments', records: 12, url: COMMENTS, retries: 0, elapsed_ms: 20 },
  { event: 'sequence_done', resource: 'comments', stop: 'single_page' },
  { event: 'resource_finished', resource: 'comments', rows: { comments: 12 }, pages: 1, requests: 1 },
];


export function runHost(extra: Partial<Host> = {}) {
  const runs: ScriptedRun[] = [];
  const loads: LoadInfo[] = [];
  const state: CursorState[] = [];
  const resets: string[] = [];
  const host = stubHost({
    startRun: async (request, onEvent) => {
      let resolve!: (s: RunSummary) => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<RunSummary>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      const run: ScriptedRun = {
        request,
        emit: onEvent,
        finish: (summary) => {
          loads.push({ load_id: summary.load_id ?? '', schema_name: 'demo', status: 0, inserted_at: '2024-06-01T12:00:02Z', schema_version_hash: 'h' });
          resolve(summary);
        },
        fail: reject,
        cancelled: false,
      };
      runs.push(run);
      return {
        run_id: `run-${runs.length}`,
        done,
        cancel: async () => {
          run.cancelled = true;
          reject({ code: 'cancelled', message: 'run cancelled', details: null });
        },
      };
    },
    listLoads: async () => [...loads],
    incrementalState: async () => state.filter((s) => !resets.includes(s.resource)),
    resetIncremental: async (_db, _pipeline, _source, resource) => {
      resets.push(resource);
    },
    ...extra,
  });
  return { host, runs, loads, state, resets };
}
