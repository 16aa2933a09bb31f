// The fake host's stand-in for the engine's normalizer preview: the tables and typed columns a load
// of the preview records would create. Names come from the UI's dlt naming code; types follow the
// engine's rules closely enough for the UI (first non-null value types a column, a later value
// that cannot be coerced goes to a `<col>__v_<type>` variant column, nulls never type a column).
import { flattenRecord } from '../../features/preview/records/flatten';
import { joinPath, normalizeIdentifier } from '../../features/preview/records/naming';
import type { ColumnPreview, SchemaPreview, TablePreview } from '../types';

type Obj = Record<string, unknown>;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function typeOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'bigint' : 'double';
  if (typeof v === 'string') return ISO_TIMESTAMP.test(v) ? 'timestamp' : 'text';
  return 'json';
}

/** dlt coerces any scalar into text and integers into double; anything else needs a variant. */
function coerces(to: string, from: string): boolean {
  return to === from || to === 'text' || (to === 'double' && from === 'bigint');
}

interface Col {
  type: string | null;
  nonNull: number;
  seen: number;
  variant: boolean;
}

function columnsOf(rows: Obj[]): ColumnPreview[] {
  const cols = new Map<string, Col>();
  for (const row of rows) {
    for (const [name, v] of Object.entries(row)) {
      const t = typeOf(v);
      const col = cols.get(name) ?? { type: null, nonNull: 0, seen: 0, variant: false };
      cols.set(name, col);
      col.seen++;
      if (t === null) continue;
      if (col.type === null || coerces(col.type, t)) {
        col.type ??= t;
        col.nonNull++;
        continue;
      }
      const vname = `${name}__v_${t}`;
      const variant = cols.get(vname) ?? { type: t, nonNull: 0, seen: 0, variant: true };
      cols.set(vname, variant);
      variant.seen++;
      variant.nonNull++;
    }
  }
  return [...cols].map(([name, c]) => ({
    name,
    data_type: c.type ?? 'text',
    nullable: c.nonNull < rows.length,
    variant: c.variant,
    all_null: c.type === null,
  }));
}

/** The direct child tables of rows of `table`, with the list items that feed each. */
function directChildren(table: string, rows: unknown[]): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  const visit = (obj: Obj, prefix: string) => {
    for (const [k, v] of Object.entries(obj)) {
      const norm = normalizeIdentifier(k);
      if (norm === null) continue;
      const name = prefix ? joinPath([prefix, norm]) : norm;
      if (Array.isArray(v)) {
        const child = joinPath([table, name]);
        const items = out.get(child) ?? [];
        out.set(child, items);
        for (const item of v) items.push(item);
      } else if (v && typeof v === 'object') visit(v as Obj, name);
    }
  };
  for (const r of rows) if (r && typeof r === 'object' && !Array.isArray(r)) visit(r as Obj, '');
  return out;
}

const sys = (name: string, data_type: string): ColumnPreview => ({ name, data_type, nullable: false, variant: false, all_null: false });
const ROOT_SYSTEM = [sys('_dlt_load_id', 'text'), sys('_dlt_id', 'text')];
const CHILD_SYSTEM = [sys('_dlt_parent_id', 'text'), sys('_dlt_list_idx', 'bigint'), sys('_dlt_id', 'text')];

export function fakeSchema(resource: string, records: unknown[]): SchemaPreview {
  const tables: TablePreview[] = [];
  const warnings: string[] = [];
  const build = (name: string, parent: string | null, rows: unknown[]) => {
    const columns = columnsOf(rows.map(flattenRecord));
    for (const c of columns) {
      if (c.all_null) warnings.push(`${name}.${c.name} is null in every sampled record: the load will not create it until a value arrives`);
      if (c.variant) warnings.push(`${name}.${c.name} is a variant column: some values did not fit the column's type`);
    }
    tables.push({ name, parent, rows: rows.length, columns: [...columns, ...(parent ? CHILD_SYSTEM : ROOT_SYSTEM)] });
    for (const [child, items] of directChildren(name, rows)) build(child, name, items);
  };
  build(normalizeIdentifier(resource) ?? resource, null, records);
  return { tables, warnings };
}
