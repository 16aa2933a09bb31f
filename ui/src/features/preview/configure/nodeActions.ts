// Click-to-configure: what a node of a response body can become in the resource's config.
import type { SourceDocument } from '../../../host';
import { formatPath, startsWith, valueAt, type JsonPath, type Segment } from '../json/jsonPath';
import { columnName } from '../records/naming';
import {
  addIncludeFromParent,
  childResources,
  setDataSelector,
  setIncrementalCursor,
  setPaginator,
  setPrimaryKey,
} from './docEdits';

export interface NodeContext {
  doc: SourceDocument;
  resource: string;
  /** Path of the clicked node in the body, and its value. */
  path: JsonPath;
  value: unknown;
  /** Where the page's records are in the body (the data_selector in use), if known. */
  recordsPath: Segment[] | null;
  /** Records on the page (a guess for an offset paginator's limit). */
  pageSize: number;
  /** The bodies of every previewed page: a data_selector's count is given over all of them. */
  bodies?: readonly unknown[];
}

/** Records the selector would take on each page, summed; null when no other page has the array. */
function countOnAllPages(bodies: readonly unknown[] | undefined, path: JsonPath): number | null {
  if (!bodies || bodies.length < 2) return null;
  let total = 0;
  for (const b of bodies) {
    const v = valueAt(b, path);
    if (Array.isArray(v)) total += v.length;
  }
  return total;
}

export interface NodeAction {
  id: string;
  label: string;
  apply(doc: SourceDocument): SourceDocument;
}

const URL_LIKE = /^(https?:\/\/|\/)/;
const CURSOR_KEY = /cursor|next|after|continuation|token|marker/i;
const PAGES_KEY = /pages/i;
const TOTAL_KEY = /total|count/i;

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

/** The field path inside a record when the node is part of one, else null. */
export function fieldInRecord(path: JsonPath, recordsPath: Segment[] | null): Segment[] | null {
  if (!recordsPath || !startsWith(path, recordsPath)) return null;
  const rest = path.slice(recordsPath.length);
  if (rest.length < 2 || typeof rest[0] !== 'number') return null;
  return rest.slice(1);
}

export function nodeActions(ctx: NodeContext): NodeAction[] {
  const { resource, path, value } = ctx;
  const actions: NodeAction[] = [];

  if (Array.isArray(value)) {
    const selector = formatPath(path);
    const all = countOnAllPages(ctx.bodies, path);
    const count = all === null ? `${value.length} records` : `${value.length} records here, ${all} on ${ctx.bodies?.length} pages`;
    actions.push({
      id: 'data_selector',
      label: `Use as data_selector: ${selector} (${count})`,
      apply: (doc) => setDataSelector(doc, resource, selector),
    });
    return actions;
  }

  const field = fieldInRecord(path, ctx.recordsPath);
  if (field) {
    if (!isScalar(value)) return actions;
    const column = columnName(field);
    const cursorPath = formatPath(field);
    actions.push({
      id: 'primary_key',
      label: `Primary key: ${column}`,
      apply: (doc) => setPrimaryKey(doc, resource, column),
    });
    actions.push({
      id: 'incremental',
      label: `Incremental cursor: ${cursorPath}`,
      apply: (doc) => setIncrementalCursor(doc, resource, cursorPath, value ?? undefined),
    });
    if (field.length === 1 && typeof field[0] === 'string') {
      const name = field[0];
      for (const child of childResources(ctx.doc, resource)) {
        actions.push({
          id: `include_from_parent:${child}`,
          label: `Include ${name} in ${child} (include_from_parent)`,
          apply: (doc) => addIncludeFromParent(doc, child, name),
        });
      }
    }
    return actions;
  }

  if (!isScalar(value) || value === null || path.length === 0) return actions;
  const key = String(path[path.length - 1]);
  const where = path.map(String).join('.');
  const at = formatPath(path);
  if (typeof value === 'string' && URL_LIKE.test(value)) {
    actions.push({
      id: 'json_link',
      label: `Paginator json_link, next_url_path: ${at}`,
      apply: (doc) => setPaginator(doc, resource, { type: 'json_link', next_url_path: at }),
    });
  } else if ((typeof value === 'string' || typeof value === 'number') && CURSOR_KEY.test(where) && !TOTAL_KEY.test(key)) {
    actions.push({
      id: 'cursor',
      label: `Paginator cursor, cursor_path: ${at}`,
      apply: (doc) => setPaginator(doc, resource, { type: 'cursor', cursor_path: at, cursor_param: 'cursor' }),
    });
  }
  if (typeof value === 'number' && PAGES_KEY.test(key)) {
    actions.push({
      id: 'page_number',
      label: `Paginator page_number, total_path: ${at}`,
      apply: (doc) => setPaginator(doc, resource, { type: 'page_number', base_page: 1, total_path: at }),
    });
  } else if (typeof value === 'number' && TOTAL_KEY.test(key)) {
    const limit = ctx.pageSize > 0 ? ctx.pageSize : 100;
    actions.push({
      id: 'offset',
      label: `Paginator offset, total_path: ${at} (limit ${limit})`,
      apply: (doc) => setPaginator(doc, resource, { type: 'offset', limit, total_path: at }),
    });
  }
  return actions;
}
