// The tables and columns a resource's records would produce (a preview of the engine's
// normalizer: names exact, types inferred from the values seen).
import { flattenRecord } from './flatten';
import { joinPath, normalizeIdentifier } from './naming';

export interface ColumnPreview {
  name: string;
  type: string;
}

export interface TablePreview {
  name: string;
  parent: string | null;
  columns: ColumnPreview[];
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function typeOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'bigint' : 'double';
  if (typeof v === 'string') return ISO_TIMESTAMP.test(v) ? 'timestamp' : 'text';
  return 'json';
}

function addRows(columns: Map<string, string | null>, rows: Record<string, unknown>[]) {
  for (const row of rows) {
    for (const [k, v] of Object.entries(row)) {
      const t = typeOf(v);
      if (!columns.has(k) || (columns.get(k) === null && t !== null)) columns.set(k, t);
    }
  }
}

type Obj = Record<string, unknown>;

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
        out.set(child, [...(out.get(child) ?? []), ...v]);
      } else if (v && typeof v === 'object') visit(v as Obj, name);
    }
  };
  for (const r of rows) if (r && typeof r === 'object' && !Array.isArray(r)) visit(r as Obj, '');
  return out;
}

const ROOT_SYSTEM: ColumnPreview[] = [
  { name: '_dlt_load_id', type: 'text' },
  { name: '_dlt_id', type: 'text' },
];
const CHILD_SYSTEM: ColumnPreview[] = [
  { name: '_dlt_parent_id', type: 'text' },
  { name: '_dlt_list_idx', type: 'bigint' },
  { name: '_dlt_id', type: 'text' },
];

export function previewTables(resource: string, records: unknown[]): TablePreview[] {
  const out: TablePreview[] = [];
  const build = (name: string, parent: string | null, rows: unknown[]) => {
    const columns = new Map<string, string | null>();
    addRows(columns, rows.map(flattenRecord));
    const typed = [...columns].filter(([, t]) => t !== null).map(([n, t]) => ({ name: n, type: t as string }));
    out.push({ name, parent, columns: [...typed, ...(parent ? CHILD_SYSTEM : ROOT_SYSTEM)] });
    for (const [child, items] of directChildren(name, rows)) build(child, name, items);
  };
  build(normalizeIdentifier(resource) ?? resource, null, records);
  return out;
}
