// dlt's `snake_case` naming convention, as the engine applies it (crates/engine/src/normalize/
// naming.rs): the column names a user will find in SQLite. Identifiers are never shortened here
// because dlt's SQLite limit (9999 characters) is never reached in practice.

/** Separator between the parts of a nested table or flattened column name. */
export const PATH_SEPARATOR = '__';

const NON_ALPHANUMERIC = /[^a-zA-Z\p{Nd}_]+/gu;
const BREAK_1 = /([^_])([A-Z][a-z]+)/g;
const BREAK_2 = /([a-z0-9])([A-Z])/g;
const LEADING_DIGITS = /^\p{Nd}+/u;
const UNDERSCORES = /__+/g;

// Python's str.strip(): Unicode whitespace plus the ASCII separators 0x1c-0x1f.
function isStripped(c: string): boolean {
  const code = c.charCodeAt(0);
  return /\s/.test(c) || (code >= 0x1c && code <= 0x1f);
}

function pyStrip(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isStripped(s[start])) start++;
  while (end > start && isStripped(s[end - 1])) end--;
  return s.slice(start, end);
}

const REDUCE: Record<string, string> = { '+': 'x', '*': 'x', '-': '_', '@': 'a', '|': 'l' };

// Records repeat the same keys: remember each answer (bounded, so odd data cannot grow it forever).
const cache = new Map<string, string | null>();
const CACHE_LIMIT = 10_000;

/** One identifier in dlt's snake_case; null when it is blank (dlt rejects it). */
export function normalizeIdentifier(identifier: string): string | null {
  const hit = cache.get(identifier);
  if (hit !== undefined) return hit;
  const out = normalize(identifier);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(identifier, out);
  return out;
}

function normalize(identifier: string): string | null {
  const stripped = pyStrip(identifier);
  if (stripped.length === 0) return null;
  const reduced = stripped.replace(/[+*\-@|]/g, (c) => REDUCE[c]).replace(NON_ALPHANUMERIC, '_');
  let s = reduced.replace(BREAK_1, '$1_$2').replace(BREAK_2, '$1_$2').toLowerCase();
  if (LEADING_DIGITS.test(s)) s = `_${s}`;
  const body = s.replace(/_+$/, '');
  s = body + 'x'.repeat(s.length - body.length);
  return s.replace(UNDERSCORES, '_');
}

/** Normalised parts joined with `__` (a nested column or child table name). */
export function joinPath(parts: string[]): string {
  return parts.filter((p) => p.trim().length > 0).join(PATH_SEPARATOR);
}

/** The column name of a field path inside a record (`['author', 'geo', 'lat']` → `author__geo__lat`). */
export function columnName(path: readonly (string | number)[]): string {
  return joinPath(path.map((p) => normalizeIdentifier(String(p)) ?? ''));
}
