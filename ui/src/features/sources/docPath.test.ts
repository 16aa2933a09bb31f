import { describe, expect, it } from 'vitest';
import { deleteIn, formatPath, getIn, isWithin, parsePath, renameKeyIn, setIn } from './docPath';

describe('setIn', () => {
  it('replaces a value and keeps every key where it was', () => {
    const doc = { client: { base_url: 'a', headers: {} }, resources: [] as unknown[] };
    const next = setIn(doc, ['client', 'base_url'], 'b');
    expect(Object.keys(next)).toEqual(['client', 'resources']);
    expect(Object.keys(next.client)).toEqual(['base_url', 'headers']);
    expect(next.client.base_url).toBe('b');
    expect(doc.client.base_url).toBe('a');
    expect(next.resources).toBe(doc.resources);
  });

  it('appends new keys last and creates missing objects and arrays', () => {
    const next = setIn({ a: 1 } as Record<string, unknown>, ['b', 'c', 0, 'd'], 2);
    expect(next).toEqual({ a: 1, b: { c: [{ d: 2 }] } });
    expect(Object.keys(next)).toEqual(['a', 'b']);
  });

  it('returns the same object when nothing changes', () => {
    const doc = { a: { b: 1 } };
    expect(setIn(doc, ['a', 'b'], 1)).toBe(doc);
  });

  it('deletes with undefined', () => {
    expect(setIn({ a: 1, b: 2 }, ['a'], undefined)).toEqual({ b: 2 });
  });

  it('edits inside arrays by index', () => {
    const doc = { resources: [{ name: 'a' }, { name: 'b' }] };
    const next = setIn(doc, ['resources', 1, 'name'], 'c');
    expect(next.resources[1]).toEqual({ name: 'c' });
    expect(next.resources[0]).toBe(doc.resources[0]);
  });
});

describe('deleteIn', () => {
  it('removes a key and keeps the order of the rest', () => {
    const next = deleteIn({ a: 1, b: 2, c: 3 }, ['b']);
    expect(Object.keys(next)).toEqual(['a', 'c']);
  });

  it('splices array entries and ignores missing paths', () => {
    expect(deleteIn({ l: [1, 2, 3] }, ['l', 1])).toEqual({ l: [1, 3] });
    const doc = { a: { b: 1 } };
    expect(deleteIn(doc, ['a', 'x', 'y'])).toBe(doc);
  });
});

describe('renameKeyIn', () => {
  it('renames in place', () => {
    const next = renameKeyIn({ p: { a: 1, b: 2, c: 3 } }, ['p'], 'b', 'z');
    expect(Object.keys(next.p)).toEqual(['a', 'z', 'c']);
    expect(next.p).toEqual({ a: 1, z: 2, c: 3 });
  });

  it('renames at the root', () => {
    expect(Object.keys(renameKeyIn({ a: 1, b: 2 }, [], 'a', 'x'))).toEqual(['x', 'b']);
  });
});

describe('paths', () => {
  it('parses and formats the engine spelling', () => {
    expect(parsePath('resources[0].endpoint.params.since')).toEqual(['resources', 0, 'endpoint', 'params', 'since']);
    expect(parsePath('resources[1].processing_steps[0].filter')).toEqual(['resources', 1, 'processing_steps', 0, 'filter']);
    expect(parsePath('client.headers.X-Api-Version')).toEqual(['client', 'headers', 'X-Api-Version']);
    expect(parsePath('<root>')).toEqual([]);
    expect(formatPath(['resources', 0, 'endpoint', 'paginator'])).toBe('resources[0].endpoint.paginator');
    expect(formatPath([])).toBe('<root>');
  });

  it('knows what lies within a path', () => {
    expect(isWithin('resources[0].endpoint', 'resources[0]')).toBe(true);
    expect(isWithin('resources[10]', 'resources[1]')).toBe(false);
    expect(isWithin('resources[1].x', 'resources[1]')).toBe(true);
    expect(isWithin('anything', '<root>')).toBe(true);
  });

  it('reads by path', () => {
    expect(getIn({ a: [{ b: 1 }] }, ['a', 0, 'b'])).toBe(1);
    expect(getIn({ a: 'x' }, ['a', 'b'])).toBeUndefined();
  });
});
