// Paths into a JSON body and dlt's JSONPath dialect for them (`results.posts`, `$`,
// `['@odata.nextLink']`, `items[0].id`), as data_selector, next_url_path and cursor_path take them.

export type Segment = string | number;
export type JsonPath = readonly Segment[];

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A path as dlt's JSONPath; the root is `$`. */
export function formatPath(path: JsonPath): string {
  if (path.length === 0) return '$';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out ? `.${seg}` : seg;
    else out += `['${seg.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** Parses the simple JSONPaths the UI writes (and most hand-written selectors); null if unsure. */
export function parsePath(text: string): Segment[] | null {
  let s = text.trim();
  if (s === '$' || s === '') return [];
  if (s.startsWith('$')) s = s.slice(1);
  const out: Segment[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '.') {
      i++;
      continue;
    }
    if (s[i] === '[') {
      const close = s.indexOf(']', i);
      if (close < 0) return null;
      const inner = s.slice(i + 1, close).trim();
      const quoted = /^(['"])(.*)\1$/.exec(inner);
      if (quoted) out.push(quoted[2].replace(/\\(.)/g, '$1'));
      else if (/^\d+$/.test(inner)) out.push(Number(inner));
      else return null;
      i = close + 1;
      continue;
    }
    const m = /^[^.[]+/.exec(s.slice(i));
    if (!m) return null;
    if (m[0] === '*') return null;
    out.push(m[0]);
    i += m[0].length;
  }
  return out;
}

/** The value at a path, or undefined. */
export function valueAt(root: unknown, path: JsonPath): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** A stable string key for a path (for sets and React keys). */
export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

export function startsWith(path: JsonPath, prefix: JsonPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}
