import { describe, expect, it } from 'vitest';
import { pathKey } from './jsonPath';
import { searchJson } from './search';
import { ancestorKeys, preview, visibleRows } from './treeRows';

const body = { data: [{ id: 1, name: 'Ada' }, { id: 2, name: 'Bob' }], next: null };

describe('visibleRows', () => {
  it('walks only expanded containers, in document order', () => {
    const rows = visibleRows(body, new Set([pathKey([]), pathKey(['data']), pathKey(['data', 1])]));
    expect(rows.map((r) => r.key)).toEqual([
      '[]',
      '["data"]',
      '["data",0]',
      '["data",1]',
      '["data",1,"id"]',
      '["data",1,"name"]',
      '["next"]',
    ]);
    expect(preview(rows[2])).toBe('{…} 2 keys');
    expect(preview(rows[5])).toBe('"Bob"');
  });

  it('stays cheap on a large collapsed array', () => {
    const big = { items: Array.from({ length: 200_000 }, (_, i) => ({ id: i })) };
    const t = performance.now();
    const rows = visibleRows(big, new Set([pathKey([])]));
    expect(rows).toHaveLength(2);
    expect(preview(rows[1])).toBe('[…] 200000 items');
    expect(performance.now() - t).toBeLessThan(50);
  });
});

describe('searchJson', () => {
  it('finds keys and values and lists ancestors to expand', () => {
    expect(searchJson(body, 'bob').matches).toEqual([['data', 1, 'name']]);
    expect(searchJson(body, 'NAME').matches).toEqual([
      ['data', 0, 'name'],
      ['data', 1, 'name'],
    ]);
    expect(ancestorKeys(['data', 1, 'name'])).toEqual(['[]', '["data"]', '["data",1]']);
    expect(searchJson(body, 'e', 1).capped).toBe(true);
  });
});
