// The Runs tab: one-click run into SQLite with live progress, log, history, charts and the
// incremental state of each resource.
import { useState } from 'react';
import { useHost } from '../../host';
import { useSource } from '../sources/state';
import { useDbPath } from './dbPath';
import { DbPathField } from './DbPathField';
import { IncrementalPanel } from './IncrementalPanel';
import { LogPanel } from './LogPanel';
import { RowsPerTableChart, RunsTrendChart } from './RunCharts';
import { RunHistory } from './RunHistory';
import { RunProgress } from './RunProgress';
import { runStoreFor, useRuns } from './runStore';
import { useNow } from './useNow';
import '../preview/workbench.css';
import './runs.css';

export function RunsTab() {
  const host = useHost();
  const { file, dirty, untitled } = useSource();
  const store = runStoreFor(host);
  const all = useRuns(store);
  const [db, setDb] = useDbPath(host, file);
  const [fullRefresh, setFullRefresh] = useState(false);
  const runs = file ? all.filter((r) => r.sourcePath === file.path) : [];
  const current = runs[runs.length - 1] ?? null;
  const running = current?.status === 'running';
  const now = useNow(running);
  const finished = runs.filter((r) => r.status !== 'running').length;

  if (!file || !db) return <p className="muted">Open a source to run it.</p>;
  if (untitled) return <p className="muted">Save this source to a file first: a run reads the saved file and loads next to it.</p>;

  return (
    <div className="runs-tab">
      <div className="toolbar">
        <DbPathField db={db} onChange={setDb} />
        <label>
          <input type="checkbox" checked={fullRefresh} onChange={(e) => setFullRefresh(e.target.checked)} /> Full refresh
        </label>
        {running ? (
          <button type="button" className="danger" onClick={() => void store.cancel(current.id)} disabled={current.cancelRequested}>
            {current.cancelRequested ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void store.start({ source_path: file.path, db, resources: [], full_refresh: fullRefresh })}
          >
            Run
          </button>
        )}
      </div>
      {dirty && <p className="notice">The run uses the saved file; save to include your unsaved edits.</p>}
      {current ? (
        <>
          <RunProgress run={current} now={now} />
          <LogPanel key={current.id} entries={current.log} startedAt={current.startedAt} />
          <div className="charts">
            <RowsPerTableChart run={current} />
            <RunsTrendChart runs={runs} />
          </div>
        </>
      ) : (
        <p className="muted">Run loads every resource of {file.name} into the database above.</p>
      )}
      <RunHistory db={db} runs={runs} refresh={finished} />
      <IncrementalPanel db={db} pipeline={current?.summary?.pipeline ?? file.name} sourceName={file.name} refresh={finished} />
    </div>
  );
}
