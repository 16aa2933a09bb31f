// The visible rows of a JSON tree: only expanded containers are walked, so a large body costs
// what is on screen plus what the user opened, not its whole size.
import { pathKey, type JsonPath, type Segment } from './jsonPath';

export type NodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface TreeRow {
  key: string;
  path: Segment[];
  /** The property name or index shown before the value; null for the root. */
  label: Segment | null;
  depth: number;
  kind: NodeKind;
  value: unknown;
  /** Entries of a container. */
  size: number;
  expanded: boolean;
}

export function kindOf(v: unknown): NodeKind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  return 'boolean';
}

function entries(v: unknown): [Segment, unknown][] {
  if (Array.isArray(v)) return v.map((x, i) => [i, x]);
  return Object.entries(v as Record<string, unknown>);
}

function sizeOf(v: unknown, kind: NodeKind): number {
  if (kind === 'array') return (v as unknown[]).length;
  if (kind === 'object') return Object.keys(v as object).length;
  return 0;
}

export function visibleRows(root: unknown, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const stack: { value: unknown; path: Segment[]; label: Segment | null }[] = [{ value: root, path: [], label: null }];
  while (stack.length > 0) {
    const { value, path, label } = stack.pop()!;
    const kind = kindOf(value);
    const key = pathKey(path);
    const open = (kind === 'object' || kind === 'array') && expanded.has(key);
    rows.push({ key, path, label, depth: path.length, kind, value, size: sizeOf(value, kind), expanded: open });
    if (open) {
      const kids = entries(value);
      for (let i = kids.length - 1; i >= 0; i--) {
        const [seg, child] = kids[i];
        stack.push({ value: child, path: [...path, seg], label: seg });
      }
    }
  }
  return rows;
}

/** Keys of every ancestor of a path (the path itself excluded), root first. */
export function ancestorKeys(path: JsonPath): string[] {
  const out: string[] = [];
  for (let i = 0; i < path.length; i++) out.push(pathKey(path.slice(0, i)));
  return out;
}

/** One-line text of a value as the tree shows it. */
export function preview(row: Pick<TreeRow, 'kind' | 'value' | 'size'>): string {
  switch (row.kind) {
    case 'object':
      return `{…} ${row.size} ${row.size === 1 ? 'key' : 'keys'}`;
    case 'array':
      return `[…] ${row.size} ${row.size === 1 ? 'item' : 'items'}`;
    case 'string': {
      const s = row.value as string;
      return JSON.stringify(s.length > 300 ? `${s.slice(0, 300)}…` : s);
    }
    case 'null':
      return 'null';
    default:
      return String(row.value);
  }
}
