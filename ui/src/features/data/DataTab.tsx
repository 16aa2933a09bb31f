// The Data tab: the database's tables as a tree, a table's rows, drill-down to child rows, and a
// read-only SQL console.
import { useState } from 'react';
import { useHost } from '../../host';
import { useSource } from '../sources/state';
import { useDbPath } from '../runs/dbPath';
import { DbPathField } from '../runs/DbPathField';
import { runStoreFor, useRuns } from '../runs/runStore';
import { ChildRows } from './ChildRows';
import { RowsView } from './RowsView';
import { SqlConsole } from './SqlConsole';
import { childTables } from './tableTree';
import { TableTree } from './TableTree';
import { useAsync } from './useAsync';
import { quoteIdent } from './sql';
import '../preview/workbench.css';
import './grid.css';
import './data.css';

export function DataTab() {
  const host = useHost();
  const { file, untitled } = useSource();
  const [db, setDb] = useDbPath(host, file);
  // A finished run changes the data: reload.
  const finished = useRuns(runStoreFor(host)).filter((r) => r.status !== 'running').length;
  const [reloads, setReloads] = useState(0);
  const refresh = finished + reloads;
  const { value: tables, error } = useAsync(db ? `${db}\n${refresh}` : null, () => host.listTables(db as string));
  const [selected, setSelected] = useState<string | null>(null);
  const [drill, setDrill] = useState<{ table: string; id: string } | null>(null);

  if (!file || !db) return <p className="muted">Open a source to browse its database.</p>;
  if (untitled) return <p className="muted">Save this source and run it to browse its database.</p>;
  const table = selected && tables?.some((t) => t.name === selected) ? selected : (tables?.find((t) => !t.parent && !t.name.startsWith('_dlt_'))?.name ?? null);
  const children = table && tables ? childTables(tables, table) : [];

  return (
    <div className="data-tab">
      <div className="toolbar">
        <DbPathField db={db} onChange={setDb} />
        <button type="button" onClick={() => setReloads((n) => n + 1)}>
          Refresh
        </button>
      </div>
      {error && <p className="muted">Cannot read {db}: {error}</p>}
      <div className="data-layout">
        {tables && <TableTree tables={tables} selected={table} onSelect={(t) => { setSelected(t); setDrill(null); }} />}
        <div className="data-main">
          {table && (
            <RowsView
              key={`${db}\n${table}`}
              db={db}
              table={table}
              refresh={refresh}
              onRow={(columns, row) => {
                const i = columns.indexOf('_dlt_id');
                setDrill(i >= 0 && row[i] != null ? { table, id: String(row[i]) } : null);
              }}
            />
          )}
          {drill && drill.table === table && children.length > 0 && <ChildRows key={drill.id} db={db} parentId={drill.id} children={children} />}
          {drill && drill.table === table && children.length === 0 && <p className="muted">{table} has no child tables.</p>}
          {(tables || error) && (
            <SqlConsole key={db} db={db} initial={table ? `SELECT * FROM ${quoteIdent(table)} LIMIT 100` : 'SELECT name FROM sqlite_master'} />
          )}
        </div>
      </div>
    </div>
  );
}
