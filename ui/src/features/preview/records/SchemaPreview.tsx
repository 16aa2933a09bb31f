import { useMemo } from 'react';
import { previewTables } from './schema';

export function SchemaPreview({ resource, records }: { resource: string; records: unknown[] }) {
  const tables = useMemo(() => previewTables(resource, records), [resource, records]);
  return (
    <section aria-label="Schema preview" className="card">
      <p className="muted">The tables and columns these records would produce (types inferred from the values seen).</p>
      <ul className="schema-tables">
        {tables.map((t) => (
          <li key={t.name} style={{ marginLeft: (t.name.split('__').length - 1) * 16 }}>
            <strong className="mono">{t.name}</strong>
            {t.parent && <span className="muted"> (child of {t.parent})</span>}
            <div className="columns">
              {t.columns.map((c) => (
                <span key={c.name} className="column-chip mono">
                  {c.name} <span className="muted">{c.type}</span>
                </span>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
