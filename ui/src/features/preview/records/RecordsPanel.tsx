// The selected records as the table's columns (dlt names), after processing steps or, toggled,
// as they came before them.
import { useMemo, useState } from 'react';
import { VirtualGrid } from '../../data/VirtualGrid';
import { flattenRecords } from './flatten';

export function RecordsPanel({ records, rawRecords }: { records: unknown[]; rawRecords: unknown[] }) {
  const [raw, setRaw] = useState(false);
  const shown = raw ? rawRecords : records;
  const { columns, rows } = useMemo(() => {
    const flat = flattenRecords(shown);
    return { columns: flat.columns, rows: flat.rows.map((r) => flat.columns.map((c) => r[c])) };
  }, [shown]);
  const differs = rawRecords.length !== records.length || rawRecords !== records;
  return (
    <section aria-label="Records" className="card">
      <div className="row">
        <strong>
          {shown.length} {raw ? 'raw records (before processing steps)' : 'records'}
        </strong>
        <label>
          <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} disabled={!differs} /> Show raw
          records before processing steps
        </label>
      </div>
      <VirtualGrid label={raw ? 'Raw records' : 'Records'} columns={columns} rows={rows} />
    </section>
  );
}
