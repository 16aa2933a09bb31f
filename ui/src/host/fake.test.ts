import { describe, expect, it } from 'vitest';
import { FAKE_DETECTION, GITHUB_PATH, QUICK_EXAMPLE_PATH, createFakeHost } from './fake';
import { FAKE_OPENAPI } from './fake/openapiFixture';
import type { IpcError, RunEvent } from './types';

async function rejection(p: Promise<unknown>): Promise<IpcError> {
  try {
    await p;
  } catch (e) {
    return e as IpcError;
  }
  throw new Error('expected a rejection');
}

describe('fake host', () => {
  it('lists and opens the two fixture sources', async () => {
    const host = createFakeHost();
    const recent = await host.listRecent();
    expect(recent.map((r) => r.name)).toEqual(['quick_example', 'github']);
    const json = await host.openSource(QUICK_EXAMPLE_PATH);
    expect(json.format).toBe('json');
    expect(json.document.resources).toEqual(['posts', expect.objectContaining({ name: 'comments' })]);
    expect(json.text).toContain('"next_url_path": "paging.next"');
    const yaml = await host.openSource(GITHUB_PATH);
    expect(yaml.format).toBe('yaml');
    expect(Object.keys(yaml.document)).toEqual(['client', 'resource_defaults', 'resources']);
    expect((await host.listRecent())[0].path).toBe(GITHUB_PATH);
    expect((await rejection(host.openSource('/nope.json'))).code).toBe('not_found');
  });

  it('saves in the given format and keeps key order', async () => {
    const host = createFakeHost();
    const doc = { resources: ['a'], client: { base_url: 'https://x/' } };
    const yaml = await host.saveSource('/tmp/new.yaml', doc, 'yaml');
    expect(yaml.text).toBe("resources:\n- a\nclient:\n  base_url: https://x/\n");
    expect(yaml.name).toBe('new');
    const json = await host.saveSource('/tmp/new.json', doc, 'json');
    expect(json.text.indexOf('resources')).toBeLessThan(json.text.indexOf('client'));
    expect((await host.openSource('/tmp/new.json')).document).toEqual(doc);
  });

  it('validates like the engine: every problem with its path', async () => {
    const host = createFakeHost();
    const ok = await host.validate((await host.openSource(QUICK_EXAMPLE_PATH)).document);
    expect(ok).toEqual({
      valid: true,
      problems: [],
      summary: '2 resources: posts (paginator json_link), comments <- posts (paginator json_link)',
    });
    const bad = await host.validate({ client: {}, resources: [{ name: 'a', params: {} }], extra: 1 });
    expect(bad.valid).toBe(false);
    expect(bad.problems.map((p) => p.path)).toEqual(['<root>', 'client', 'resources[0]']);
    expect(bad.summary).toBeNull();
  });

  it('previews three pages, with a detection when no paginator is configured', async () => {
    const host = createFakeHost();
    const gh = await host.openSource(GITHUB_PATH);
    const base = {
      document: gh.document,
      source_name: 'github',
      source_path: GITHUB_PATH,
      pages: 5,
      records: 100,
      parents: 1,
      parent_records: null,
      preview_id: null,
    };
    const trace = await host.preview({ ...base, resource: 'issues' });
    expect(trace.pages).toHaveLength(3);
    expect(trace.records).toHaveLength(12);
    expect(trace.stop).toBe('no_next_link');
    expect(trace.pages[2].stop).toBe('no_next_link');
    expect(trace.detected_paginator).toEqual(FAKE_DETECTION);
    expect(trace.pages[1].response.retries).toHaveLength(1);

    const child = await host.preview({ ...base, resource: 'issue_comments', pages: 2 });
    expect(child.parents[0].resource).toBe('issues');
    expect(child.pages).toHaveLength(2);
    expect(child.stop).toBe('max_pages');

    const quick = await host.openSource(QUICK_EXAMPLE_PATH);
    const configured = await host.preview({ ...base, document: quick.document, resource: 'posts' });
    expect(configured.detected_paginator).toBeNull();
    expect((await rejection(host.preview({ ...base, resource: 'nope' }))).code).toBe('validation');
  });

  it('runs stream events, resolve with a summary and add a load', async () => {
    const host = createFakeHost({}, { runMs: 30 });
    const events: RunEvent[] = [];
    const loadsBefore = (await host.listLoads('/db.sqlite')).length;
    const run = await host.startRun(
      { source_path: QUICK_EXAMPLE_PATH, db: null, resources: [], full_refresh: false },
      (e) => events.push(e),
    );
    const summary = await run.done;
    expect(summary.pipeline).toBe('quick_example');
    expect(summary.rows.posts).toBe(10);
    expect(events[0]).toEqual({ event: 'run_started', pipeline: 'quick_example', resources: ['posts', 'comments'] });
    expect(events[1]).toEqual({ event: 'resource_started', resource: 'posts' });
    expect(events.filter((e) => e.event === 'page')).toHaveLength(6);
    expect(events[events.length - 1]).toEqual({ event: 'run_finished', summary });
    expect(await host.listLoads('/db.sqlite')).toHaveLength(loadsBefore + 1);
  });

  it('a cancelled run rejects with cancelled', async () => {
    const host = createFakeHost({}, { runMs: 5000 });
    const events: RunEvent[] = [];
    const run = await host.startRun(
      { source_path: GITHUB_PATH, db: null, resources: ['issues'], full_refresh: false },
      (e) => events.push(e),
    );
    await run.cancel();
    expect((await rejection(run.done)).code).toBe('cancelled');
    expect(events).toEqual([{ event: 'run_failed', error: 'cancelled', cancelled: true }]);
  });

  it('browses tables, rows, queries and cursors', async () => {
    const host = createFakeHost();
    const tables = await host.listTables('/db.sqlite');
    expect(tables.find((t) => t.name === 'posts__tags')?.parent).toBe('posts');
    expect(tables.find((t) => t.name === 'posts')?.rows).toBe(12);
    const page = await host.pageRows('/db.sqlite', 'posts', 10, 5);
    expect(page.rows).toHaveLength(2);
    expect(page.total).toBe(12);
    expect(page.columns).toContain('_dlt_id');
    const q = await host.query('/db.sqlite', 'SELECT * FROM comments LIMIT 3');
    expect(q.rows).toHaveLength(3);
    expect((await rejection(host.query('/db.sqlite', 'DELETE FROM posts'))).code).toBe('validation');
    const cursors = await host.incrementalState('/db.sqlite', 'quick_example', 'quick_example');
    expect(cursors.map((c) => [c.resource, c.per_parent.length])).toEqual([
      ['posts', 0],
      ['comments', 4],
    ]);
    await host.resetIncremental('/db.sqlite', 'quick_example', 'quick_example', 'posts');
    expect((await host.incrementalState('/db.sqlite', 'quick_example', 'quick_example')).map((c) => c.resource)).toEqual(['comments']);
  });

  it('tracks secrets without ever returning values', async () => {
    const host = createFakeHost();
    expect(await host.listSecrets(QUICK_EXAMPLE_PATH)).toEqual([
      { name: 'your_api_token', resolves_from: 'missing', place: null },
    ]);
    expect((await host.listSecrets(GITHUB_PATH))[0].resolves_from).toBe('environment');
    await host.setSecret('quick_example', 'your_api_token', 's3cret');
    const statuses = await host.listSecrets(QUICK_EXAMPLE_PATH);
    expect(statuses[0].resolves_from).toBe('keychain');
    expect(JSON.stringify(statuses)).not.toContain('s3cret');
    await host.deleteSecret('quick_example', 'your_api_token');
    expect((await rejection(host.deleteSecret('quick_example', 'your_api_token'))).code).toBe('not_found');
  });

  it('exports and imports', async () => {
    const host = createFakeHost();
    const plan = await host.exportPlan(QUICK_EXAMPLE_PATH, 'python', '/out/');
    expect(plan.refused).toBeNull();
    expect(plan.files.map((f) => f.overwrites)).not.toContain(true);
    const files = await host.exportSource(QUICK_EXAMPLE_PATH, 'python', '/out/');
    expect(files).toContain('/out/quick_example_pipeline.py');
    // The second plan sees the files written and keeps the filled-in secrets.toml.
    const again = await host.exportPlan(QUICK_EXAMPLE_PATH, 'python', '/out');
    expect(again.files.find((f) => f.path === '/out/quick_example_pipeline.py')?.overwrites).toBe(true);
    expect(again.files.find((f) => f.path === '/out/.dlt/secrets.toml')?.kept).toBe(true);
    const imported = await host.importSource("curl 'https://api.example.com/v1/users?page=1'", 'auto');
    expect(imported.document).toEqual({
      client: { base_url: 'https://api.example.com/' },
      resources: [{ name: 'users', endpoint: { path: 'v1/users' } }],
    });
    expect(imported.validation.valid).toBe(true);
    expect((await rejection(host.importSource('{', 'json'))).code).toBe('validation');
  });

  it('imports OpenAPI with a guess and a confidence per endpoint', async () => {
    const host = createFakeHost();
    const r = await host.importSource(FAKE_OPENAPI, 'auto');
    expect(r.endpoints.map((e) => [e.resource, e.paginator.value, e.paginator.confidence, e.parent?.value ?? null])).toEqual([
      ['posts', 'page_number', 'high', null],
      ['users', 'auto', 'low', null],
      ['comments', 'auto', 'low', 'posts'],
    ]);
    expect(r.endpoints[2].parent?.confidence).toBe('medium');
    expect((r.document.resources as { endpoint: { path: string } }[])[2].endpoint.path).toBe('posts/{resources.posts.id}/comments');
  });
});
