// Search in a JSON body: paths whose key or scalar value contains the query (case-insensitive).
// Paths are linked to their parents during the walk and only built for matches, so a 5 MB body
// is walked without copying a path per node.
import type { Segment } from './jsonPath';

export interface SearchResult {
  matches: Segment[][];
  /** True when the walk stopped at `limit` matches. */
  capped: boolean;
}

interface Node {
  value: unknown;
  seg: Segment | null;
  parent: Node | null;
}

function pathOf(node: Node): Segment[] {
  const out: Segment[] = [];
  for (let n: Node | null = node; n && n.seg !== null; n = n.parent) out.push(n.seg);
  return out.reverse();
}

export function searchJson(root: unknown, query: string, limit = 500): SearchResult {
  const q = query.trim().toLowerCase();
  const matches: Segment[][] = [];
  if (!q) return { matches, capped: false };
  const stack: Node[] = [{ value: root, seg: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value, seg } = node;
    const isContainer = value !== null && typeof value === 'object';
    const hit =
      (typeof seg === 'string' && seg.toLowerCase().includes(q)) ||
      (!isContainer && String(value).toLowerCase().includes(q));
    if (hit) {
      matches.push(pathOf(node));
      if (matches.length >= limit) return { matches, capped: true };
    }
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], seg: i, parent: node });
    } else if (isContainer) {
      const keys = Object.keys(value as object);
      for (let i = keys.length - 1; i >= 0; i--) {
        stack.push({ value: (value as Record<string, unknown>)[keys[i]], seg: keys[i], parent: node });
      }
    }
  }
  return { matches, capped: false };
}
