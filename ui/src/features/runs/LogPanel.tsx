// The run's log, fed by its events; filtered by minimum level.
import { useState } from 'react';
import type { LogEntry, LogLevel } from './progress';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warning: 2, error: 3 };
const MAX_SHOWN = 1000;

export function LogPanel({ entries, startedAt }: { entries: LogEntry[]; startedAt: number }) {
  const [level, setLevel] = useState<LogLevel>('info');
  const matching = entries.filter((e) => RANK[e.level] >= RANK[level]);
  // A long run logs every request: draw the newest ones only, the count says how many there are.
  const shown = matching.slice(-MAX_SHOWN);
  return (
    <section aria-label="Run log" className="card">
      <div className="row">
        <strong>Log</strong>
        <label>
          Level{' '}
          <select value={level} onChange={(e) => setLevel(e.target.value as LogLevel)}>
            <option value="debug">all (requests and pages too)</option>
            <option value="info">info and up</option>
            <option value="warning">warnings and errors</option>
            <option value="error">errors</option>
          </select>
        </label>
        <span className="muted">
          {matching.length} entries{matching.length > shown.length && ` (the last ${shown.length} shown)`}
        </span>
      </div>
      {entries.length === 0 && <p className="muted">The log of a run from an earlier session is not kept.</p>}
      <ol className="log" aria-label="Log entries">
        {shown.map((e) => (
          <li key={e.seq} className={`log-${e.level}`}>
            <span className="mono muted">+{((e.at - startedAt) / 1000).toFixed(1)}s</span>{' '}
            <span className={`level level-${e.level}`}>{e.level}</span> {e.resource && <strong>{e.resource}</strong>} {e.message}
          </li>
        ))}
      </ol>
    </section>
  );
}
