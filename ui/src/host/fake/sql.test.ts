import { describe, expect, it } from 'vitest';
import { fakeSelect } from './sql';

const t = { name: 'tags', parent: 'posts', columns: ['value', '_dlt_parent_id'], rows: [['a', 'p1'], ['b', 'p2'], ["it's", 'p1']] };

describe('fakeSelect', () => {
  it('projects columns, filters by one equality and limits', () => {
    expect(fakeSelect(t, `SELECT * FROM "tags" WHERE _dlt_parent_id = 'p1' ORDER BY x LIMIT 1000`).rows).toEqual([['a', 'p1'], ["it's", 'p1']]);
    expect(fakeSelect(t, 'SELECT value FROM tags LIMIT 2')).toEqual({ columns: ['value'], rows: [['a'], ['b']], truncated: false });
    expect(fakeSelect(t, "SELECT * FROM tags WHERE value = 'it''s'").rows).toEqual([["it's", 'p1']]);
    expect(fakeSelect(t, 'SELECT count(*) FROM tags').columns).toEqual(['value', '_dlt_parent_id']);
  });
});
