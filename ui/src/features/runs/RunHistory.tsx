// Every run of the source (kept across restarts) with its status, duration, rows per table,
// requests and errors; a click shows that run's progress and charts. Below, the loads recorded in
// the database (_dlt_loads), which include runs made elsewhere (CLI, dlt).
import { useEffect, useState } from 'react';
import { useHost, type LoadInfo } from '../../host';
import { messageOf } from '../../components/messageOf';
import { totals, type RunRecord } from './progress';
import { formatElapsed } from './useNow';

/** dlt's load status: 0 is a completed load. */
function loadStatus(status: number): string {
  return status === 0 ? 'completed' : `status ${status}`;
}

export interface RunHistoryProps {
  db: string;
  runs: readonly RunRecord[];
  refresh: number;
  selected: string | null;
  onSelect: (id: string) => void;
}

function errorsText(r: RunRecord): string {
  const answers = totals(r).errors;
  const parts = [r.error, answers > 0 ? `${answers} error ${answers === 1 ? 'answer' : 'answers'}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : '—';
}

export function RunHistory({ db, runs, refresh, selected, onSelect }: RunHistoryProps) {
  const host = useHost();
  const [loads, setLoads] = useState<{ db: string; refresh: number; list: LoadInfo[] | null; error: string | null } | null>(null);

  useEffect(() => {
    let live = true;
    host.listLoads(db).then(
      (list) => live && setLoads({ db, refresh, list, error: null }),
      (e) => live && setLoads({ db, refresh, list: null, error: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [host, db, refresh]);

  return (
    <section aria-labelledby="history-title" className="card">
      <h3 id="history-title">History</h3>
      <h4>Runs</h4>
      {runs.length === 0 ? (
        <p className="muted">No run yet.</p>
      ) : (
        <table aria-label="Runs" className="history">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Duration</th>
              <th scope="col">Rows per table</th>
              <th scope="col">Requests</th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {[...runs].reverse().map((r) => (
              <tr key={r.id} data-selected={r.id === selected} className={r.id === selected ? 'selected' : undefined}>
                <td>
                  <button type="button" className="link" aria-pressed={r.id === selected} onClick={() => onSelect(r.id)}>
                    {new Date(r.startedAt).toLocaleString()}
                  </button>
                </td>
                <td>
                  <span className={`badge run-${r.status}`}>{r.status}</span>
                </td>
                <td>{r.summary ? formatElapsed(r.summary.elapsed_ms) : r.finishedAt ? formatElapsed(r.finishedAt - r.startedAt) : '…'}</td>
                <td className="mono">
                  {r.summary
                    ? Object.entries(r.summary.rows)
                        .map(([t, n]) => `${t}: ${n}`)
                        .join(', ') || 'nothing new'
                    : '—'}
                </td>
                <td>{totals(r).requests}</td>
                <td className="small">{errorsText(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Loads in {db}</h4>
      {!loads || loads.db !== db ? (
        <p className="muted">Loading…</p>
      ) : loads.error ? (
        <p className="muted">No loads to show ({loads.error}).</p>
      ) : loads.list && loads.list.length === 0 ? (
        <p className="muted">The database has no loads yet.</p>
      ) : (
        <table aria-label="Loads">
          <thead>
            <tr>
              <th scope="col">Load id</th>
              <th scope="col">Schema</th>
              <th scope="col">Status</th>
              <th scope="col">Inserted at</th>
            </tr>
          </thead>
          <tbody>
            {loads.list?.map((l) => (
              <tr key={l.load_id}>
                <td className="mono">{l.load_id}</td>
                <td>{l.schema_name}</td>
                <td>{loadStatus(l.status)}</td>
                <td>{l.inserted_at}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
