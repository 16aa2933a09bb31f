import { describe, expect, it } from 'vitest';
import { childTableNames, flattenRecord, flattenRecords } from './flatten';
import { columnName, normalizeIdentifier } from './naming';

describe('normalizeIdentifier (dlt snake_case)', () => {
  it.each([
    ['userId', 'user_id'],
    ['x-rate', 'x_rate'],
    ['Display Name', 'display_name'],
    ['meta.version', 'meta_version'],
    ['createdAt', 'created_at'],
    ['HTTPResponseCode', 'http_response_code'],
    ['already_snake', 'already_snake'],
    ['@odata.nextLink', 'aodata_next_link'],
    ['1st place', '_1st_place'],
    ['trailing_', 'trailingx'],
    ['a__b', 'a_b'],
    ['  padded  ', 'padded'],
    ['C++', 'cxx'],
    ['price|usd', 'pricelusd'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeIdentifier(input)).toBe(expected);
  });

  it('rejects blank identifiers', () => {
    expect(normalizeIdentifier('   ')).toBeNull();
  });
});

describe('flattenRecord', () => {
  it('joins nested objects with __', () => {
    const row = flattenRecord({ author: { address: { geo: { lat: '-37.3' } } }, userId: 1 });
    expect(row).toEqual({ author__address__geo__lat: '-37.3', user_id: 1 });
    expect(columnName(['author', 'address', 'geo', 'lat'])).toBe('author__address__geo__lat');
  });

  it('leaves lists out: they become child tables', () => {
    const record = { id: 1, tags: ['a', 'b'], comments: [{ id: 2, likes: [{ by: 'x' }] }], meta: { labels: [] } };
    expect(flattenRecord(record)).toEqual({ id: 1 });
    expect([...childTableNames('posts', record)]).toEqual([
      'posts__tags',
      'posts__comments',
      'posts__comments__likes',
      'posts__meta__labels',
    ]);
  });

  it('normalises every part of a nested path and keys with dots', () => {
    expect(flattenRecord({ 'meta.version': 2, Stats: { 'x-rate': 0.5, 'Display Name': 'n' } })).toEqual({
      meta_version: 2,
      stats__x_rate: 0.5,
      stats__display_name: 'n',
    });
  });

  it('keeps nulls and turns scalar records into value', () => {
    expect(flattenRecord({ a: null })).toEqual({ a: null });
    expect(flattenRecord(7)).toEqual({ value: 7 });
  });

  it('collects columns in first-seen order', () => {
    const { columns, rows } = flattenRecords([{ id: 1 }, { id: 2, userId: 3, info: { Name: 'x' } }]);
    expect(columns).toEqual(['id', 'user_id', 'info__name']);
    expect(rows[1]).toEqual({ id: 2, user_id: 3, info__name: 'x' });
  });
});
