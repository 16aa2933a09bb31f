// Live progress of one run: an overall line and bar, and one row per resource (the resources the
// run announced are listed from the start, waiting until their first request).
import { resourceNames, useSource } from '../sources/state';
import { requestRate, totals, type ResourceProgress, type RunRecord } from './progress';
import { formatElapsed } from './useNow';

const STATUS_TEXT = { running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' } as const;

function stateText(run: RunRecord, p: ResourceProgress): string {
  if (p.state === 'done') return `done${p.stop ? ` (${p.stop.replace(/_/g, ' ')})` : ''}`;
  if (run.status !== 'running') return run.status === 'completed' ? 'done' : `${run.status}`;
  return p.state;
}

export function RunProgress({ run, now }: { run: RunRecord; now: number }) {
  const { document } = useSource();
  const t = totals(run);
  const expected = Math.max(resourceNames(document).length, t.started);
  const elapsed = (run.finishedAt ?? now) - run.startedAt;
  // Page counts are unknown ahead, so a resource being fetched counts half.
  const fetching = run.order.filter((n) => run.resources[n].state === 'fetching').length;
  const fraction = expected > 0 ? (t.done + fetching / 2) / expected : 0;
  return (
    <section aria-label="Run progress" className="card">
      <div className="row">
        <span className={`badge run-${run.status}`} data-testid="run-status">
          {STATUS_TEXT[run.status]}
        </span>
        <span data-testid="run-elapsed">{formatElapsed(elapsed)}</span>
        <span data-testid="run-totals">
          {t.done}/{expected} resources · {t.pages} pages · {t.records} records · {t.requests} requests
          {t.retries > 0 && ` · ${t.retries} ${t.retries === 1 ? 'retry' : 'retries'}`}
          {t.errors > 0 && ` · ${t.errors} error ${t.errors === 1 ? 'answer' : 'answers'}`}
        </span>
      </div>
      <progress
        aria-label="Overall progress"
        max={1}
        value={run.status === 'completed' ? 1 : run.status === 'running' && t.done + fetching === 0 ? undefined : fraction}
      />
      {run.error && (
        <p role="alert" className="error">
          {run.error}
        </p>
      )}
      <table className="progress" aria-label="Progress per resource">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">State</th>
            <th scope="col">Pages</th>
            <th scope="col">Records</th>
            <th scope="col">Requests/s</th>
            <th scope="col">Retries</th>
            <th scope="col">Current URL</th>
          </tr>
        </thead>
        <tbody>
          {run.order.map((name) => {
            const p = run.resources[name];
            return (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>{stateText(run, p)}</td>
                <td>{p.pages}</td>
                <td>{p.records}</td>
                <td>{requestRate(p, now, run.status === 'running').toFixed(1)}</td>
                <td>{p.retries > 0 ? <span className="badge badge-warn">{p.retries}</span> : 0}</td>
                <td className="url mono" title={p.url ?? ''}>
                  {p.url ?? '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
