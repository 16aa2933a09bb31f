// A run's progress, folded from its RunEvents: pure functions, so a scripted event stream gives
// the same picture in a test as the engine's channel does in the app.
import type { RunEvent, RunSummary, StopReason } from '../../host';
import { eventLog, type LogLevel } from './eventLog';

export type { LogLevel } from './eventLog';

export type ResourceState = 'waiting' | 'fetching' | 'done';

export interface ResourceProgress {
  resource: string;
  state: ResourceState;
  pages: number;
  records: number;
  retries: number;
  /** Requests sent, retries included. */
  requests: number;
  /** Answers with a 4xx/5xx status. */
  errors: number;
  /** The last URL requested (the engine redacts secrets before it leaves the engine). */
  url: string | null;
  startedAt: number;
  lastAt: number;
  /** The last sequence's stop reason (a child has one sequence per parent record). */
  stop: StopReason | null;
  /** Rows written per table, from resource_finished. */
  rows: Record<string, number> | null;
}

export interface LogEntry {
  seq: number;
  at: number;
  level: LogLevel;
  resource: string | null;
  message: string;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface RunRecord {
  id: string;
  sourcePath: string;
  db: string;
  startedAt: number;
  finishedAt: number | null;
  status: RunStatus;
  cancelRequested: boolean;
  /** Resources in the order the run announced (run_started) or started them. */
  order: string[];
  resources: Record<string, ResourceProgress>;
  log: LogEntry[];
  /** When each request went out, in ms since `startedAt` (for the requests-over-time chart). */
  requestTimes: number[];
  /** True once request_sent events arrive: then they, not pages, count requests and retries. */
  perRequest: boolean;
  summary: RunSummary | null;
  error: string | null;
}

export function newRun(id: string, sourcePath: string, db: string, now: number): RunRecord {
  return {
    id,
    sourcePath,
    db,
    startedAt: now,
    finishedAt: null,
    status: 'running',
    cancelRequested: false,
    order: [],
    resources: {},
    log: [{ seq: 0, at: now, level: 'info', resource: null, message: `Run started → ${db}` }],
    requestTimes: [],
    perRequest: false,
    summary: null,
    error: null,
  };
}

function appendLog(run: RunRecord, at: number, level: LogLevel, resource: string | null, message: string): LogEntry[] {
  return [...run.log, { seq: run.log.length, at, level, resource, message }];
}

function fresh(resource: string, now: number): ResourceProgress {
  return {
    resource, state: 'waiting', pages: 0, records: 0, retries: 0, requests: 0, errors: 0, url: null,
    startedAt: now, lastAt: now, stop: null, rows: null,
  };
}

function ensure(run: RunRecord, resource: string, now: number): RunRecord {
  if (run.resources[resource]) return run;
  return { ...run, order: [...run.order, resource], resources: { ...run.resources, [resource]: fresh(resource, now) } };
}

/** The resource's progress after an event about it. */
function nextProgress(run: RunRecord, p: ResourceProgress, e: Extract<RunEvent, { resource: string }>, now: number): ResourceProgress {
  const touched = { ...p, lastAt: now, state: p.state === 'waiting' ? ('fetching' as const) : p.state };
  switch (e.event) {
    case 'resource_started':
      return { ...touched, startedAt: now };
    case 'request_sent':
      return { ...touched, requests: p.requests + 1, url: e.url };
    case 'request_answered':
      return { ...touched, errors: p.errors + (e.status >= 400 ? 1 : 0) };
    case 'retry':
      return { ...touched, retries: p.retries + 1 };
    case 'page':
      return {
        ...touched,
        pages: p.pages + 1,
        records: p.records + e.records,
        url: e.url,
        // Older streams have no request events: a page stands for its request and retries.
        ...(run.perRequest ? {} : { requests: p.requests + 1 + e.retries, retries: p.retries + e.retries }),
      };
    case 'sequence_done':
      return { ...touched, stop: e.stop };
    case 'warning':
      return touched;
    case 'resource_finished':
      return { ...touched, state: 'done', rows: e.rows, pages: Math.max(p.pages, e.pages), requests: Math.max(p.requests, e.requests) };
  }
}

export function applyEvent(run: RunRecord, e: RunEvent, now: number): RunRecord {
  const at = now;
  const entry = eventLog(e, run);
  const log = entry ? appendLog(run, at, entry.level, 'resource' in e ? e.resource : null, entry.message) : run.log;
  switch (e.event) {
    case 'run_started': {
      let r = run;
      for (const name of e.resources) r = ensure(r, name, now);
      return { ...r, log };
    }
    case 'run_finished':
      return finishRun({ ...run, log }, e.summary, now, false);
    case 'run_failed':
      return failRun({ ...run, log }, { code: e.cancelled ? 'cancelled' : undefined, message: e.error }, now, false);
    default: {
      const r = ensure(run, e.resource, now);
      const perRequest = r.perRequest || e.event === 'request_sent';
      const next = nextProgress({ ...r, perRequest }, r.resources[e.resource], e, now);
      const requestTimes = e.event === 'request_sent' ? [...r.requestTimes, now - r.startedAt] : r.requestTimes;
      return { ...r, perRequest, requestTimes, log, resources: { ...r.resources, [e.resource]: next } };
    }
  }
}

/** The run completed; `withLog` adds the closing line (the run_finished event already did). */
export function finishRun(run: RunRecord, summary: RunSummary, now: number, withLog = true): RunRecord {
  if (run.status !== 'running') return run;
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  const message = `Run completed: ${rows} rows${summary.load_id ? ` in load ${summary.load_id}` : ' (nothing new, no load written)'}`;
  const resources = Object.fromEntries(Object.entries(run.resources).map(([k, p]) => [k, { ...p, state: 'done' as const }]));
  return {
    ...run,
    status: 'completed',
    finishedAt: now,
    summary,
    resources,
    log: withLog ? appendLog(run, now, 'info', null, message) : run.log,
  };
}

export function failRun(run: RunRecord, error: { code?: string; message: string }, now: number, withLog = true): RunRecord {
  if (run.status !== 'running') return run;
  const cancelled = error.code === 'cancelled' || run.cancelRequested;
  const message = cancelled ? 'Run cancelled: the database is as the previous run left it' : `Run failed: ${error.message}`;
  return {
    ...run,
    status: cancelled ? 'cancelled' : 'failed',
    finishedAt: now,
    error: cancelled ? null : error.message,
    log: withLog ? appendLog(run, now, cancelled ? 'warning' : 'error', null, message) : run.log,
  };
}

/** Requests per second of a resource, over its active time. */
export function requestRate(p: ResourceProgress, now: number, running: boolean): number {
  const end = p.state === 'done' || !running ? p.lastAt : now;
  const seconds = (end - p.startedAt) / 1000;
  return seconds > 0 ? p.requests / seconds : 0;
}

export function totals(run: RunRecord) {
  const list = run.order.map((n) => run.resources[n]);
  return {
    records: list.reduce((n, p) => n + p.records, 0),
    pages: list.reduce((n, p) => n + p.pages, 0),
    requests: list.reduce((n, p) => n + p.requests, 0),
    retries: list.reduce((n, p) => n + p.retries, 0),
    errors: list.reduce((n, p) => n + p.errors, 0),
    done: list.filter((p) => p.state === 'done').length,
    started: list.length,
  };
}
