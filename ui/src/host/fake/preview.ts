// A preview as the engine traces it: three pages of four records from a json_link API, with the
// paginator detected from the first response when the source configures none.
import type { Detection, PageTrace, PreviewRequest, PreviewTrace, StopReason } from '../types';
import { comment, posts } from './records';

const PAGE_SIZE = 4;
const PAGES = 3;

export const FAKE_DETECTION: Detection = {
  config: { type: 'json_link', next_url_path: 'paging.next' },
  evidence: "'paging.next' holds a URL: https://api.example.com/posts?page=2",
  score: 1,
};

function baseUrl(doc: Record<string, unknown>): string {
  const client = doc.client as { base_url?: unknown } | undefined;
  const url = typeof client?.base_url === 'string' ? client.base_url : 'https://api.example.com/';
  return url.endsWith('/') ? url : `${url}/`;
}

/** The resource entry named `name` (a string entry is a resource with that path). */
export function findResource(doc: Record<string, unknown>, name: string): Record<string, unknown> | null {
  const list = Array.isArray(doc.resources) ? (doc.resources as unknown[]) : [];
  for (const r of list) {
    if (r === name) return { name };
    if (r && typeof r === 'object' && (r as { name?: unknown }).name === name) return r as Record<string, unknown>;
  }
  return null;
}

function configuresPaginator(doc: Record<string, unknown>, resource: Record<string, unknown>): boolean {
  const endpoint = resource.endpoint as { paginator?: unknown } | string | undefined;
  const client = doc.client as { paginator?: unknown } | undefined;
  return (typeof endpoint === 'object' && endpoint?.paginator != null) || client?.paginator != null;
}

function parentOf(resource: Record<string, unknown>): string | null {
  const endpoint = resource.endpoint;
  const path = typeof endpoint === 'string' ? endpoint : (endpoint as { path?: unknown } | undefined)?.path;
  const m = typeof path === 'string' ? /\{resources\.([A-Za-z0-9_]+)\./.exec(path) : null;
  return m ? m[1] : null;
}

/** The trace of `request`, limited by its pages and records like the engine's preview. */
export function fakePreview(request: PreviewRequest, resource: Record<string, unknown>): PreviewTrace {
  const doc = request.document;
  const base = baseUrl(doc);
  const parent = parentOf(resource);
  const path = parent ? `${parent}/1/${request.resource}` : request.resource;
  const detected = !configuresPaginator(doc, resource);
  const all: unknown[] = parent
    ? Array.from({ length: PAGE_SIZE * PAGES }, (_, i) => comment(1, i + 1))
    : posts(PAGE_SIZE * PAGES);
  const pageLimit = Math.max(1, Math.min(request.pages, PAGES));
  const recordLimit = Math.max(1, request.records);
  const pages: PageTrace[] = [];
  const records: unknown[] = [];
  let stop: StopReason | null = null;
  for (let index = 0; index < pageLimit; index++) {
    const url = `${base}${path}${index === 0 ? '' : `?page=${index + 1}`}`;
    const pageRecords = all.slice(index * PAGE_SIZE, (index + 1) * PAGE_SIZE);
    const last = index === PAGES - 1;
    const next = last ? null : `${base}${path}?page=${index + 2}`;
    const body = { data: pageRecords, paging: { next } };
    const text = JSON.stringify(body);
    const taken = pageRecords.slice(0, recordLimit - records.length);
    records.push(...taken);
    if (records.length >= recordLimit && !last) stop = 'record_limit';
    else if (last) stop = 'no_next_link';
    else if (index === pageLimit - 1) stop = 'max_pages';
    pages.push({
      index,
      request: {
        method: 'GET',
        url,
        headers: [
          ['User-Agent', 'pipewright/0.1.0'],
          ['Authorization', 'Bearer ***'],
        ],
        body: { kind: 'none' },
      },
      response: {
        status: 200,
        elapsed_ms: 80 + 35 * index,
        size: text.length,
        headers: [
          ['content-type', 'application/json'],
          ['content-length', String(text.length)],
        ],
        body_excerpt: text.slice(0, 500),
        retries: index === 1 ? [{ status: 429, reason: 'HTTP 429 Too Many Requests', waited_ms: 1000 }] : [],
      },
      records: taken,
      selector: 'data',
      note: null,
      position: next,
      stop: stop,
      body,
    });
    if (stop) break;
  }
  return {
    resource: request.resource,
    parents: parent ? [{ resource: parent, record: posts(1)[0] }] : [],
    pages,
    records,
    raw_records: records,
    stop,
    detected_paginator: detected ? FAKE_DETECTION : null,
    detected_selector: 'data',
    error: null,
  };
}
