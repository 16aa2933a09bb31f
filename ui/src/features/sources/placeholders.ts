// Resource relationships as the document spells them: `{resources.<parent>.<field>}`
// placeholders (in paths, params, bodies and headers) and the older `type: resolve` params.
// Renaming or deleting a resource rewrites every reference to it.
import type { SourceDocument } from '../../host';
import { isObject } from './docPath';
import { endpointObject, endpointPath, resourceList, resourceName, resourceObject } from './resourceDoc';

export interface ParentRef {
  parent: string;
  field: string;
}

// `{{` and `}}` are escapes for literal braces; matching them first keeps them out of the way.
const TOKEN = /\{\{|\}\}|\{resources\.([^.{}]+)\.([^{}]+)\}/g;

/** The `{resources.p.f}` placeholders in one string. */
export function placeholdersIn(text: string): ParentRef[] {
  const out: ParentRef[] = [];
  for (const m of text.matchAll(TOKEN)) if (m[1] !== undefined) out.push({ parent: m[1], field: m[2] });
  return out;
}

function replaceParent(text: string, from: string, to: string): string {
  return text.replace(TOKEN, (all: string, parent?: string, field?: string) =>
    parent === from ? `{resources.${to}.${field}}` : all,
  );
}

function isResolve(v: unknown): v is { type: 'resolve'; resource: string; field: string } {
  return isObject(v) && v.type === 'resolve' && typeof v.resource === 'string';
}

function collectStrings(v: unknown, out: string[]) {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => collectStrings(x, out));
  else if (isObject(v)) Object.values(v).forEach((x) => collectStrings(x, out));
}

/** The parents a resource entry refers to, in order of first mention, without duplicates. */
export function parentRefs(entry: unknown): ParentRef[] {
  const r = resourceObject(entry);
  const ep = endpointObject(r);
  const refs: ParentRef[] = [];
  const strings: string[] = [endpointPath(entry)];
  if (ep) {
    for (const value of Object.values(isObject(ep.params) ? ep.params : {})) {
      if (isResolve(value)) refs.push({ parent: value.resource, field: String(value.field) });
      else collectStrings(value, strings);
    }
    collectStrings(ep.json, strings);
    collectStrings(ep.data, strings);
    collectStrings(ep.headers, strings);
  }
  for (const s of strings) refs.push(...placeholdersIn(s));
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.parent}\u0000${ref.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rewrites every string and resolve param of `v` that refers to `from` (structure shared
 * where nothing changes). */
function rewriteRefs(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.includes(`{resources.${from}.`) ? replaceParent(v, from, to) : v;
  if (Array.isArray(v)) {
    const next = v.map((x) => rewriteRefs(x, from, to));
    return next.some((x, i) => x !== v[i]) ? next : v;
  }
  if (isObject(v)) {
    if (isResolve(v) && v.resource === from) return { ...v, resource: to };
    let changed = false;
    const next: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      next[k] = rewriteRefs(x, from, to);
      if (next[k] !== x) changed = true;
    }
    return changed ? next : v;
  }
  return v;
}

/** Renames resource `from` to `to` and every reference to it anywhere in the document. */
export function renameResource(doc: SourceDocument, from: string, to: string): SourceDocument {
  if (from === to || to === '') return doc;
  const rewritten = rewriteRefs(doc, from, to) as SourceDocument;
  const list = resourceList(rewritten).map((entry) => {
    if (resourceName(entry) !== from) return entry;
    return typeof entry === 'string' ? to : { ...resourceObject(entry), name: to };
  });
  return { ...rewritten, resources: list };
}

/** Names of the resources that refer to `name`, directly or through other children. */
export function descendants(doc: SourceDocument, name: string): string[] {
  const entries = resourceList(doc);
  const found: string[] = [];
  const queue = [name];
  while (queue.length) {
    const parent = queue.shift() as string;
    for (const entry of entries) {
      const child = resourceName(entry);
      if (child === name || found.includes(child)) continue;
      if (parentRefs(entry).some((r) => r.parent === parent)) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

/** Removes resource `name`; with `cascade`, the resources that depend on it too. */
export function deleteResource(doc: SourceDocument, name: string, cascade = false): SourceDocument {
  const gone = new Set([name, ...(cascade ? descendants(doc, name) : [])]);
  return { ...doc, resources: resourceList(doc).filter((e) => !gone.has(resourceName(e))) };
}

export function uniqueName(doc: SourceDocument, base: string): string {
  const taken = new Set(resourceList(doc).map(resourceName));
  if (!taken.has(base)) return base;
  let i = 2;
  while (taken.has(`${base}_${i}`)) i += 1;
  return `${base}_${i}`;
}

/** Appends a new resource; returns the document and its name. */
export function addResource(doc: SourceDocument, base = 'resource'): { doc: SourceDocument; name: string } {
  const name = uniqueName(doc, base);
  return { doc: { ...doc, resources: [...resourceList(doc), { name, endpoint: { path: name } }] }, name };
}

/** Appends a child of `parent` whose path fills in the parent's `id`. */
export function addChild(doc: SourceDocument, parent: string, field = 'id'): { doc: SourceDocument; name: string } {
  const entry = resourceList(doc).find((e) => resourceName(e) === parent);
  const parentPath = endpointPath(entry).replace(/\/+$/, '') || parent;
  const name = uniqueName(doc, `${parent}_details`);
  const child = { name, endpoint: { path: `${parentPath}/{resources.${parent}.${field}}` } };
  return { doc: { ...doc, resources: [...resourceList(doc), child] }, name };
}
