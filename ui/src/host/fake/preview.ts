// A preview as the engine traces it: three pages from a json_link API (that also sends Link and
// X-Total-Count headers), with the paginator detected
// from the first response when the source configures none. A child resource is previewed for the
// first N parent records (or the ones the request names), one page sequence per parent; pages can
// take time (`pageMs`) so that a preview can be cancelled between two of them.
import type { Detection, PageTrace, PreviewRequest, PreviewTrace, StopReason } from '../types';
import { comment, post } from './records';
import { fakeSchema } from './schema';

const PAGES = 3;

export const FAKE_DETECTION: Detection = {
  config: { type: 'json_link', next_url_path: 'paging.next' },
  evidence: "'paging.next' holds a URL: https://api.example.com/posts?page=2",
  score: 1,
};

export interface FakePreviewOptions {
  /** Records per page of the fake API. */
  pageSize: number;
  /** How long each page takes, in ms. */
  pageMs: number;
  /** Asked between pages: true once the preview was cancelled. */
  cancelled: () => boolean;
}

/** A post as the preview sees it: `archived_at` is always null and post 3's `score` is text, so
 * the schema preview has a null-only column and a variant column to warn about. */
export function previewPost(id: number): Record<string, unknown> {
  return { ...post(id), number: id, score: id === 3 ? 'n/a' : id * 10, archived_at: null };
}

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

function endpointPath(resource: Record<string, unknown>, name: string): string {
  const endpoint = resource.endpoint;
  const path = typeof endpoint === 'string' ? endpoint : (endpoint as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : name;
}

const PLACEHOLDER = /\{resources\.([A-Za-z0-9_]+)\.([A-Za-z0-9_.]+)\}/g;

function parentOf(path: string): string | null {
  return [...path.matchAll(PLACEHOLDER)][0]?.[1] ?? null;
}

/** The path with each `{resources.p.f}` replaced by the parent record's field. */
function fillPath(path: string, record: Record<string, unknown>): string {
  return path.replace(PLACEHOLDER, (_, _p: string, field: string) => String(record[field] ?? record.id));
}

function includeFromParent(resource: Record<string, unknown>): string[] {
  const list = resource.include_from_parent;
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The trace of `request`, limited by its pages, records and parents like the engine's preview. */
export async function fakePreview(
  request: PreviewRequest,
  resource: Record<string, unknown>,
  options: FakePreviewOptions,
): Promise<PreviewTrace> {
  const doc = request.document;
  const base = baseUrl(doc);
  const path = endpointPath(resource, request.resource);
  const parent = parentOf(path);
  const pageSize = Math.max(1, options.pageSize);
  const parentRecords: Record<string, unknown>[] = parent
    ? ((request.parent_records as Record<string, unknown>[] | null) ??
      Array.from({ length: Math.max(1, Math.min(request.parents, pageSize * PAGES)) }, (_, i) => previewPost(i + 1)))
    : [];
  const included = includeFromParent(resource);
  const pageLimit = Math.max(1, Math.min(request.pages, PAGES));
  const recordLimit = Math.max(1, request.records);
  const pages: PageTrace[] = [];
  const records: unknown[] = [];
  let stop: StopReason | null = null;
  let cancelled = false;

  // One page sequence per parent record (a single one for a top-level resource).
  const sequences: (Record<string, unknown> | null)[] = parent ? parentRecords : [null];
  sequences: for (const [p, parentRecord] of sequences.entries()) {
    const url0 = `${base}${parentRecord ? fillPath(path, parentRecord) : path}`;
    for (let index = 0; index < pageLimit; index++) {
      if (options.pageMs > 0) await sleep(options.pageMs);
      if (options.cancelled()) {
        cancelled = true;
        stop = null;
        break sequences;
      }
      const first = index * pageSize + 1;
      const pageRecords = Array.from({ length: pageSize }, (_, i): unknown => {
        if (!parentRecord) return previewPost(first + i);
        const c: Record<string, unknown> = comment(Number(parentRecord.id ?? p + 1), first + i);
        for (const f of included) c[`_${parent}_${f}`] = parentRecord[f];
        return c;
      });
      const last = index === PAGES - 1;
      const next = last ? null : `${url0}?page=${index + 2}`;
      const body = { data: pageRecords, paging: { next } };
      const text = JSON.stringify(body);
      const taken = pageRecords.slice(0, recordLimit - records.length);
      records.push(...taken);
      if (records.length >= recordLimit && !last) stop = 'record_limit';
      else if (last) stop = 'no_next_link';
      else if (index === pageLimit - 1) stop = 'max_pages';
      else stop = null;
      pages.push({
        index: pages.length,
        request: {
          method: 'GET',
          url: index === 0 ? url0 : `${url0}?page=${index + 1}`,
          headers: [
            ['User-Agent', 'pipewright/0.1.0'],
            ['Authorization', 'Bearer ***'],
          ],
          body: { kind: 'none' },
        },
        response: {
          status: 200,
          elapsed_ms: Math.max(options.pageMs, 80 + 35 * index),
          size: text.length,
          headers: [
            ['content-type', 'application/json'],
            ['content-length', String(text.length)],
            // The same paging as Link and count headers, for click-to-configure from headers.
            ['link', next ? `<${next}>; rel="next", <${url0}?page=${PAGES}>; rel="last"` : `<${url0}>; rel="first"`],
            ['x-total-count', String(PAGES * pageSize)],
          ],
          body_excerpt: text.slice(0, 500),
          retries: index === 1 && p === 0 ? [{ status: 429, reason: 'HTTP 429 Too Many Requests', waited_ms: 1000 }] : [],
        },
        records: taken,
        selector: 'data',
        note: null,
        position: next,
        stop,
        body,
        parent: parentRecord ? p : null,
      });
      if (stop === 'record_limit') break sequences;
      if (stop) break;
    }
  }
  return {
    resource: request.resource,
    parents: parent && parentRecords.length > 0 ? [{ resource: parent, record: parentRecords[0] }] : [],
    pages,
    records,
    raw_records: records,
    stop,
    detected_paginator: configuresPaginator(doc, resource) ? null : FAKE_DETECTION,
    detected_selector: 'data',
    error: null,
    parent_records: parentRecords,
    schema: fakeSchema(request.resource, records),
    cancelled,
  };
}
