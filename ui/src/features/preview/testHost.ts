// A preview test double with realistic traces, shaped like the engine's output for the demo API:
// an auto-detected json_link paginator over three pages, a retried 429, a stop reason.
import type { Host, PageTrace, PreviewRequest, PreviewTrace, SchemaPreview, SourceDocument } from '../../host';
import { stubHost } from './testing/stubHost';

export const DEMO_DOC: SourceDocument = {
  client: { base_url: 'http://127.0.0.1:8787/', auth: { type: 'bearer', token: '{secrets.demo_token}' } },
  resources: [
    { name: 'posts', endpoint: { path: 'posts', params: { per_page: 2 } } },
    { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments' } },
  ],
};

function post(id: number) {
  return {
    id,
    userId: 10 + id,
    title: `Post ${id}`,
    updatedAt: `2024-05-0${id}T10:00:00Z`,
    author: { name: 'Ada', address: { geo: { lat: '-37.31' } } },
    tags: ['a', 'b'],
  };
}

function page(index: number, ids: number[], next: string | null, extra: Partial<PageTrace> = {}): PageTrace {
  const url = `http://127.0.0.1:8787/posts?per_page=2${index > 0 ? `&page=${index + 1}` : ''}`;
  const body = { data: ids.map(post), next, total: 5 };
  const text = JSON.stringify(body);
  return {
    index,
    request: {
      method: 'GET',
      url,
      headers: [
        ['Authorization', 'Bearer ***'],
        ['Accept', 'application/json'],
      ],
      body: { kind: 'none' },
    },
    response: {
      status: 200,
      elapsed_ms: 40 + index * 7,
      size: text.length,
      headers: [['content-type', 'application/json']],
      body_excerpt: text,
      retries: [],
    },
    records: body.data,
    selector: 'data',
    note: null,
    position: next,
    stop: null,
    body,
    parent: null,
    ...extra,
  };
}

const col = (name: string, data_type: string, extra: Partial<SchemaPreview['tables'][0]['columns'][0]> = {}) => ({
  name,
  data_type,
  nullable: false,
  variant: false,
  all_null: false,
  ...extra,
});

/** What the engine's normalizer reports for the demo records (plus a null-only and a variant column). */
export const DEMO_SCHEMA: SchemaPreview = {
  tables: [
    {
      name: 'posts',
      parent: null,
      rows: 5,
      columns: [
        col('id', 'bigint'),
        col('updated_at', 'timestamp'),
        col('deleted_at', 'text', { nullable: true, all_null: true }),
        col('user_id__v_text', 'text', { nullable: true, variant: true }),
        col('_dlt_id', 'text'),
      ],
    },
    { name: 'posts__tags', parent: 'posts', rows: 10, columns: [col('value', 'text'), col('_dlt_parent_id', 'text')] },
  ],
  warnings: [
    'posts.deleted_at is null in every sampled record; its type is unknown and the column is not created',
    'posts.user_id__v_text is a variant column: user_id had text values',
  ],
};

export function demoTrace(resource = 'posts'): PreviewTrace {
  const pages = [
    page(0, [1, 2], 'http://127.0.0.1:8787/posts?per_page=2&page=2'),
    page(1, [3, 4], 'http://127.0.0.1:8787/posts?per_page=2&page=3'),
    page(2, [5], null, { stop: 'no_next_link' }),
  ];
  pages[1].response.retries = [{ status: 429, reason: 'Too Many Requests', waited_ms: 1000 }];
  const records = pages.flatMap((p) => p.records);
  return {
    resource,
    parents: [],
    pages,
    records,
    raw_records: records,
    stop: 'no_next_link',
    detected_paginator: {
      config: { type: 'json_link', next_url_path: 'next' },
      evidence: "'next' holds a URL: http://127.0.0.1:8787/posts?per_page=2&page=2",
      score: 1,
    },
    detected_selector: 'data',
    error: null,
    parent_records: [],
    schema: DEMO_SCHEMA,
    cancelled: false,
  };
}

/** A host whose preview answers with `trace` (default: the demo trace) and records requests. */
export function previewHost(trace: (req: PreviewRequest) => PreviewTrace = (r) => demoTrace(r.resource)) {
  const requests: PreviewRequest[] = [];
  const host: Host = stubHost({
    preview: async (req) => {
      requests.push(req);
      return trace(req);
    },
  });
  return { host, requests };
}
