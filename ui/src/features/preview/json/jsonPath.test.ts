import { describe, expect, it } from 'vitest';
import { formatPath, parsePath, valueAt } from './jsonPath';

describe('formatPath / parsePath', () => {
  it.each<[(string | number)[], string]>([
    [[], '$'],
    [['data'], 'data'],
    [['results', 'posts'], 'results.posts'],
    [['@odata.nextLink'], "['@odata.nextLink']"],
    [['items', 0, 'id'], 'items[0].id'],
    [['meta', 'next-page'], "meta['next-page']"],
  ])('%j ⇄ %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
    expect(parsePath(text)).toEqual(path);
  });

  it('reads $-prefixed selectors and gives up on wildcards', () => {
    expect(parsePath('$.data.items')).toEqual(['data', 'items']);
    expect(parsePath('data[*].x')).toBeNull();
  });

  it('finds values', () => {
    expect(valueAt({ a: [{ b: 2 }] }, ['a', 0, 'b'])).toBe(2);
    expect(valueAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });
});
