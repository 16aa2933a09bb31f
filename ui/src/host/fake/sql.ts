// The little SQL the fake host answers: `SELECT <*|columns> FROM t [WHERE c = 'v'] ... [LIMIT n]`,
// enough for the Data tab's drill-down and console demos. Anything else reads as the whole table.
import type { QueryResult } from '../types';
import type { FakeTable } from './data';

const MAX_ROWS = 10_000;

export function fakeSelect(t: FakeTable, sql: string): QueryResult {
  const list = /^\s*select\s+(.+?)\s+from\s/is.exec(sql)?.[1] ?? '*';
  const wanted = list.trim() === '*' ? t.columns : list.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  // Unknown expressions (count(*), aliases) fall back to every column, like before.
  const picked = wanted.every((c) => t.columns.includes(c)) ? wanted : t.columns;
  const where = /\bwhere\s+"?([A-Za-z0-9_]+)"?\s*=\s*'((?:[^']|'')*)'/i.exec(sql);
  let rows = t.rows;
  if (where) {
    const col = t.columns.indexOf(where[1]);
    const value = where[2].replace(/''/g, "'");
    rows = col < 0 ? [] : rows.filter((r) => String(r[col]) === value);
  }
  const limit = Math.min(Number(/\blimit\s+(\d+)/i.exec(sql)?.[1] ?? MAX_ROWS), MAX_ROWS);
  const idx = picked.map((c) => t.columns.indexOf(c));
  return {
    columns: [...picked],
    rows: rows.slice(0, limit).map((r) => idx.map((i) => r[i])),
    truncated: false,
  };
}
