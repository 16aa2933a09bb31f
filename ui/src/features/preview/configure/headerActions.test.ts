import { describe, expect, it } from 'vitest';
import type { SourceDocument } from '../../../host';
import { effectivePaginator } from './docEdits';
import { headerActions, headerKind, parseLinkHeader, TOTAL_NOTE, type HeaderContext } from './headerActions';

const doc: SourceDocument = { client: { base_url: 'https://api.example.com/' }, resources: ['items', 'other'] };

function ctx(name: string, value: string, d: SourceDocument = doc): HeaderContext {
  return { doc: d, resource: 'items', name, value, pageSize: 25 };
}

/** The paginator the action with `id` writes, on the endpoint of `items`. */
function paginator(c: HeaderContext, id: string): unknown {
  const { actions } = headerActions(c);
  const action = actions.find((a) => a.id === id);
  if (!action) throw new Error(`no ${id} among ${actions.map((a) => a.id).join(', ')}`);
  const items = (action.apply(c.doc).resources as Record<string, unknown>[])[0];
  return (items.endpoint as Record<string, unknown>).paginator;
}

describe('parseLinkHeader', () => {
  it('parses like Python requests: keyed by rel, quotes and spaces stripped', () => {
    const links = parseLinkHeader(
      '<https://api.example.com/items?page=2>; rel="next", <https://api.example.com/items?page=9>; rel=last,' +
        "</items?page=1>; rel='first'",
    );
    expect([...links]).toEqual([
      ['next', 'https://api.example.com/items?page=2'],
      ['last', 'https://api.example.com/items?page=9'],
      ['first', '/items?page=1'],
    ]);
    // rel values are whole and case-sensitive; an entry without rel is keyed by its URL.
    expect([...parseLinkHeader('<a?x=1>; rel="next last", <b>')]).toEqual([
      ['next last', 'a?x=1'],
      ['b', 'b'],
    ]);
    expect(parseLinkHeader('  ').size).toBe(0);
  });
});

describe('headerKind', () => {
  it('recognizes links, cursors, totals and page counts', () => {
    expect(headerKind('Link', '<x>; rel="next"')).toBe('link');
    expect(headerKind('X-Next-Cursor', 'abc')).toBe('cursor');
    expect(headerKind('X-Cursor', 'abc')).toBe('cursor');
    expect(headerKind('X-Total-Count', '512')).toBe('total');
    expect(headerKind('X-Total', '512')).toBe('total');
    expect(headerKind('X-Total-Pages', '21')).toBe('pages');
    expect(headerKind('content-type', 'application/json')).toBeNull();
    expect(headerKind('content-length', '1200')).toBeNull();
  });
});

