// A data test double: a small database shaped like a demo run (posts with tags and comments
// child tables) answering listTables, pageRows and query.
import type { Host, QueryResult, RowPage, TableInfo } from '../../host';
import { stubHost } from '../preview/testing/stubHost';

export const DEMO_TABLES: TableInfo[] = [
  { name: '_dlt_loads', parent: null, rows: 1 },
  { name: '_dlt_pipeline_state', parent: null, rows: 1 },
  { name: 'posts__tags', parent: 'posts', rows: 4 },
  { name: 'posts', parent: null, rows: 2 },
  { name: 'comments', parent: null, rows: 3 },
];

const POSTS: RowPage = {
  columns: ['id', 'title', 'author__name', '_dlt_load_id', '_dlt_id'],
  rows: [
    [1, 'Post 1', 'Ada', '1717243200.1', 'p1id'],
    [2, 'Post 2', null, '1717243200.1', 'p2id'],
  ],
  total: 2,
};

const TAGS = {
  columns: ['value', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id'],
  rows: [
    ['a', 'p1id', 0, 't1'],
    ['b', 'p1id', 1, 't2'],
    ['c', 'p2id', 0, 't3'],
    ['d', 'p2id', 1, 't4'],
  ],
};

export function dataHost(extra: Partial<Host> = {}) {
  const queries: string[] = [];
  const pageCalls: [string, number, number][] = [];
  const host = stubHost({
    listTables: async () => DEMO_TABLES,
    pageRows: async (_db, table, offset, limit) => {
      pageCalls.push([table, offset, limit]);
      if (table === 'posts') return POSTS;
      return { columns: ['id'], rows: [], total: 0 };
    },
    query: async (_db, sql): Promise<QueryResult> => {
      queries.push(sql);
      const parent = /_dlt_parent_id = '([^']*)'/.exec(sql)?.[1];
      if (parent) return { columns: TAGS.columns, rows: TAGS.rows.filter((r) => r[1] === parent), truncated: false };
      if (/count\(\*\)/i.test(sql)) return { columns: ['author__name', 'n'], rows: [['Ada', 1], [null, 1]], truncated: false };
      throw { code: 'validation', message: `no such table: nope`, details: null };
    },
    ...extra,
  });
  return { host, queries, pageCalls };
}
