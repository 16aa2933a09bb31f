// The resource graph as data: one node per resource with what its card shows, one edge per
// parent reference (labelled with the parent's field), and a layered layout by depth.
import type { SourceDocument } from '../../host';
import { getIn, isObject } from '../sources/docPath';
import { parentRefs } from '../sources/placeholders';
import { endpointObject, endpointPath, resourceList, resourceName, resourceObject } from '../sources/resourceDoc';

export type ResourceCard = {
  name: string;
  index: number;
  method: string;
  path: string;
  /** Effective paginator type, and whether it is inherited. */
  paginator: string;
  paginatorInherited: boolean;
  incremental: boolean;
  disposition: string;
  selected: boolean;
  seed: boolean;
};

export interface GraphEdge {
  id: string;
  parent: string;
  child: string;
  field: string;
}

function typeOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v === null) return 'none';
  if (isObject(v) && typeof v.type === 'string') return v.type;
  return undefined;
}

function dispositionOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isObject(v) && typeof v.disposition === 'string') return v.strategy ? `${v.disposition} (${v.strategy})` : v.disposition;
  return undefined;
}

export function resourceCards(doc: SourceDocument): ResourceCard[] {
  const defaults = isObject(doc.resource_defaults) ? doc.resource_defaults : {};
  return resourceList(doc).map((entry, index) => {
    const r = resourceObject(entry);
    const ep = endpointObject(r) ?? {};
    const own = typeOf(ep.paginator);
    const inherited = typeOf(getIn(defaults, ['endpoint', 'paginator'])) ?? typeOf(getIn(doc, ['client', 'paginator']));
    return {
      name: resourceName(entry),
      index,
      method: typeof ep.method === 'string' ? ep.method : 'GET',
      path: endpointPath(entry),
      paginator: own ?? inherited ?? 'auto',
      paginatorInherited: own === undefined,
      incremental: isObject(ep.incremental) || isObject(getIn(defaults, ['endpoint', 'incremental'])) ||
        Object.values(isObject(ep.params) ? ep.params : {}).some((p) => (isObject(p) && p.type === 'incremental') || (typeof p === 'string' && p.includes('{incremental.'))) ||
        (typeof ep.path === 'string' && ep.path.includes('{incremental.')),
      disposition: dispositionOf(r.write_disposition) ?? dispositionOf(defaults.write_disposition) ?? 'append',
      selected: (r.selected ?? defaults.selected) !== false,
      seed: Array.isArray(r.rows),
    };
  });
}

export function resourceEdges(doc: SourceDocument): GraphEdge[] {
  const names = new Set(resourceList(doc).map(resourceName));
  const edges: GraphEdge[] = [];
  for (const entry of resourceList(doc)) {
    const child = resourceName(entry);
    for (const ref of parentRefs(entry)) {
      if (!names.has(ref.parent)) continue;
      edges.push({ id: `${ref.parent}->${child}:${ref.field}`, parent: ref.parent, child, field: ref.field });
    }
  }
  return edges;
}

export const NODE_W = 220;
export const NODE_H = 96;
const GAP_X = 70;
const GAP_Y = 28;

/** Column = depth in the dependency graph (cycles cut), row = order within the column. */
export function layout(cards: ResourceCard[], edges: GraphEdge[]): Record<string, { x: number; y: number }> {
  const parents = new Map<string, string[]>();
  for (const e of edges) parents.set(e.child, [...(parents.get(e.child) ?? []), e.parent]);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0;
    visiting.add(name);
    const d = Math.max(-1, ...(parents.get(name) ?? []).map(depthOf)) + 1;
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const rows = new Map<number, number>();
  const out: Record<string, { x: number; y: number }> = {};
  for (const card of cards) {
    const d = depthOf(card.name);
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    out[card.name] = { x: d * (NODE_W + GAP_X), y: row * (NODE_H + GAP_Y) };
  }
  return out;
}
