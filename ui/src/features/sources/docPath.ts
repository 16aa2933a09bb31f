// Immutable edits of a JSON document by path. Objects are copied with their keys in the same
// order (a changed key stays where it was, a new key goes last), so the document the user
// wrote keeps its shape through every form edit.

export type PathKey = string | number;
export type DocPath = readonly PathKey[];

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function getIn(value: unknown, path: DocPath): unknown {
  let cur = value;
  for (const key of path) {
    if (Array.isArray(cur) && typeof key === 'number') cur = cur[key];
    else if (isObject(cur) && typeof key === 'string') cur = cur[key];
    else return undefined;
  }
  return cur;
}

/** `root` with `value` at `path`; missing containers are created (arrays for number keys).
 * `undefined` deletes. Returns `root` itself when nothing changes. */
export function setIn<T>(root: T, path: DocPath, value: unknown): T {
  if (value === undefined) return deleteIn(root, path);
  return setAt(root, path, 0, value) as T;
}

function setAt(cur: unknown, path: DocPath, i: number, value: unknown): unknown {
  if (i === path.length) return value;
  const key = path[i];
  if (typeof key === 'number') {
    const arr = Array.isArray(cur) ? cur : [];
    const next = setAt(arr[key], path, i + 1, value);
    if (next === arr[key] && arr === cur) return cur;
    const copy = arr.slice();
    copy[key] = next;
    return copy;
  }
  const obj = isObject(cur) ? cur : {};
  const next = setAt(obj[key], path, i + 1, value);
  if (next === obj[key] && key in obj && obj === cur) return cur;
  return { ...obj, [key]: next };
}

/** `root` without the value at `path` (array entries are spliced out). */
export function deleteIn<T>(root: T, path: DocPath): T {
  if (path.length === 0) return root;
  return deleteAt(root, path, 0) as T;
}

function deleteAt(cur: unknown, path: DocPath, i: number): unknown {
  const key = path[i];
  const last = i === path.length - 1;
  if (Array.isArray(cur) && typeof key === 'number') {
    if (key < 0 || key >= cur.length) return cur;
    if (last) return cur.filter((_, j) => j !== key);
    const next = deleteAt(cur[key], path, i + 1);
    if (next === cur[key]) return cur;
    const copy = cur.slice();
    copy[key] = next;
    return copy;
  }
  if (isObject(cur) && typeof key === 'string' && key in cur) {
    if (last) {
      const copy: Obj = {};
      for (const [k, v] of Object.entries(cur)) if (k !== key) copy[k] = v;
      return copy;
    }
    const next = deleteAt(cur[key], path, i + 1);
    return next === cur[key] ? cur : { ...cur, [key]: next };
  }
  return cur;
}

/** Renames key `from` of the object at `path` to `to`, in place (same position). */
export function renameKeyIn<T>(root: T, path: DocPath, from: string, to: string): T {
  const obj = getIn(root, path);
  if (!isObject(obj) || !(from in obj) || from === to) return root;
  const copy: Obj = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === to) continue;
    copy[k === from ? to : k] = v;
  }
  return path.length === 0 ? (copy as T) : setIn(root, path, copy);
}

/** `resources[0].endpoint.params.since` → ['resources', 0, 'endpoint', 'params', 'since'].
 * `<root>` (the engine's name for the top) is the empty path. */
export function parsePath(text: string): PathKey[] {
  if (text === '' || text === '<root>') return [];
  const out: PathKey[] = [];
  const re = /\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2]);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

/** The engine's (and dlt's) spelling of a path: `resources[0].endpoint.paginator`. */
export function formatPath(path: DocPath): string {
  if (path.length === 0) return '<root>';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}

/** Whether `path` is `prefix` or lies inside it (`a.b` is inside `a`, `a[0]` inside `a`). */
export function isWithin(path: string, prefix: string): boolean {
  if (prefix === '<root>') return true;
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}
