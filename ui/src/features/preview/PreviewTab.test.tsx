import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PreviewTab } from './PreviewTab';
import { DEMO_DOC, demoTrace, previewHost } from './testHost';
import { stubLayout } from './testing/layout';
import { probedDocument, renderWithSource, sourceFile } from './testing/renderWithSource';

afterEach(cleanup);
stubLayout();

async function openPreview() {
  const user = userEvent.setup();
  const { host, requests } = previewHost();
  const view = renderWithSource(<PreviewTab />, host, sourceFile(DEMO_DOC));
  await user.click(screen.getByRole('button', { name: 'Preview' }));
  await screen.findByRole('table', { name: 'Page timeline' });
  return { user, requests, container: view.container };
}

function resources(container: HTMLElement) {
  return probedDocument(container).resources as Record<string, unknown>[];
}

describe('PreviewTab', () => {
  it('asks the host for the selected resource with the unsaved document', async () => {
    const { requests } = await openPreview();
    expect(requests).toEqual([
      {
        document: DEMO_DOC,
        source_name: 'demo',
        source_path: '/home/ada/sources/demo.json',
        resource: 'posts',
        pages: 5,
        records: 1000,
        parents: 1,
        parent_records: null,
        preview_id: expect.stringMatching(/^preview-/),
      },
    ]);
    // A top-level resource: one page sequence.
    expect(screen.getByTestId('expected-requests').textContent).toBe('up to 5 requests');
  });

  it('shows one timeline row per page with status, records, position, retries and the stop badge', async () => {
    await openPreview();
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows).toHaveLength(3);
    const cells = (i: number) => within(rows[i]).getAllByRole('cell').map((c) => c.textContent);
    expect(cells(0)).toEqual([
      '1',
      'GET posts?per_page=2',
      '200',
      '2',
      'http://127.0.0.1:8787/posts?per_page=2&page=2',
      '40 ms',
      '—',
      '',
    ]);
    expect(cells(1)[6]).toBe('1 retry');
    expect(cells(2)[4]).toBe('—');
    expect(within(rows[2]).getByTestId('stop-badge').textContent).toBe('stopped: no next link');
    expect(screen.getByText('3 pages, 5 records')).toBeTruthy();
    // URLs are shown relative to what all pages share; the full URL is the cell's title.
    expect(screen.getByText('http://127.0.0.1:8787/')).toBeTruthy();
    expect(within(rows[1]).getAllByRole('cell')[1].title).toBe('http://127.0.0.1:8787/posts?per_page=2&page=2');
    // The overall badge beside the heading too.
    expect(screen.getAllByTestId('stop-badge').map((b) => b.textContent)).toEqual([
      'stopped: no next link',
      'stopped: no next link',
    ]);
  });

  it('shows other stop reasons as badges', async () => {
    const user = userEvent.setup();
    const { host } = previewHost(() => {
      const t = demoTrace();
      t.pages = t.pages.slice(0, 2);
      t.pages[1].stop = 'max_pages';
      t.stop = 'max_pages';
      return t;
    });
    renderWithSource(<PreviewTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect((await screen.findAllByTestId('stop-badge'))[0].textContent).toBe('stopped: max pages');
  });

  it('applies the detected paginator and data_selector to the config', async () => {
    const { user, container } = await openPreview();
    expect(screen.getByTestId('detected-paginator').textContent).toContain("Evidence: 'next' holds a URL");
    await user.click(screen.getByRole('button', { name: 'Apply paginator' }));
    expect(resources(container)[0].endpoint).toEqual({
      path: 'posts',
      params: { per_page: 2 },
      paginator: { type: 'json_link', next_url_path: 'next' },
    });
    // Once configured, the paginator is no longer auto and the suggestion goes away.
    expect(screen.queryByTestId('detected-paginator')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Apply data_selector' }));
    expect((resources(container)[0].endpoint as Record<string, unknown>).data_selector).toBe('data');
    expect(screen.getByText('The config changed since this preview.')).toBeTruthy();
  });

  it('click-to-configure: an array becomes the data_selector, with its record count', async () => {
    const { user, container } = await openPreview();
    await user.click(screen.getByRole('treeitem', { name: 'data' }));
    await user.click(screen.getByRole('button', { name: 'Use as data_selector: data (2 records here, 5 on 3 pages)' }));
    expect((resources(container)[0].endpoint as Record<string, unknown>).data_selector).toBe('data');
  });

  it('click-to-configure: a record field becomes primary key, incremental cursor, include_from_parent', async () => {
    const { user, container } = await openPreview();
    await user.click(screen.getByRole('treeitem', { name: 'data[0].id' }));
    await user.click(screen.getByRole('button', { name: 'Primary key: id' }));
    await user.click(screen.getByRole('treeitem', { name: 'data[0].updatedAt' }));
    await user.click(screen.getByRole('button', { name: 'Incremental cursor: updatedAt' }));
    await user.click(screen.getByRole('treeitem', { name: 'data[0].title' }));
    await user.click(screen.getByRole('button', { name: 'Include title in comments (include_from_parent)' }));
    const [posts, comments] = resources(container);
    expect(posts.primary_key).toBe('id');
    expect((posts.endpoint as Record<string, unknown>).incremental).toEqual({
      cursor_path: 'updatedAt',
      initial_value: '2024-05-01T10:00:00Z',
    });
    expect(comments.include_from_parent).toEqual(['title']);
  });

  it('click-to-configure: a nested field uses the dlt column name for the primary key', async () => {
    const { user, container } = await openPreview();
    await user.click(screen.getByRole('treeitem', { name: 'data[0].author' }));
    expect(screen.getByText('nothing to configure from this node')).toBeTruthy();
    await user.click(within(screen.getByRole('treeitem', { name: 'data[0].author' })).getByRole('button', { name: 'Expand' }));
    await user.click(screen.getByRole('treeitem', { name: 'data[0].author.name' }));
    await user.click(screen.getByRole('button', { name: 'Primary key: author__name' }));
    expect(resources(container)[0].primary_key).toBe('author__name');
  });

  it('click-to-configure: a next link becomes a json_link paginator with next_url_path', async () => {
    const { user, container } = await openPreview();
    await user.click(screen.getByRole('treeitem', { name: 'next' }));
    await user.click(screen.getByRole('button', { name: 'Paginator json_link, next_url_path: next' }));
    expect((resources(container)[0].endpoint as Record<string, unknown>).paginator).toEqual({
      type: 'json_link',
      next_url_path: 'next',
    });
    await user.click(screen.getByRole('treeitem', { name: 'total' }));
    await user.click(screen.getByRole('button', { name: 'Paginator offset, total_path: total (limit 2)' }));
    expect((resources(container)[0].endpoint as Record<string, unknown>).paginator).toEqual({
      type: 'offset',
      limit: 2,
      total_path: 'total',
    });
  });

  it('shows the request with secrets masked and a curl with references', async () => {
    const { user } = await openPreview();
    await user.click(screen.getByRole('tab', { name: 'Request' }));
    const headers = screen.getByRole('table', { name: 'Request headers' });
    expect(within(headers).getByText('Bearer ***')).toBeTruthy();
    expect(screen.getByTestId('curl').textContent).toBe(
      `curl 'http://127.0.0.1:8787/posts?per_page=2' -H 'Authorization: Bearer '"\${SOURCES__DEMO__DEMO_TOKEN}" -H 'Accept: application/json'`,
    );
  });

  it('searches the body and switches to raw', async () => {
    const { user } = await openPreview();
    await user.type(screen.getByRole('searchbox', { name: 'Search Response body' }), '-37.31');
    expect(await screen.findByText('1 / 2')).toBeTruthy();
    expect(screen.getByRole('treeitem', { name: 'data[0].author.address.geo.lat' }).className).toContain('current');
    await user.click(screen.getByRole('radio', { name: 'Raw' }));
    expect(screen.getByRole('region', { name: 'Raw response body' }).textContent).toContain('"title": "Post 1"');
  });

  it('shows records flattened to their column names, and the schema', async () => {
    const { user } = await openPreview();
    await user.click(screen.getByRole('tab', { name: 'Records' }));
    const grid = screen.getByRole('table', { name: 'Records' });
    const headers = within(grid).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['id', 'user_id', 'title', 'updated_at', 'author__name', 'author__address__geo__lat']);
    expect(within(grid).getAllByRole('row')).toHaveLength(6);
    await user.click(screen.getByRole('tab', { name: 'Schema' }));
    // The engine's schema, not one the UI computes: its tables, nesting, types and warnings.
    const tags = screen.getByRole('listitem', { name: 'Table posts__tags' });
    expect(tags.textContent).toContain('10 rows · child of posts');
    expect(tags.style.marginLeft).toBe('20px');
    const chips = within(screen.getByRole('listitem', { name: 'Table posts' }))
      .getAllByTestId('schema-column')
      .map((c) => c.textContent);
    expect(chips).toEqual([
      'id bigint',
      'updated_at timestamp',
      'deleted_at no type all null',
      'user_id__v_text text variant',
      '_dlt_id text',
    ]);
    const warnings = within(screen.getByRole('list', { name: 'Schema warnings' })).getAllByRole('listitem');
    expect(warnings.map((w) => w.textContent)).toEqual([
      'posts.deleted_at is null in every sampled record; its type is unknown and the column is not created',
      'posts.user_id__v_text is a variant column: user_id had text values',
    ]);
  });
});
