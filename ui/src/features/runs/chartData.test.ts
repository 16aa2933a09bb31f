import { describe, expect, it } from 'vitest';
import { acrossRuns, requestsOverTime, rowsPerTable } from './chartData';
import { applyEvent, newRun, type RunRecord } from './progress';

function runWithRequests(at: number[]): RunRecord {
  let run = newRun('r', '/s.json', '/s.sqlite', 0);
  for (const t of at) run = applyEvent(run, { event: 'request_sent', resource: 'a', method: 'GET', url: 'u' }, t);
  return run;
}

describe('chart data', () => {
  it('buckets requests per second over the run', () => {
    // 4 requests in the first 500 ms, 1 at 1.2 s, run still going at 2 s: 100 ms buckets.
    const run = runWithRequests([0, 100, 200, 450, 1200]);
    const series = requestsOverTime(run, 2000);
    expect(series).toHaveLength(20);
    expect(series.slice(0, 5).map((p) => p.rps)).toEqual([10, 10, 10, 0, 10]);
    expect(series[12]).toEqual({ t: 1.2, rps: 10 });
    expect(series.reduce((n, p) => n + p.rps / 10, 0)).toBe(5);
    // A long run gets wider buckets, never more than 60 points.
    const long = requestsOverTime(runWithRequests([0, 59_000, 119_000]), 120_000);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.reduce((n, p) => n + p.rps * 2, 0)).toBe(3);
  });

  it('takes rows from finished resources until the summary comes', () => {
    let run = newRun('r', '/s.json', '/s.sqlite', 0);
    run = applyEvent(run, { event: 'resource_finished', resource: 'posts', rows: { posts: 5, posts__tags: 9 }, pages: 1, requests: 1 }, 10);
    expect(rowsPerTable(run)).toEqual([
      { table: 'posts', rows: 5 },
      { table: 'posts__tags', rows: 9 },
    ]);
    run = applyEvent(run, { event: 'run_finished', summary: { pipeline: 'p', load_id: '1', rows: { posts: 6 }, elapsed_ms: 1500 } }, 20);
    expect(run.status).toBe('completed');
    expect(rowsPerTable(run)).toEqual([{ table: 'posts', rows: 6 }]);
    expect(acrossRuns([run, { ...run, id: 'q', status: 'failed', summary: null, finishedAt: 500 }])).toEqual([
      { run: '#1', seconds: 1.5, rows: 6, status: 'completed' },
      { run: '#2', seconds: 0.5, rows: 0, status: 'failed' },
    ]);
  });
});
