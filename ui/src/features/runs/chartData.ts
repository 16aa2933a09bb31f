// The series the run charts draw, computed from run records (pure, tested without a renderer).
import type { RunRecord } from './progress';

const BUCKETS_MS = [100, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000];
/** At most this many points per line: a long run is summarised, not drawn request by request. */
const MAX_POINTS = 60;

/** Rows per table: the summary's once the run completed, else what finished resources wrote. */
export function rowsPerTable(run: RunRecord): { table: string; rows: number }[] {
  const rows: Record<string, number> = run.summary
    ? run.summary.rows
    : Object.assign({}, ...run.order.map((n) => run.resources[n]?.rows ?? {}));
  return Object.entries(rows).map(([table, n]) => ({ table, rows: n }));
}

/** Requests per second over the run, in equal buckets from its start to its end (or `now`). */
export function requestsOverTime(run: RunRecord, now: number): { t: number; rps: number }[] {
  const times = run.requestTimes;
  if (times.length === 0) return [];
  const duration = Math.max((run.finishedAt ?? now) - run.startedAt, times[times.length - 1] + 1);
  const bucket = BUCKETS_MS.find((b) => duration / b <= MAX_POINTS) ?? BUCKETS_MS[BUCKETS_MS.length - 1];
  const counts = new Array<number>(Math.ceil(duration / bucket)).fill(0);
  for (const t of times) counts[Math.min(counts.length - 1, Math.floor(Math.max(0, t) / bucket))]++;
  return counts.map((n, i) => ({ t: Number(((i * bucket) / 1000).toFixed(2)), rps: Number((n / (bucket / 1000)).toFixed(2)) }));
}

/** One point per finished run of the list, oldest first: duration and rows loaded. */
export function acrossRuns(runs: readonly RunRecord[]): { run: string; seconds: number; rows: number; status: string }[] {
  return runs
    .filter((r) => r.status !== 'running' && r.finishedAt !== null)
    .map((r, i) => ({
      run: `#${i + 1}`,
      seconds: Number((((r.summary?.elapsed_ms ?? (r.finishedAt ?? r.startedAt) - r.startedAt)) / 1000).toFixed(2)),
      rows: Object.values(r.summary?.rows ?? {}).reduce((a, b) => a + b, 0),
      status: r.status,
    }));
}
