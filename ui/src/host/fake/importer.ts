// Import in the fake host: curl commands, dlt configs (JSON/YAML) and OpenAPI 3 descriptions,
// the last with per-endpoint guesses and confidences shaped like the engine's (a simplified
// reading: list responses, `page`/`offset`/`cursor` parameters, `id` keys, parents by path prefix).
import { parse } from 'yaml';
import type { Confidence, EndpointGuess, Guessed, SourceDocument } from '../types';

type Obj = Record<string, unknown>;

export interface FakeImport {
  document: SourceDocument;
  notes: string[];
  endpoints: EndpointGuess[];
}

const RECORD_KEYS = ['data', 'items', 'results', 'records', 'value', 'entries', 'content', 'list', 'rows', 'hits', 'objects'];

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const g = (value: string, confidence: Confidence, evidence: string): Guessed => ({ value, confidence, evidence });

function resolve(doc: Obj, v: unknown): Obj {
  let cur = v;
  for (let i = 0; i < 8 && isObj(cur) && typeof cur.$ref === 'string'; i++) {
    cur = cur.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((at, key) => (isObj(at) ? at[key] : undefined), doc);
  }
  return isObj(cur) ? cur : {};
}

/** Where a response schema keeps its records, and the record schema. */
function listShape(doc: Obj, schema: Obj): { selector: Guessed; item: Obj; fields: string[] } | null {
  if (schema.type === 'array') return { selector: g('$', 'high', 'the response is a JSON array'), item: resolve(doc, schema.items), fields: [] };
  const props = isObj(schema.properties) ? schema.properties : {};
  const arrays = Object.entries(props).filter(([, v]) => resolve(doc, v).type === 'array');
  const named = arrays.find(([k]) => RECORD_KEYS.includes(k));
  const pick = named ?? (arrays.length === 1 ? arrays[0] : undefined);
  if (!pick) return null;
  const confidence: Confidence = named ? 'high' : 'medium';
  const evidence = named ? `'${pick[0]}' is the response's records list` : `'${pick[0]}' is the response's only list`;
  return { selector: g(pick[0], confidence, evidence), item: resolve(doc, resolve(doc, pick[1]).items), fields: Object.keys(props) };
}

function paginator(params: Obj[], fields: string[]): { config: unknown; guess: Guessed } {
  const names = params.filter((p) => p.in === 'query').map((p) => String(p.name));
  if (names.includes('page')) {
    const total = fields.find((f) => ['total_pages', 'totalPages', 'pages'].includes(f));
    return {
      config: { type: 'page_number', base_page: 1, page_param: 'page', total_path: total ?? null },
      guess: total
        ? g('page_number', 'high', `query parameter 'page', response field '${total}' as the page count`)
        : g('page_number', 'medium', "query parameter 'page'; no page count, so paging stops at the first empty page"),
    };
  }
  if (names.includes('offset') && names.includes('limit')) {
    return { config: { type: 'offset', limit: 100 }, guess: g('offset', fields.includes('total') ? 'high' : 'medium', "query parameters 'offset' and 'limit'") };
  }
  if (names.includes('cursor')) {
    return { config: { type: 'cursor', cursor_param: 'cursor' }, guess: g('cursor', 'low', "query parameter 'cursor'; the response field is unknown") };
  }
  return { config: null, guess: g('auto', 'low', "no paging parameters or fields: left to dlt's auto-detection at run time") };
}

export function fakeImportOpenapi(text: string): FakeImport {
  const doc = parse(text) as Obj;
  const servers = Array.isArray(doc.servers) ? doc.servers : [];
  const base = String((servers[0] as Obj | undefined)?.url ?? '/').replace(/\/?$/, '/');
  const paths = isObj(doc.paths) ? doc.paths : {};
  const notes: string[] = [];
  const resources: Obj[] = [];
  const endpoints: EndpointGuess[] = [];
  const done: { name: string; template: string; props: string[] }[] = [];
  const ordered = Object.keys(paths).sort((a, b) => a.split('/').length - b.split('/').length);
  for (const path of ordered) {
    const op = resolve(doc, resolve(doc, paths[path]).get);
    if (Object.keys(op).length === 0) continue;
    const ok = resolve(doc, (op.responses as Obj | undefined)?.['200']);
    const schema = resolve(doc, ((ok.content as Obj | undefined)?.['application/json'] as Obj | undefined)?.schema);
    const shape = listShape(doc, schema);
    if (!shape) {
      notes.push(`<root>: GET ${path} skipped: its response is not a list of records`);
      continue;
    }
    const segs = path.split('/').filter(Boolean);
    const fixed = segs.filter((s) => !s.includes('{'));
    let name = fixed[fixed.length - 1] ?? 'items';
    if (done.some((d) => d.name === name)) name = fixed.join('_');
    let configPath = segs.join('/');
    let parent: Guessed | null = null;
    const param = /\{([^}]+)\}/.exec(path)?.[1];
    if (param) {
      const prefix = `/${segs.slice(0, segs.findIndex((s) => s.includes('{'))).join('/')}`;
      const p = done.find((d) => d.template === prefix);
      if (!p) {
        notes.push(`<root>: GET ${path} skipped: no list operation provides '${param}', and it has no example`);
        continue;
      }
      const exact = p.props.includes(param);
      const field = exact ? param : 'id';
      configPath = configPath.replace(`{${param}}`, `{resources.${p.name}.${field}}`);
      parent = g(p.name, exact ? 'high' : 'medium', `{${param}} ← field '${field}' of each '${p.name}' record (GET ${prefix} lists them)`);
    }
    const params = (Array.isArray(op.parameters) ? op.parameters : []).map((x) => resolve(doc, x));
    const pg = paginator(params, shape.fields);
    const props = Object.keys(isObj(shape.item.properties) ? shape.item.properties : {});
    const endpoint: Obj = { path: configPath, data_selector: shape.selector.value };
    if (pg.config) endpoint.paginator = pg.config;
    const resource: Obj = { name, endpoint };
    const primaryKey = props.includes('id') ? g('id', 'high', "the records have an 'id' property") : null;
    if (primaryKey) resource.primary_key = 'id';
    resources.push(resource);
    endpoints.push({ resource: name, operation: `GET ${path}`, paginator: pg.guess, data_selector: shape.selector, primary_key: primaryKey, parent });
    notes.push(`resources[${resources.length - 1}].endpoint.paginator: ${pg.guess.value} from ${pg.guess.evidence}`);
    done.push({ name, template: path, props });
  }
  return { document: { client: { base_url: base }, resources }, notes, endpoints };
}

export function fakeImportCurl(text: string): FakeImport | null {
  const url = /https?:\/\/[^\s'"]+/.exec(text)?.[0];
  if (!url) return null;
  const u = new URL(url);
  const path = u.pathname.replace(/^\/+/, '');
  const name = path.split('/').filter(Boolean).pop() ?? 'resource';
  const document: SourceDocument = { client: { base_url: `${u.origin}/` }, resources: [{ name, endpoint: { path } }] };
  return { document, notes: [`client.base_url: the URL's origin ${u.origin}/`, `resources[0].name: the last path segment '${name}'`], endpoints: [] };
}

/** A JSON or YAML dlt config, or null when the text is neither. */
export function fakeImportConfig(text: string): SourceDocument | null {
  try {
    const v: unknown = text.trim().startsWith('{') ? JSON.parse(text) : parse(text);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}

export function looksOpenapi(text: string): boolean {
  return /^\s*["']?(openapi|swagger)["']?\s*:/m.test(text);
}
