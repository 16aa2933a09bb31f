// The JSON Schema description of a document path (`['resources', 0, 'endpoint', 'params']`):
// the engine's schema (host.schema()) is the one source of field help, so the forms, the CLI's
// `pipewright schema` and the code view's hover docs say the same thing.
import type { DocPath } from '../../sources/docPath';

type Schema = Record<string, unknown>;

const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `#/$defs/Name` inside `root`. */
function deref(root: Schema, s: Schema, seen = new Set<string>()): Schema {
  const ref = s.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/') || seen.has(ref)) return s;
  seen.add(ref);
  let cur: unknown = root;
  for (const part of ref.slice(2).split('/')) cur = isSchema(cur) ? cur[part] : undefined;
  // A $ref next to its own description keeps that description (the more specific one).
  return isSchema(cur) ? { ...deref(root, cur, seen), ...(s.description ? { description: s.description } : {}) } : s;
}

/** The schema and every alternative it allows (anyOf / oneOf / allOf branches), dereferenced. */
function branches(root: Schema, s: Schema): Schema[] {
  const out: Schema[] = [];
  const visit = (x: Schema, depth: number) => {
    const d = deref(root, x);
    out.push(d);
    if (depth > 6) return;
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      const list = d[key];
      if (Array.isArray(list)) list.filter(isSchema).forEach((b) => visit(b, depth + 1));
    }
  };
  visit(s, 0);
  return out;
}

function child(root: Schema, s: Schema, key: string | number): Schema[] {
  const found: Schema[] = [];
  for (const b of branches(root, s)) {
    if (typeof key === 'number') {
      if (isSchema(b.items)) found.push(b.items);
    } else {
      const props = b.properties;
      if (isSchema(props) && isSchema(props[key])) found.push(props[key]);
      else if (isSchema(b.additionalProperties)) found.push(b.additionalProperties);
    }
  }
  return found;
}

/** The description of the field at `path`, or undefined when the schema has none. A
 * `resource_defaults` path reads like a resource's (same fields). */
export function describe(root: Schema | null, path: DocPath): string | undefined {
  if (!root) return undefined;
  let level: Schema[] = [root];
  for (const key of path) {
    level = level.flatMap((s) => child(root, s, key));
    if (level.length === 0) return undefined;
  }
  for (const s of level) {
    for (const b of branches(root, s)) {
      if (typeof b.description === 'string' && b.description.trim()) return b.description.trim();
    }
  }
  return undefined;
}
