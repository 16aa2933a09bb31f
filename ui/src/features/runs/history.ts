// Finished runs kept across app restarts (the webview's localStorage), so the History lists every
// run, not only this session's. Logs are dropped (they can be long); the numbers stay.
import type { RunRecord } from './progress';

const KEY = 'pipewright.runs.v1';
/** Enough for months of manual runs; the oldest go first. */
const MAX_RUNS = 200;
/** Request times beyond this are thinned out: the chart needs the shape, not every request. */
const MAX_TIMES = 2000;

export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function thin(times: number[]): number[] {
  if (times.length <= MAX_TIMES) return times;
  const step = times.length / MAX_TIMES;
  return Array.from({ length: MAX_TIMES }, (_, i) => times[Math.floor(i * step)]);
}

export function loadHistory(storage: HistoryStorage | null): RunRecord[] {
  if (!storage) return [];
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as RunRecord[]).filter((r) => r && typeof r.id === 'string' && r.status !== 'running') : [];
  } catch {
    // A corrupt entry costs the history, not the app.
    return [];
  }
}

export function saveHistory(storage: HistoryStorage | null, runs: readonly RunRecord[]): void {
  if (!storage) return;
  const done = runs
    .filter((r) => r.status !== 'running')
    .slice(-MAX_RUNS)
    .map((r) => ({ ...r, log: [], requestTimes: thin(r.requestTimes), cancelRequested: false }));
  try {
    storage.setItem(KEY, JSON.stringify(done));
  } catch {
    // Storage full or unavailable: the session still has its runs.
  }
}

/** The browser's localStorage when there is one (not in every test environment). */
export function defaultStorage(): HistoryStorage | null {
  try {
    return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null;
  } catch {
    return null;
  }
}
