import { describe, expect, it } from 'vitest';
import { childRowsSql, looksReadOnly } from './sql';
import { buildTableTree } from './tableTree';

describe('buildTableTree', () => {
  it('puts child tables under their parents and system tables apart', () => {
    const { data, system } = buildTableTree([
      { name: 'posts__tags', parent: 'posts', rows: 10 },
      { name: '_dlt_loads', parent: null, rows: 2 },
      { name: 'posts', parent: null, rows: 5 },
      { name: 'comments', parent: null, rows: 12 },
      { name: 'posts__comments__likes', parent: 'posts__comments', rows: 3 },
      { name: 'posts__comments', parent: 'posts', rows: 4 },
    ]);
    const shape = (n: (typeof data)[number]): unknown => [n.table.name, n.children.map(shape)];
    expect(data.map(shape)).toEqual([
      ['comments', []],
      ['posts', [['posts__comments', [['posts__comments__likes', []]]], ['posts__tags', []]]],
    ]);
    expect(system.map((t) => t.name)).toEqual(['_dlt_loads']);
  });
});

describe('sql', () => {
  it('quotes child-row queries', () => {
    expect(childRowsSql('posts__tags', "a'b")).toBe(
      `SELECT * FROM "posts__tags" WHERE _dlt_parent_id = 'a''b' ORDER BY _dlt_list_idx LIMIT 1000`,
    );
  });

  it('recognises read-only statements', () => {
    expect(looksReadOnly('-- hi\n select 1')).toBe(true);
    expect(looksReadOnly('WITH x AS (SELECT 1) SELECT * FROM x')).toBe(true);
    expect(looksReadOnly('delete from posts')).toBe(false);
  });
});
