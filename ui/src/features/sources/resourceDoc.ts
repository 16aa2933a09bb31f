// Reading and editing one resource of a document whatever form it was written in: a resource
// may be a plain string (its name and path), and an endpoint a plain string (its path). Reads
// see the long form; writes keep the short form while it can still say what the user set.
import type { SourceDocument } from '../../host';
import { getIn, isObject, setIn, deleteIn, type DocPath } from './docPath';

export function resourceList(doc: SourceDocument | null): unknown[] {
  return doc && Array.isArray(doc.resources) ? doc.resources : [];
}

export function resourceIndex(doc: SourceDocument | null, name: string): number {
  return resourceList(doc).findIndex((r) => resourceName(r) === name);
}

export function resourceName(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (isObject(entry) && typeof entry.name === 'string') return entry.name;
  return '';
}

/** The resource as an object (`"issues"` reads as `{name: "issues"}`). */
export function resourceObject(entry: unknown): Record<string, unknown> {
  if (typeof entry === 'string') return { name: entry };
  return isObject(entry) ? entry : {};
}

/** The endpoint as an object (`"issues"` reads as `{path: "issues"}`); undefined when absent. */
export function endpointObject(resource: Record<string, unknown>): Record<string, unknown> | undefined {
  const ep = resource.endpoint;
  if (typeof ep === 'string') return { path: ep };
  return isObject(ep) ? ep : undefined;
}

/** The path a resource requests: its endpoint path, else (dlt's rule) its name. */
export function endpointPath(entry: unknown): string {
  const r = resourceObject(entry);
  const ep = endpointObject(r);
  const path = ep?.path;
  if (typeof path === 'string') return path;
  const name = typeof r.name === 'string' ? r.name : '';
  return r.endpoint === undefined && !('rows' in r) ? name : '';
}

/** Value at `rel` inside resource `index`, reading short forms as long forms. */
export function getResourceField(doc: SourceDocument, index: number, rel: DocPath): unknown {
  const r = resourceObject(resourceList(doc)[index]);
  if (rel[0] === 'endpoint' && rel.length > 1) return getIn(endpointObject(r), rel.slice(1));
  return getIn(r, rel);
}

/** Sets (or with `undefined` removes) `rel` inside resource `index`, expanding a short form
 * only when the edit needs it. */
export function setResourceField(doc: SourceDocument, index: number, rel: DocPath, value: unknown): SourceDocument {
  const base: DocPath = ['resources', index];
  const entry = resourceList(doc)[index];
  if (typeof entry === 'string') {
    if (rel.length === 1 && rel[0] === 'name' && typeof value === 'string') return setIn(doc, base, value);
    if (value === undefined) return doc;
    return setIn(doc, base, setIn({ name: entry }, rel, value));
  }
  if (rel[0] === 'endpoint' && rel.length > 1) {
    const ep = isObject(entry) ? entry.endpoint : undefined;
    if (typeof ep === 'string') {
      if (rel.length === 2 && rel[1] === 'path' && typeof value === 'string') return setIn(doc, [...base, 'endpoint'], value);
      if (value === undefined && !(rel.length === 2 && rel[1] === 'path')) return doc;
      return setIn(doc, [...base, 'endpoint'], setIn({ path: ep }, rel.slice(1), value));
    }
  }
  return value === undefined ? deleteIn(doc, [...base, ...rel]) : setIn(doc, [...base, ...rel], value);
}
