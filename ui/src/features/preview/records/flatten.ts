// Flattens records the way dlt's relational normalizer does: nested objects become `a__b` columns,
// lists become child tables (left out of the parent's columns).
import { joinPath, normalizeIdentifier } from './naming';

export type FlatRow = Record<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One record as the columns of its table; a scalar record becomes `value`, as in dlt. */
export function flattenRecord(record: unknown): FlatRow {
  const out: FlatRow = {};
  if (!isPlainObject(record)) {
    out.value = record;
    return out;
  }
  walk(record, '', out);
  return out;
}

function walk(obj: Record<string, unknown>, prefix: string, out: FlatRow) {
  for (const [key, value] of Object.entries(obj)) {
    const norm = normalizeIdentifier(key);
    if (norm === null) continue;
    const name = prefix ? joinPath([prefix, norm]) : norm;
    if (Array.isArray(value)) continue; // a child table
    if (isPlainObject(value)) walk(value, name, out);
    else out[name] = value;
  }
}

/** The lists of a record: the child tables it feeds (`table__key`), nested lists included. */
export function childTableNames(table: string, record: unknown, into: Set<string> = new Set()): Set<string> {
  if (!isPlainObject(record)) return into;
  collectLists(record, table, '', into);
  return into;
}

function collectLists(obj: Record<string, unknown>, table: string, prefix: string, into: Set<string>) {
  for (const [key, value] of Object.entries(obj)) {
    const norm = normalizeIdentifier(key);
    if (norm === null) continue;
    const name = prefix ? joinPath([prefix, norm]) : norm;
    if (Array.isArray(value)) {
      const child = joinPath([table, name]);
      into.add(child);
      for (const item of value) childTableNames(child, item, into);
    } else if (isPlainObject(value)) collectLists(value, table, name, into);
  }
}

/** Flat rows and the union of their columns in first-seen order. */
export function flattenRecords(records: readonly unknown[]): { columns: string[]; rows: FlatRow[] } {
  const seen = new Set<string>();
  const columns: string[] = [];
  const rows = records.map((r) => {
    const row = flattenRecord(r);
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
    return row;
  });
  return { columns, rows };
}
