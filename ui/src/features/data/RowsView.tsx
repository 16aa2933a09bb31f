// A page of a table's rows (host.pageRows), with paging; a click on a row drills down.
import { useState } from 'react';
import { useHost } from '../../host';
import { useAsync } from './useAsync';
import { VirtualGrid } from './VirtualGrid';

export const PAGE_SIZE = 500;

export interface RowsViewProps {
  db: string;
  table: string;
  refresh: number;
  onRow?: (columns: string[], row: unknown[]) => void;
}

export function RowsView({ db, table, refresh, onRow }: RowsViewProps) {
  const host = useHost();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const { value: page, error, loading } = useAsync(`${db}\n${table}\n${offset}\n${refresh}`, () => host.pageRows(db, table, offset, PAGE_SIZE));

  return (
    <section aria-label={`Rows of ${table}`} className="card">
      <div className="row">
        <strong className="mono">{table}</strong>
        {page && (
          <span className="muted">
            rows {page.total === 0 ? 0 : offset + 1}–{Math.min(offset + page.rows.length, page.total)} of {page.total}
          </span>
        )}
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}>
          ← Previous
        </button>
        <button type="button" disabled={!page || offset + PAGE_SIZE >= page.total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Next →
        </button>
        {loading && <span className="muted">Loading…</span>}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {page && (
        <VirtualGrid
          label={`Table ${table}`}
          columns={page.columns}
          rows={page.rows}
          selected={selected}
          onRowClick={
            onRow
              ? (i) => {
                  setSelected(i);
                  onRow(page.columns, page.rows[i]);
                }
              : undefined
          }
        />
      )}
    </section>
  );
}
