// The one grid of the app. TanStack Table holds the columns and the sorting state (header
// clicks, multi-sort with Shift); the row pipeline is an index array (rowOrder.ts), because
// building a TanStack row object per row costs seconds at 100k rows. TanStack Virtual keeps only
// the rows on screen in the DOM. Sorting and filtering apply to the rows given (a loaded page, a
// query result, the preview's records).
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { getCoreRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { cellText } from './cellText';
import { rowOrder } from './rowOrder';
import './grid.css';

type Row = readonly unknown[];

export interface VirtualGridProps {
  label: string;
  columns: readonly string[];
  rows: readonly Row[];
  /** Called with the index of the clicked row in `rows`. */
  onRowClick?: (index: number) => void;
  selected?: number | null;
  height?: number;
  /** Show the filter box (client-side, over the given rows). */
  filterable?: boolean;
}

const ROW_HEIGHT = 28;
const COL_WIDTH = 170;
const NO_ROWS: Row[] = [];

export function VirtualGrid({ label, columns, rows, onRowClick, selected, height = 420, filterable = true }: VirtualGridProps) {
  const [sorting, setSorting] = useState<SortingState>([]);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const scrollRef = useRef<HTMLDivElement>(null);

  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () => columns.map((name, i) => ({ id: `c${i}`, header: name, accessorFn: (row: Row) => row[i] })),
    [columns],
  );
  const columnIds = useMemo(() => columnDefs.map((c) => c.id as string), [columnDefs]);

  // TanStack Table's API returns functions that the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable<Row>({
    data: NO_ROWS,
    columns: columnDefs,
    state: { sorting },
    onSortingChange: setSorting,
    manualSorting: true,
    sortDescFirst: false,
    getCoreRowModel: getCoreRowModel(),
  });

  const order = useMemo(() => rowOrder(rows, columnIds, deferredFilter, sorting), [rows, columnIds, deferredFilter, sorting]);

  const virtualizer = useVirtualizer({
    count: order.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const width = Math.max(1, columns.length) * COL_WIDTH;

  return (
    <div className="grid">
      {filterable && (
        <div className="grid-toolbar">
          <input
            type="search"
            aria-label={`Filter ${label}`}
            placeholder="Filter rows…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <span className="muted">{order.length === rows.length ? `${rows.length} rows` : `${order.length} of ${rows.length} rows`}</span>
        </div>
      )}
      <div ref={scrollRef} className="grid-scroll" style={{ height }}>
        <table aria-label={label} aria-rowcount={order.length + 1} style={{ width }}>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const dir = h.column.getIsSorted();
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                      style={{ width: COL_WIDTH }}
                    >
                      <button type="button" className="th-button" onClick={h.column.getToggleSortingHandler()} title={String(h.column.columnDef.header)}>
                        {String(h.column.columnDef.header)}
                        {dir === 'asc' ? ' ▲' : dir === 'desc' ? ' ▼' : ''}
                      </button>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden="true" style={{ height: padTop }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {items.map((item) => {
              const index = order[item.index];
              const row = rows[index];
              return (
                <tr
                  key={index}
                  aria-rowindex={item.index + 2}
                  aria-selected={selected === index}
                  className={onRowClick ? 'clickable' : undefined}
                  style={{ height: ROW_HEIGHT }}
                  onClick={onRowClick ? () => onRowClick(index) : undefined}
                >
                  {columns.map((_, c) => {
                    const v = row[c];
                    return (
                      <td key={c} className={v === null || v === undefined ? 'null' : undefined} title={cellText(v, 2000)}>
                        {cellText(v)}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden="true" style={{ height: padBottom }}>
                <td colSpan={columns.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
