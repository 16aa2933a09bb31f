// The event stream of a fake run, shaped like the engine's: run_started, then per resource its
// requests (request_sent / request_answered), pages, a retry on a 503, the sequences of a child
// (one per parent record), resource_finished with rows per table, and run_finished. A source with
// an `issue_comments` resource (github.yaml) fails there with a 502 after its retries, so the UI's
// failure path can be seen without a backend.
import type { RunEvent, SourceDocument } from '../types';

export type FakeRunOutcome = { ok: true; rows: Record<string, number> } | { ok: false; error: string };

export interface FakeRunScript {
  events: RunEvent[];
  outcome: FakeRunOutcome;
}

const PAGE_SIZES = [4, 4, 2];
const PARENTS = [1, 2, 3];
/** The resource whose requests fail for good (the failure path). */
const FAILING = 'issue_comments';

function endpointPath(doc: SourceDocument, name: string): string {
  const entry = (Array.isArray(doc.resources) ? doc.resources : []).find(
    (r) => r === name || (r && typeof r === 'object' && (r as { name?: unknown }).name === name),
  );
  const endpoint = entry && typeof entry === 'object' ? (entry as { endpoint?: unknown }).endpoint : undefined;
  if (typeof endpoint === 'string') return endpoint;
  const path = (endpoint as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : name;
}

const PARENT_REF = /\{resources\.[A-Za-z0-9_]+\.[A-Za-z0-9_.]+\}/;

function answered(resource: string, url: string, status: number, bytes: number): RunEvent {
  return { event: 'request_answered', resource, url, status, elapsed_ms: 40 + (bytes % 37), bytes };
}

/** One request that may fail `failures` times with `status` before it succeeds (or never does). */
function request(resource: string, url: string, failures: number, status: number, succeeds: boolean): RunEvent[] {
  const out: RunEvent[] = [];
  for (let attempt = 1; attempt <= failures; attempt++) {
    out.push({ event: 'request_sent', resource, method: 'GET', url }, answered(resource, url, status, 120));
    if (attempt < failures || succeeds) {
      const reason = status === 503 ? 'Service Unavailable' : 'Bad Gateway';
      out.push({ event: 'retry', resource, url, attempt, status, reason, wait_ms: 250 * 2 ** (attempt - 1) });
    }
  }
  if (succeeds) out.push({ event: 'request_sent', resource, method: 'GET', url }, answered(resource, url, 200, 2048));
  return out;
}

export function fakeRunScript(doc: SourceDocument, pipeline: string, resources: string[], base: string): FakeRunScript {
  const events: RunEvent[] = [{ event: 'run_started', pipeline, resources }];
  const rows: Record<string, number> = {};
  for (const resource of resources) {
    events.push({ event: 'resource_started', resource });
    const path = endpointPath(doc, resource);
    const child = PARENT_REF.test(path);
    let pages = 0;
    let requests = 0;
    let records = 0;
    // A top-level resource: three pages; a child: one page per parent record.
    const urls = child
      ? PARENTS.map((id) => `${base}${path.replace(PARENT_REF, String(id))}`)
      : PAGE_SIZES.map((_, i) => `${base}${path}${i > 0 ? `?page=${i + 1}` : ''}`);
    for (const [i, url] of urls.entries()) {
      if (resource === FAILING && i === 1) {
        events.push(...request(resource, url, 3, 502, false));
        const error = `${resource}: GET ${url}: HTTP 502 Bad Gateway after 3 attempts`;
        events.push({ event: 'run_failed', error, cancelled: false });
        return { events, outcome: { ok: false, error } };
      }
      // The second request of every resource meets a 503 once, then goes through.
      const flaky = i === 1 ? 1 : 0;
      const n = child ? 2 : PAGE_SIZES[i];
      events.push(...request(resource, url, flaky, 503, true));
      events.push({ event: 'page', resource, records: n, url, retries: flaky, elapsed_ms: 45 + i * 5 });
      pages += 1;
      requests += 1 + flaky;
      records += n;
      if (child) events.push({ event: 'sequence_done', resource, stop: 'single_page' });
    }
    if (!child) events.push({ event: 'sequence_done', resource, stop: 'no_next_link' });
    const tables: Record<string, number> = { [resource]: records };
    // posts carry a list of tags: dlt's child table (as in the fake database).
    if (resource === 'posts') tables.posts__tags = records * 2;
    Object.assign(rows, tables);
    events.push({ event: 'resource_finished', resource, rows: tables, pages, requests });
  }
  return { events, outcome: { ok: true, rows } };
}
