// Live progress of one run: an overall line and one row per resource.
import { resourceNames, useSource } from '../sources/state';
import { requestRate, totals, type RunRecord } from './progress';
import { formatElapsed } from './useNow';

const STATUS_TEXT = { running: 'Running', completed: 'Completed', failed: 'Failed', cancelled: 'Cancelled' } as const;

export function RunProgress({ run, now }: { run: RunRecord; now: number }) {
  const { document } = useSource();
  const t = totals(run);
  const expected = Math.max(resourceNames(document).length, t.started);
  const elapsed = (run.finishedAt ?? now) - run.startedAt;
  const fraction = expected > 0 ? t.done / expected : 0;
  return (
    <section aria-label="Run progress" className="card">
      <div className="row">
        <span className={`badge run-${run.status}`} data-testid="run-status">
          {STATUS_TEXT[run.status]}
        </span>
        <span data-testid="run-elapsed">{formatElapsed(elapsed)}</span>
        <span>
          {t.done}/{expected} resources · {t.pages} pages · {t.records} records
        </span>
      </div>
      <progress
        aria-label="Overall progress"
        max={1}
        value={run.status === 'completed' ? 1 : run.status === 'running' && t.done === 0 ? undefined : fraction}
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
                <td>{p.done ? `done${p.stop ? ` (${p.stop.replace(/_/g, ' ')})` : ''}` : run.status === 'running' ? 'fetching' : run.status}</td>
                <td>{p.pages}</td>
                <td>{p.records}</td>
                <td>{requestRate(p, now).toFixed(1)}</td>
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
