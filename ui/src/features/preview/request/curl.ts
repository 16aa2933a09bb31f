// "Copy as curl": the request as a shell command in which every secret is a reference to the
// environment variable the engine would read it from (SOURCES__<SOURCE>__<NAME>), never a value.
import type { RequestTrace, SourceDocument } from '../../../host';
import { secretEnvName, splitTemplate } from '../../secrets/secretRefs';
import { endpointConfig } from '../configure/docEdits';
import { maskHeader } from './mask';

type Obj = Record<string, unknown>;
type Piece = { lit: string } | { secret: string };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function quote(lit: string): string {
  return `'${lit.replace(/'/g, `'\\''`)}'`;
}

/** One shell word from literal text and secret references. */
function word(pieces: Piece[], source: string): string {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged[merged.length - 1];
    if ('lit' in p && last && 'lit' in last) merged[merged.length - 1] = { lit: last.lit + p.lit };
    else merged.push(p);
  }
  return merged.map((p) => ('lit' in p ? quote(p.lit) : `"\${${secretEnvName(source, p.secret)}}"`)).join('');
}

/** The auth in force for a resource: the endpoint's own, else the client's. */
function authConfig(doc: SourceDocument, resource: string): Obj | null {
  const own = endpointConfig(doc, resource)?.auth;
  if (isObj(own)) return own;
  const client = isObj(doc.client) ? doc.client : {};
  return isObj(client.auth) ? client.auth : null;
}

function headerTemplates(doc: SourceDocument, resource: string): Map<string, string> {
  const map = new Map<string, string>();
  const client = isObj(doc.client) ? doc.client : {};
  const endpoint = endpointConfig(doc, resource) ?? {};
  for (const headers of [client.headers, endpoint.headers]) {
    if (isObj(headers)) for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') map.set(k.toLowerCase(), v);
  }
  const auth = authConfig(doc, resource);
  // dlt reads an auth without a type as bearer (`auth: {token: ...}`).
  if ((auth?.type ?? 'bearer') === 'bearer' && typeof auth?.token === 'string') map.set('authorization', `Bearer ${auth.token}`);
  if (auth?.type === 'api_key' && typeof auth.api_key === 'string' && (auth.location ?? 'header') === 'header') {
    map.set(String(auth.name ?? 'Authorization').toLowerCase(), auth.api_key);
  }
  return map;
}

function queryTemplates(doc: SourceDocument, resource: string): Map<string, string> {
  const map = new Map<string, string>();
  const auth = authConfig(doc, resource);
  if (auth?.type === 'api_key' && auth.location === 'query' && typeof auth.api_key === 'string') {
    map.set(String(auth.name ?? 'api_key'), auth.api_key);
  }
  const params = endpointConfig(doc, resource)?.params;
  if (isObj(params)) for (const [k, v] of Object.entries(params)) if (typeof v === 'string') map.set(k, v);
  return map;
}

/** Literal secrets (no reference in the config) stay masked. */
function pieces(template: string | undefined, shown: string): Piece[] {
  if (template && /\{secrets\./.test(template)) return splitTemplate(template);
  return [{ lit: shown }];
}

function urlPieces(url: string, templates: Map<string, string>): Piece[] {
  const q = url.indexOf('?');
  if (q < 0 || !url.includes('***')) return [{ lit: url }];
  const out: Piece[] = [{ lit: url.slice(0, q + 1) }];
  url
    .slice(q + 1)
    .split('&')
    .forEach((pair, i) => {
      const [k, v = ''] = pair.split('=', 2);
      out.push({ lit: `${i > 0 ? '&' : ''}${k}=` });
      const t = templates.get(decodeURIComponent(k));
      out.push(...(v === '***' && t ? splitTemplate(t) : [{ lit: v }]));
    });
  return out;
}

export function curlCommand(request: RequestTrace, doc: SourceDocument, resource: string, source: string): string {
  const parts = ['curl'];
  if (request.method.toUpperCase() !== 'GET' || request.body.kind !== 'none') parts.push('-X', request.method.toUpperCase());
  parts.push(word(urlPieces(request.url, queryTemplates(doc, resource)), source));
  const templates = headerTemplates(doc, resource);
  for (const [name, value] of request.headers) {
    const shown = maskHeader(name, value);
    const template = shown.includes('***') ? templates.get(name.toLowerCase()) : undefined;
    const valuePieces = pieces(template, shown);
    parts.push('-H', word([{ lit: `${name}: ` }, ...valuePieces], source));
  }
  const body = request.body;
  if (body.kind === 'json') parts.push('--data-raw', quote(JSON.stringify(body.value)));
  if (body.kind === 'raw') parts.push('--data-raw', quote(body.value));
  if (body.kind === 'form') for (const [k, v] of body.value) parts.push('--data-urlencode', quote(`${k}=${v}`));
  return parts.join(' ');
}
