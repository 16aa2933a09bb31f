// "Next run will request…": where an incremental resource resumes, from its stored state and
// its config (start_param, an {incremental.start_value} placeholder or a deprecated
// `type: incremental` param).
import type { CursorState, SourceDocument } from '../../host';
import { endpointConfig } from '../preview/configure/docEdits';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The query parameter that carries the start value, if any. */
export function startParam(doc: SourceDocument, resource: string): string | null {
  const e = endpointConfig(doc, resource);
  if (!e) return null;
  if (isObj(e.incremental) && typeof e.incremental.start_param === 'string') return e.incremental.start_param;
  if (isObj(e.params)) {
    for (const [k, v] of Object.entries(e.params)) {
      if (typeof v === 'string' && v.includes('{incremental.start_value}')) return k;
      if (isObj(v) && v.type === 'incremental') return k;
    }
  }
  return null;
}

export function nextRequestText(doc: SourceDocument | null, state: CursorState): string {
  const parents = state.per_parent ?? [];
  if (parents.length > 0) return perParentText(doc, state, parents.length);
  const from = state.last_value ?? state.start_value ?? state.initial_value;
  const path = (doc && endpointConfig(doc, state.resource)?.path) ?? state.resource;
  const param = doc ? startParam(doc, state.resource) : null;
  if (from === null || from === undefined) {
    return `Next run will request ${String(path)} from the beginning (no stored cursor, no initial_value).`;
  }
  const keep = `keep records with ${state.cursor_path} ≥ ${show(from)}`;
  const dedup = state.unique_hashes.length > 0 ? `, skipping ${state.unique_hashes.length} already loaded at that value` : '';
  if (param) return `Next run will request ${String(path)}?${param}=${show(from)} and ${keep}${dedup}.`;
  return `Next run will request ${String(path)} from the first page (no start parameter) and ${keep}${dedup}.`;
}

/** A child with a cursor per parent: each parent's request resumes from its own value. */
function perParentText(doc: SourceDocument | null, state: CursorState, count: number): string {
  const path = (doc && endpointConfig(doc, state.resource)?.path) ?? state.resource;
  const param = doc ? startParam(doc, state.resource) : null;
  const first = state.per_parent[0];
  const example = param ? ` (e.g. for ${first.parent}: ${String(path)}?${param}=${show(first.last_value)})` : '';
  const initial = state.initial_value ?? state.start_value;
  const fresh = initial === null || initial === undefined ? 'from the beginning' : `from ${show(initial)}`;
  return `Next run will request ${String(path)} once per parent record: the ${count} known ${count === 1 ? 'parent resumes' : 'parents resume'} from ${count === 1 ? 'its' : 'their'} own stored cursor${example}; new parents start ${fresh}.`;
}
