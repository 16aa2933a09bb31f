import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PageTrace } from '../../../host';
import { ResponseView } from '../request/ResponseView';
import { demoTrace, DEMO_DOC } from '../testHost';
import { stubLayout } from '../testing/layout';
import { probedDocument, renderWithSource, sourceFile } from '../testing/renderWithSource';
import { stubHost } from '../testing/stubHost';

afterEach(cleanup);
stubLayout();

function pageWithHeaders(headers: [string, string][], index = 0): PageTrace {
  const page = demoTrace().pages[index];
  return { ...page, response: { ...page.response, headers } };
}

const HEADERS: [string, string][] = [
  ['content-type', 'application/json'],
  ['link', '<http://127.0.0.1:8787/posts?page=2>; rel="next", <http://127.0.0.1:8787/posts?page=3>; rel="last"'],
  ['x-next-cursor', 'abc=='],
  ['x-total-count', '5'],
];

function renderResponse(page: PageTrace, resource: string | null = 'posts') {
  const view = renderWithSource(
    <ResponseView page={page} recordsPath={['data']} selected={null} onSelect={() => {}} resource={resource ?? undefined} pageSize={2} />,
    stubHost(),
    sourceFile(DEMO_DOC),
  );
  const posts = () => (probedDocument(view.container).resources as Record<string, unknown>[])[0];
  return { view, posts };
}

describe('click-to-configure from response headers', () => {
  it('hints at the paging headers and sets header_link from a Link header', async () => {
    const user = userEvent.setup();
    const { posts } = renderResponse(pageWithHeaders(HEADERS));
    expect(screen.getByText(/paging hints: link, x-next-cursor, x-total-count/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Response headers' });
    expect(within(table).getAllByRole('button', { name: /^Configure from / })).toHaveLength(4);
    expect(within(table).getByText('next link')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Configure from link' }));
    expect(screen.getByRole('button', { name: 'Configure from link' }).getAttribute('aria-pressed')).toBe('true');
    const bar = screen.getByRole('group', { name: 'Configure from header' });
    await user.click(within(bar).getByRole('button', { name: 'Paginator header_link (Link rel="next")' }));
    expect(posts()).toEqual({ name: 'posts', endpoint: { path: 'posts', params: { per_page: 2 }, paginator: { type: 'header_link' } } });
    expect(within(bar).getByRole('status').textContent).toBe('Set Paginator header_link (Link rel="next")');
  });

  it('sets header_cursor from a cursor header', async () => {
    const user = userEvent.setup();
    const { posts } = renderResponse(pageWithHeaders(HEADERS));
    await user.click(screen.getByRole('button', { name: 'Configure from x-next-cursor' }));
    await user.click(screen.getByRole('button', { name: 'Paginator header_cursor, cursor_key: x-next-cursor' }));
    expect((posts().endpoint as Record<string, unknown>).paginator).toEqual({ type: 'header_cursor', cursor_key: 'x-next-cursor' });
  });

  it('explains a total-count header and offers paging until an empty page', async () => {
    const user = userEvent.setup();
    const { posts } = renderResponse(pageWithHeaders(HEADERS));
    await user.click(screen.getByRole('button', { name: 'Configure from x-total-count' }));
    expect(screen.getByTestId('header-note').textContent).toMatch(/^x-total-count can't be read by dlt\. dlt reads totals only from the response body/);
    await user.click(screen.getByRole('button', { name: 'Paginator offset (limit 2), total_path: null, stop_after_empty_page: true' }));
    expect((posts().endpoint as Record<string, unknown>).paginator).toEqual({
      type: 'offset',
      limit: 2,
      total_path: null,
      stop_after_empty_page: true,
    });
    // Picking the header again closes its actions.
    await user.click(screen.getByRole('button', { name: 'Configure from x-total-count' }));
    expect(screen.queryByRole('group', { name: 'Configure from header' })).toBeNull();
  });

  it('offers no actions without a resource (the headers table stays read-only)', () => {
    renderResponse(pageWithHeaders(HEADERS), null);
    expect(screen.queryByRole('button', { name: /^Configure from / })).toBeNull();
    expect(screen.queryByText(/paging hints/)).toBeNull();
  });
});