describe('headerActions', () => {
  it('sets header_link for a Link with rel="next", links_next_key only for another rel', () => {
    const c = ctx('Link', '<https://api.example.com/items?page=2>; rel="next", <https://api.example.com/items?page=9>; rel="last"');
    expect(headerActions(c).actions.map((a) => a.label)).toEqual(['Paginator header_link (Link rel="next")']);
    expect(paginator(c, 'header_link')).toEqual({ type: 'header_link' });

    const odd = ctx('link', '<https://api.example.com/items?p=2>; rel="next-page", </items?p=1>; rel="prev"');
    expect(headerActions(odd).actions.map((a) => a.label)).toEqual(['Paginator header_link, links_next_key: next-page']);
    expect(paginator(odd, 'header_link:next-page')).toEqual({ type: 'header_link', links_next_key: 'next-page' });
  });

  it('still offers header_link on a last page with no next link', () => {
    const c = ctx('Link', '<https://api.example.com/items?page=1>; rel="first", <https://api.example.com/items?page=2>; rel="prev"');
    expect(paginator(c, 'header_link')).toEqual({ type: 'header_link' });
  });

  it('sets header_cursor with the header as cursor_key, for a cursor header or any header picked', () => {
    expect(paginator(ctx('X-Next-Cursor', 'eyJpZCI6NDJ9'), 'header_cursor')).toEqual({
      type: 'header_cursor',
      cursor_key: 'X-Next-Cursor',
    });
    const any = ctx('X-Request-Id', 'r-1');
    expect(headerActions(any).actions.map((a) => a.label)).toEqual(['Paginator header_cursor, cursor_key: X-Request-Id']);
    expect(headerActions(any).note).toMatch(/stops when the header is absent/);
    // A next-page number goes back as the page parameter.
    expect(paginator(ctx('X-Next-Page', '3'), 'header_cursor')).toEqual({
      type: 'header_cursor',
      cursor_key: 'X-Next-Page',
      cursor_param: 'page',
    });
    // An existing header_cursor's cursor_param is kept.
    const configured = { ...doc, client: { base_url: 'x', paginator: { type: 'header_cursor', cursor_key: 'next', cursor_param: 'after' } } };
    expect(paginator(ctx('X-Cursor', 'c2'), 'header_cursor')).toEqual({ type: 'header_cursor', cursor_key: 'X-Cursor' });
    expect(paginator(ctx('X-Cursor', 'c2', configured), 'header_cursor')).toEqual({
      type: 'header_cursor',
      cursor_key: 'X-Cursor',
      cursor_param: 'after',
    });
  });

  it('explains that totals come from the body only and offers paging until an empty page', () => {
    const c = ctx('X-Total-Count', '512');
    const { actions, note } = headerActions(c);
    expect(actions.map((a) => a.label)).toEqual([
      'Paginator offset (limit 25), total_path: null, stop_after_empty_page: true',
      'Paginator page_number, total_path: null, stop_after_empty_page: true',
    ]);
    expect(note).toBe(`X-Total-Count can't be read by dlt. ${TOTAL_NOTE}`);
    expect(paginator(c, 'offset')).toEqual({ type: 'offset', limit: 25, total_path: null, stop_after_empty_page: true });
    expect(paginator(c, 'page_number')).toEqual({ type: 'page_number', base_page: 1, total_path: null, stop_after_empty_page: true });
    expect(headerActions(ctx('X-Total-Pages', '21')).actions.map((a) => a.id)).toEqual(['page_number']);
  });

  it('keeps a configured offset or page_number paginator, from the client or the endpoint', () => {
    const fromClient: SourceDocument = {
      client: { base_url: 'x', paginator: { type: 'page_number', page_param: 'p', base_page: 1 } },
      resources: ['items'],
    };
    expect(effectivePaginator(fromClient, 'items')).toEqual({ type: 'page_number', page_param: 'p', base_page: 1 });
    const c = ctx('X-Total', '80', fromClient);
    expect(headerActions(c).actions.map((a) => a.label)).toEqual([
      'Keep the page_number paginator: total_path: null, stop_after_empty_page: true',
    ]);
    // Written where the existing actions write: the resource's endpoint, which wins over the client.
    expect(paginator(c, 'page_number')).toEqual({
      type: 'page_number',
      page_param: 'p',
      base_page: 1,
      total_path: null,
      stop_after_empty_page: true,
    });
    const onEndpoint: SourceDocument = {
      resources: [{ name: 'items', endpoint: { path: 'items', paginator: { type: 'offset', limit: 50, total_path: 'meta.total' } } }],
    };
    expect(paginator(ctx('X-Total-Count', '7', onEndpoint), 'offset')).toEqual({
      type: 'offset',
      limit: 50,
      total_path: null,
      stop_after_empty_page: true,
    });
  });

  it('never mutates the document', () => {
    const before = JSON.stringify(doc);
    for (const [n, v] of [['Link', '<x>; rel="next"'], ['X-Cursor', 'c'], ['X-Total-Count', '1']]) {
      for (const a of headerActions(ctx(n, v)).actions) a.apply(doc);
    }
    expect(JSON.stringify(doc)).toBe(before);
  });
});
