// A read-only SQL console; results in the same grid.
import { useState } from 'react';
import { useHost, type QueryResult } from '../../host';
import { messageOf } from '../../components/messageOf';
import { looksReadOnly } from './sql';
import { VirtualGrid } from './VirtualGrid';

export function SqlConsole({ db, initial }: { db: string; initial: string }) {
  const host = useHost();
  const [sql, setSql] = useState(initial);
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  async function run() {
    if (!looksReadOnly(sql)) {
      setError('The console is read-only: SELECT, WITH, PRAGMA, EXPLAIN or VALUES only.');
      return;
    }
    setRunning(true);
    setError(null);
    try {
      setResult(await host.query(db, sql));
    } catch (e) {
      setResult(null);
      setError(messageOf(e));
    } finally {
      setRunning(false);
    }
  }

  return (
    <section aria-label="SQL console" className="card">
      <label htmlFor="sql-input">
        <strong>SQL</strong> <span className="muted">(read-only; Ctrl+Enter runs)</span>
      </label>
      <textarea
        id="sql-input"
        className="sql"
        rows={4}
        spellCheck={false}
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void run();
          }
        }}
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void run()} disabled={running}>
          Run query
        </button>
        {result && (
          <span className="muted">
            {result.rows.length} rows{result.truncated ? ' (truncated: refine the query to see more)' : ''}
          </span>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {result && <VirtualGrid label="Query result" columns={result.columns} rows={result.rows} height={300} />}
    </section>
  );
}
