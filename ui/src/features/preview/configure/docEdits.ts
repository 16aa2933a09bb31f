// Pure edits of a source document for one resource. Each returns a new document (the input is
// never mutated) so useSource().edit() can keep it on the undo stack. Short forms are expanded
// only where an edit needs it: a string resource becomes { name, endpoint: { path } }, a string
// endpoint becomes { path }.
import type { SourceDocument } from '../../../host';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function resourceName(r: unknown): string | null {
  if (typeof r === 'string') return r;
  if (isObj(r) && typeof r.name === 'string') return r.name;
  return null;
}

/** The resource's config object (short forms expanded), or null if absent. */
export function resourceConfig(doc: SourceDocument, name: string): Obj | null {
  const list = Array.isArray(doc.resources) ? doc.resources : [];
  const r = list.find((x) => resourceName(x) === name);
  if (r === undefined) return null;
  return typeof r === 'string' ? { name: r, endpoint: { path: r } } : (r as Obj);
}

/** The resource's endpoint as an object (a string endpoint is its path). */
export function endpointConfig(doc: SourceDocument, name: string): Obj | null {
  const r = resourceConfig(doc, name);
  if (!r) return null;
  if (typeof r.endpoint === 'string') return { path: r.endpoint };
  if (isObj(r.endpoint)) return r.endpoint;
  return { path: name };
}

export function updateResource(doc: SourceDocument, name: string, fn: (r: Obj) => Obj): SourceDocument {
  const list = Array.isArray(doc.resources) ? doc.resources : [];
  const i = list.findIndex((x) => resourceName(x) === name);
  if (i < 0) throw new Error(`no resource named ${name}`);
  const current = resourceConfig(doc, name) as Obj;
  const resources = [...list];
  resources[i] = fn({ ...current });
  return { ...doc, resources };
}

export function updateEndpoint(doc: SourceDocument, name: string, fn: (e: Obj) => Obj): SourceDocument {
  return updateResource(doc, name, (r) => ({ ...r, endpoint: fn({ ...(endpointConfig(doc, name) ?? {}) }) }));
}

export function setDataSelector(doc: SourceDocument, resource: string, selector: string): SourceDocument {
  return updateEndpoint(doc, resource, (e) => ({ ...e, data_selector: selector }));
}

export function setPaginator(doc: SourceDocument, resource: string, paginator: unknown): SourceDocument {
  return updateEndpoint(doc, resource, (e) => ({ ...e, paginator }));
}

export function setPrimaryKey(doc: SourceDocument, resource: string, key: string): SourceDocument {
  return updateResource(doc, resource, (r) => ({ ...r, primary_key: key }));
}

/** Sets `endpoint.incremental.cursor_path`, keeping the rest; the seen value becomes initial_value. */
export function setIncrementalCursor(
  doc: SourceDocument,
  resource: string,
  cursorPath: string,
  initialValue?: unknown,
): SourceDocument {
  return updateEndpoint(doc, resource, (e) => {
    const prev = isObj(e.incremental) ? e.incremental : {};
    const next: Obj = { ...prev, cursor_path: cursorPath };
    if (initialValue !== undefined && !('initial_value' in prev)) next.initial_value = initialValue;
    return { ...e, incremental: next };
  });
}

export function addIncludeFromParent(doc: SourceDocument, child: string, field: string): SourceDocument {
  return updateResource(doc, child, (r) => {
    const list = Array.isArray(r.include_from_parent) ? (r.include_from_parent as unknown[]) : [];
    return list.includes(field) ? r : { ...r, include_from_parent: [...list, field] };
  });
}

/** Resources that take values from `parent` (`{resources.parent.x}` or a `resolve` param). */
export function childResources(doc: SourceDocument, parent: string): string[] {
  const list = Array.isArray(doc.resources) ? doc.resources : [];
  const marker = `resources.${parent}.`;
  return list
    .filter((r) => {
      if (!isObj(r)) return false;
      const text = JSON.stringify(r.endpoint ?? '');
      return text.includes(marker) || text.includes(`"resource":"${parent}"`);
    })
    .map((r) => resourceName(r))
    .filter((n): n is string => n !== null && n !== parent);
}

/** The paginator the resource's requests use: its endpoint's, else resource_defaults', else the
 * client's (dlt merges resource_defaults into each resource; an endpoint paginator wins over the
 * client's). Undefined when none is configured. */
export function effectivePaginator(doc: SourceDocument, resource: string): unknown {
  const own = endpointConfig(doc, resource)?.paginator;
  if (own !== undefined && own !== null) return own;
  const defaults = isObj(doc.resource_defaults) && isObj(doc.resource_defaults.endpoint) ? doc.resource_defaults.endpoint.paginator : undefined;
  if (defaults !== undefined && defaults !== null) return defaults;
  const client = isObj(doc.client) ? doc.client.paginator : undefined;
  return client ?? undefined;
}

/** True when the resource leaves paginator (or data_selector) to auto-detection. */
export function isAuto(doc: SourceDocument, resource: string, key: 'paginator' | 'data_selector'): boolean {
  const e = endpointConfig(doc, resource);
  const v = e?.[key] ?? (key === 'paginator' ? (isObj(doc.client) ? doc.client.paginator : undefined) : undefined);
  const defaults = isObj(doc.resource_defaults) && isObj(doc.resource_defaults.endpoint) ? doc.resource_defaults.endpoint[key] : undefined;
  const value = v ?? defaults;
  return value === undefined || value === null || value === 'auto' || (isObj(value) && value.type === 'auto');
}
