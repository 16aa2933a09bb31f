// Click-to-configure from a response header: what dlt's paginators can take from it.
//
// dlt 1.31 reads two paginators from headers: `header_link` (the `Link` header, parsed like Python
// `requests` does, the entry whose rel is `links_next_key`, default "next") and `header_cursor`
// (`cursor_key`: the header holding the cursor, default "next"; `cursor_param`: the query parameter
// it is sent in, default "cursor"). Totals are a different matter: the `total_path` of `offset` and
// `page_number` is a JSONPath into the response body, so a count header such as `X-Total-Count`
// cannot be used; the actions offered for one page without a total instead.
import type { SourceDocument } from '../../../host';
import { effectivePaginator, setPaginator } from './docEdits';
import type { NodeAction } from './nodeActions';

export interface HeaderContext {
  doc: SourceDocument;
  resource: string;
  /** The header as the response trace has it. */
  name: string;
  value: string;
  /** Records on the page (a guess for an offset paginator's limit). */
  pageSize: number;
}

export type HeaderKind = 'link' | 'cursor' | 'total' | 'pages';

export interface HeaderActions {
  actions: NodeAction[];
  /** What the user should know before applying (dlt's limits), if anything. */
  note: string | null;
}

type Obj = Record<string, unknown>;

const CURSOR_HEADER = /cursor|continuation|next|after|marker|page-?token|scroll/i;
const PAGES_HEADER = /pages|page-?count/i;
const TOTAL_HEADER = /total|count/i;
const NUMBER = /^\s*\d+\s*$/;
const NOT_NEXT = new Set(['prev', 'previous', 'first', 'last', 'self']);

export const TOTAL_NOTE =
  'dlt reads totals only from the response body: total_path is a JSONPath into the JSON, never a header. ' +
  'Its default total_path is "total", which fails when the body has no such key, so these set total_path: null ' +
  'and stop at the first empty page (stop_after_empty_page: true; one extra request at the end).';

export const CURSOR_NOTE =
  'dlt stops when the header is absent; a header sent empty on the last page still counts as a cursor. ' +
  'The cursor goes to the query string (cursor_param, default "cursor").';

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The `Link` header as Python `requests` parses it (`response.links`): rel (or the URL when an
 * entry has none) → URL, later entries winning. */
export function parseLinkHeader(value: string): Map<string, string> {
  const links = new Map<string, string>();
  const trim = (s: string, chars: string) => {
    let a = 0;
    let b = s.length;
    while (a < b && chars.includes(s[a])) a++;
    while (b > a && chars.includes(s[b - 1])) b--;
    return s.slice(a, b);
  };
  const quotes = ' \'"';
  const all = trim(value, quotes);
  if (!all) return links;
  for (const entry of all.split(/, *</)) {
    const semi = entry.indexOf(';');
    const urlPart = semi < 0 ? entry : entry.slice(0, semi);
    const params = semi < 0 ? '' : entry.slice(semi + 1);
    const url = trim(urlPart, '<> \'"');
    let rel: string | null = null;
    for (const param of params.split(';')) {
      const kv = param.split('=');
      if (kv.length !== 2) break;
      if (trim(kv[0], quotes) === 'rel') rel = trim(kv[1], quotes);
    }
    links.set(rel || url, url);
  }
  return links;
}

/** What a header looks like to a paginator, or null for an ordinary header. */
export function headerKind(name: string, value: string): HeaderKind | null {
  if (name.toLowerCase() === 'link') return 'link';
  if (NUMBER.test(value) && PAGES_HEADER.test(name)) return 'pages';
  if (CURSOR_HEADER.test(name)) return 'cursor';
  if (NUMBER.test(value) && TOTAL_HEADER.test(name)) return 'total';
  return null;
}

function linkActions(ctx: HeaderContext): NodeAction[] {
  const rels = [...parseLinkHeader(ctx.value).keys()];
  const actions: NodeAction[] = [];
  if (rels.includes('next')) {
    actions.push({
      id: 'header_link',
      label: 'Paginator header_link (Link rel="next")',
      apply: (doc) => setPaginator(doc, ctx.resource, { type: 'header_link' }),
    });
  }
  for (const rel of rels) {
    if (rel === 'next' || NOT_NEXT.has(rel.toLowerCase()) || /^(https?:\/\/|\/)/.test(rel)) continue;
    actions.push({
      id: `header_link:${rel}`,
      label: `Paginator header_link, links_next_key: ${rel}`,
      apply: (doc) => setPaginator(doc, ctx.resource, { type: 'header_link', links_next_key: rel }),
    });
  }
  if (actions.length === 0 && rels.length > 0) {
    // The last page of a Link-paged API has prev/first/last but no next.
    actions.push({
      id: 'header_link',
      label: 'Paginator header_link (no rel="next" on this page)',
      apply: (doc) => setPaginator(doc, ctx.resource, { type: 'header_link' }),
    });
  }
  return actions;
}

function cursorAction(ctx: HeaderContext): NodeAction {
  const current = effectivePaginator(ctx.doc, ctx.resource);
  const paginator: Obj = { type: 'header_cursor', cursor_key: ctx.name };
  if (isObj(current) && current.type === 'header_cursor' && typeof current.cursor_param === 'string') {
    paginator.cursor_param = current.cursor_param;
  } else if (NUMBER.test(ctx.value) && /page/i.test(ctx.name)) {
    // A next-page number (GitLab's X-Next-Page) is sent back as the page parameter.
    paginator.cursor_param = 'page';
  }
  const param = typeof paginator.cursor_param === 'string' ? `, cursor_param: ${paginator.cursor_param}` : '';
  return {
    id: 'header_cursor',
    label: `Paginator header_cursor, cursor_key: ${ctx.name}${param}`,
    apply: (doc) => setPaginator(doc, ctx.resource, paginator),
  };
}

function withoutTotal(pages: boolean, ctx: HeaderContext): NodeAction[] {
  const current = effectivePaginator(ctx.doc, ctx.resource);
  const stop = { total_path: null, stop_after_empty_page: true };
  if (isObj(current) && (current.type === 'offset' || current.type === 'page_number')) {
    const type = current.type;
    return [
      {
        id: type,
        label: `Keep the ${type} paginator: total_path: null, stop_after_empty_page: true`,
        apply: (doc) => setPaginator(doc, ctx.resource, { ...current, ...stop }),
      },
    ];
  }
  const limit = ctx.pageSize > 0 ? ctx.pageSize : 100;
  const pageNumber: NodeAction = {
    id: 'page_number',
    label: 'Paginator page_number, total_path: null, stop_after_empty_page: true',
    apply: (doc) => setPaginator(doc, ctx.resource, { type: 'page_number', base_page: 1, ...stop }),
  };
  if (pages) return [pageNumber];
  return [
    {
      id: 'offset',
      label: `Paginator offset (limit ${limit}), total_path: null, stop_after_empty_page: true`,
      apply: (doc) => setPaginator(doc, ctx.resource, { type: 'offset', limit, ...stop }),
    },
    pageNumber,
  ];
}

export function headerActions(ctx: HeaderContext): HeaderActions {
  const kind = headerKind(ctx.name, ctx.value);
  if (kind === 'link') return { actions: linkActions(ctx), note: null };
  if (kind === 'total' || kind === 'pages') {
    return { actions: withoutTotal(kind === 'pages', ctx), note: `${ctx.name} can't be read by dlt. ${TOTAL_NOTE}` };
  }
  // Any other header the user picks can hold a cursor.
  return { actions: [cursorAction(ctx)], note: CURSOR_NOTE };
}
