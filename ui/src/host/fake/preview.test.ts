import { describe, expect, it } from 'vitest';
import { GITHUB_PATH, createFakeHost } from '../fake';
import type { FakeHostOptions } from '../fake';
import type { PreviewRequest } from '../types';

async function request(host: ReturnType<typeof createFakeHost>, patch: Partial<PreviewRequest>): Promise<PreviewRequest> {
  const gh = await host.openSource(GITHUB_PATH);
  return {
    document: gh.document,
    source_name: 'github',
    source_path: GITHUB_PATH,
    resource: 'issues',
    pages: 5,
    records: 1000,
    parents: 1,
    parent_records: null,
    preview_id: null,
    ...patch,
  };
}

describe('fake preview', () => {
  it('previews a child once per parent: the first N, each page naming its parent', async () => {
    const host = createFakeHost();
    const trace = await host.preview(await request(host, { resource: 'issue_comments', parents: 3, pages: 2 }));
    expect(trace.parent_records.map((r) => (r as { number: number }).number)).toEqual([1, 2, 3]);
    expect(trace.pages.map((p) => p.parent)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(trace.pages.map((p) => p.request.url.replace(/^.*issues\//, ''))).toEqual([
      '1/comments',
      '1/comments?page=2',
      '2/comments',
      '2/comments?page=2',
      '3/comments',
      '3/comments?page=2',
    ]);
    // include_from_parent: id → _issues_id on each child record.
    expect(trace.records[0]).toMatchObject({ post_id: 1, _issues_id: 1 });
    expect(trace.stop).toBe('max_pages');
  });

  it('previews a child for the parent records the request names', async () => {
    const host = createFakeHost();
    const trace = await host.preview(
      await request(host, { resource: 'issue_comments', parent_records: [{ id: 42, number: 42 }], pages: 1 }),
    );
    expect(trace.parent_records).toEqual([{ id: 42, number: 42 }]);
    expect(trace.pages).toHaveLength(1);
    expect(trace.pages[0].request.url).toBe('https://api.github.com/repos/dlt-hub/dlt/issues/42/comments');
    expect(trace.pages[0].parent).toBe(0);
  });

  it('a top-level resource has no parents and a schema with a null-only and a variant column', async () => {
    const host = createFakeHost();
    const trace = await host.preview(await request(host, {}));
    expect(trace.parent_records).toEqual([]);
    expect(trace.pages.every((p) => p.parent === null)).toBe(true);
    const root = trace.schema.tables[0];
    expect(root).toMatchObject({ name: 'issues', parent: null, rows: 12 });
    const col = (n: string) => root.columns.find((c) => c.name === n);
    expect(col('id')).toMatchObject({ data_type: 'bigint', variant: false, all_null: false });
    expect(col('created_at')?.data_type).toBe('timestamp');
    expect(col('archived_at')).toMatchObject({ all_null: true, nullable: true });
    expect(col('score__v_text')).toMatchObject({ data_type: 'text', variant: true });
    expect(trace.schema.tables.map((t) => [t.name, t.parent])).toEqual([
      ['issues', null],
      ['issues__tags', 'issues'],
    ]);
    expect(trace.schema.warnings).toEqual([
      expect.stringMatching(/^issues\.archived_at is null in every sampled record/),
      expect.stringMatching(/^issues\.score__v_text is a variant column/),
    ]);
  });

  it('cancelPreview stops a slow preview between pages, keeping the pages before', async () => {
    const options: FakeHostOptions = { previewPageMs: 30 };
    const host = createFakeHost({}, options);
    const running = host.preview(await request(host, { preview_id: 'p1' }));
    await new Promise((r) => setTimeout(r, 45));
    await host.cancelPreview('p1');
    const trace = await running;
    expect(trace.cancelled).toBe(true);
    expect(trace.pages).toHaveLength(1);
    expect(trace.stop).toBeNull();
    // Options are read at each call: a bigger page size shows in the next preview.
    options.previewPageMs = 0;
    options.previewPageSize = 10;
    const next = await host.preview(await request(host, { preview_id: 'p1' }));
    expect(next.cancelled).toBe(false);
    expect(next.records).toHaveLength(30);
  });
});
