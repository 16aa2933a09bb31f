// A run's progress, folded from its RunEvents: pure functions, so a scripted event stream gives
// the same picture in a test as the engine's channel does in the app.
import type { RunEvent, RunSummary, StopReason } from '../../host';

export interface ResourceProgress {
  resource: string;
  pages: number;
  records: number;
  retries: number;
  /** Requests sent: one per page plus its retries. */
  requests: number;
  url: string | null;
  startedAt: number;
  lastAt: number;
  done: boolean;
  stop: StopReason | null;
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

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
  order: string[];
  resources: Record<string, ResourceProgress>;
  log: LogEntry[];
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
    summary: null,
    error: null,
  };
}

function log(run: RunRecord, at: number, level: LogLevel, resource: string | null, message: string): LogEntry[] {
  return [...run.log, { seq: run.log.length, at, level, resource, message }];
}

function ensure(run: RunRecord, resource: string, now: number): RunRecord {
  if (run.resources[resource]) return run;
  const fresh: ResourceProgress = {
    resource, pages: 0, records: 0, retries: 0, requests: 0, url: null, startedAt: now, lastAt: now, done: false, stop: null,
  };
  return { ...run, order: [...run.order, resource], resources: { ...run.resources, [resource]: fresh } };
}

export function applyEvent(run: RunRecord, e: RunEvent, now: number): RunRecord {
  const r = ensure(run, e.resource, now);
  const p = r.resources[e.resource];
  const put = (next: ResourceProgress, entry: [LogLevel, string]) => ({
    ...r,
    resources: { ...r.resources, [e.resource]: next },
    log: log(r, now, entry[0], e.resource, entry[1]),
  });
  switch (e.event) {
    case 'resource_started':
      return put({ ...p, startedAt: now, lastAt: now }, ['info', 'started']);
    case 'page':
      return put(
        {
          ...p,
          pages: p.pages + 1,
          records: p.records + e.records,
          retries: p.retries + e.retries,
          requests: p.requests + 1 + e.retries,
          url: e.url,
          lastAt: now,
        },
        [e.retries > 0 ? 'warning' : 'debug', `page ${p.pages + 1}: ${e.records} records in ${e.elapsed_ms} ms${e.retries > 0 ? ` after ${e.retries} ${e.retries === 1 ? 'retry' : 'retries'}` : ''} — ${e.url}`],
      );
    case 'sequence_done':
      return put({ ...p, done: true, stop: e.stop, lastAt: now }, ['info', `done: ${p.records} records${e.stop ? `, stopped: ${e.stop.replace(/_/g, ' ')}` : ''}`]);
    case 'warning':
      return put({ ...p, lastAt: now }, ['warning', e.message]);
  }
}

export function finishRun(run: RunRecord, summary: RunSummary, now: number): RunRecord {
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  return {
    ...run,
    status: 'completed',
    finishedAt: now,
    summary,
    log: log(run, now, 'info', null, `Run completed: ${rows} rows${summary.load_id ? ` in load ${summary.load_id}` : ' (nothing new, no load written)'}`),
  };
}

export function failRun(run: RunRecord, error: { code?: string; message: string }, now: number): RunRecord {
  const cancelled = error.code === 'cancelled' || run.cancelRequested;
  return {
    ...run,
    status: cancelled ? 'cancelled' : 'failed',
    finishedAt: now,
    error: cancelled ? null : error.message,
    log: log(run, now, cancelled ? 'warning' : 'error', null, cancelled ? 'Run cancelled: the database is as the previous run left it' : `Run failed: ${error.message}`),
  };
}

/** Requests per second of a resource, over its active time. */
export function requestRate(p: ResourceProgress, now: number): number {
  const end = p.done ? p.lastAt : now;
  const seconds = (end - p.startedAt) / 1000;
  return seconds > 0 ? p.requests / seconds : 0;
}

export function totals(run: RunRecord) {
  const list = run.order.map((n) => run.resources[n]);
  return {
    records: list.reduce((n, p) => n + p.records, 0),
    pages: list.reduce((n, p) => n + p.pages, 0),
    done: list.filter((p) => p.done).length,
    started: list.length,
  };
}
