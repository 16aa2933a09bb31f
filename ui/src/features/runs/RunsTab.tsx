// The Runs tab: one-click run into SQLite with live progress, log, history, charts and the
// incremental state of each resource.
import { useState } from 'react';
import { useHost } from '../../host';
import { useSource } from '../sources/state';
import { useDbPath } from './dbPath';
import { DbPathField } from './DbPathField';
import { IncrementalPanel } from './IncrementalPanel';
import { LogPanel } from './LogPanel';
import { RequestsOverTimeChart, RowsPerTableChart, RunsTrendChart } from './RunCharts';
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
  // A run picked in the History; the newest run otherwise (a new run takes over the view).
  const [picked, setPicked] = useState<string | null>(null);
  const runs = file ? all.filter((r) => r.sourcePath === file.path) : [];
  const latest = runs[runs.length - 1] ?? null;
  const running = latest?.status === 'running';
  const shown = (!running && runs.find((r) => r.id === picked)) || latest;
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
          <button type="button" className="danger" onClick={() => void store.cancel(latest.id)} disabled={latest.cancelRequested}>
            {latest.cancelRequested ? 'Cancelling…' : 'Cancel'}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setPicked(null);
              void store.start({ source_path: file.path, db, resources: [], full_refresh: fullRefresh });
            }}
          >
            Run
          </button>
        )}
      </div>
      {dirty && <p className="notice">The run uses the saved file; save to include your unsaved edits.</p>}
      {shown ? (
        <>
          <RunProgress run={shown} now={now} />
          <LogPanel key={shown.id} entries={shown.log} startedAt={shown.startedAt} />
          <div className="charts">
            <RowsPerTableChart run={shown} />
            <RequestsOverTimeChart run={shown} now={now} />
            <RunsTrendChart runs={runs} />
          </div>
        </>
      ) : (
        <p className="muted">Run loads every resource of {file.name} into the database above.</p>
      )}
      <RunHistory db={db} runs={runs} refresh={finished} selected={shown?.id ?? null} onSelect={setPicked} />
      <IncrementalPanel db={db} pipeline={latest?.summary?.pipeline ?? file.name} sourceName={file.name} refresh={finished} />
    </div>
  );
}
