// `{secrets.NAME}` references in a source document: what the source needs, and where.

const REF = /\{secrets\.([A-Za-z0-9_.-]+)\}/g;

export interface SecretRef {
  name: string;
  /** Config paths that use it (`client.auth.token`). */
  paths: string[];
}

export function findSecretRefs(doc: unknown): SecretRef[] {
  const found = new Map<string, string[]>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(REF)) {
        const list = found.get(m[1]) ?? [];
        list.push(path || '$');
        found.set(m[1], list);
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(doc, '');
  return [...found].map(([name, paths]) => ({ name, paths }));
}

/** Splits a template into literal text and secret names. */
export function splitTemplate(text: string): ({ lit: string } | { secret: string })[] {
  const out: ({ lit: string } | { secret: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(REF)) {
    if (m.index > last) out.push({ lit: text.slice(last, m.index) });
    out.push({ secret: m[1] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ lit: text.slice(last) });
  return out;
}

/** The environment variable dlt (and Pipewright) read a source's secret from. */
export function secretEnvName(source: string, name: string): string {
  return `SOURCES__${source}__${name}`.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
}
