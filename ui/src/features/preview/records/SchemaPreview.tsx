// The tables and columns a load of the preview records would create, as the engine's normalizer
// computed them (trace.schema): child tables under their parents, each column with its dlt type,
// variant and null-only columns marked, and the engine's warnings about them first.
import type { ColumnPreview, SchemaPreview as Schema, TablePreview } from '../../../host';

function depthOf(table: TablePreview, byName: Map<string, TablePreview>): number {
  let depth = 0;
  let parent = table.parent;
  // Bounded by the table count so that a malformed cycle cannot hang the tab.
  while (parent && depth < byName.size) {
    depth++;
    parent = byName.get(parent)?.parent ?? null;
  }
  return depth;
}

function ColumnChip({ column }: { column: ColumnPreview }) {
  const classes = ['column-chip', 'mono'];
  if (column.variant) classes.push('column-variant');
  if (column.all_null) classes.push('column-null');
  const notes = [
    column.variant && 'variant column: values of another type arrived',
    column.all_null && 'null in every sampled record: not created until a value arrives',
    column.nullable && !column.all_null && 'nullable',
  ].filter(Boolean);
  return (
    <span className={classes.join(' ')} title={notes.join('; ')} data-testid="schema-column">
      {column.name} <span className="muted">{column.all_null ? 'no type' : column.data_type}</span>
      {column.variant && <> <span className="badge badge-warn">variant</span></>}
      {column.all_null && <> <span className="badge badge-warn">all null</span></>}
    </span>
  );
}

export function SchemaPreview({ schema, records }: { schema: Schema; records: number }) {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  return (
    <section aria-label="Schema preview" className="card">
      <p className="muted">
        The tables and columns a load of these {records} records would create, from the engine’s normalizer.
      </p>
      {schema.warnings.length > 0 && (
        <ul className="notice schema-warnings" aria-label="Schema warnings">
          {schema.warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
      {schema.tables.length === 0 && <p className="muted">No records, so no table.</p>}
      <ul className="schema-tables">
        {schema.tables.map((t) => (
          <li key={t.name} style={{ marginLeft: depthOf(t, byName) * 20 }} aria-label={`Table ${t.name}`}>
            <strong className="mono">{t.name}</strong>{' '}
            <span className="muted">
              {t.rows} {t.rows === 1 ? 'row' : 'rows'}
              {t.parent && <> · child of {t.parent}</>}
            </span>
            <div className="columns">
              {t.columns.map((c) => (
                <ColumnChip key={c.name} column={c} />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
