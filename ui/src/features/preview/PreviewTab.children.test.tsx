// A child resource in the Preview tab: first-N or chosen parents, the expected request count,
// pages grouped by parent, and cancelling a preview in flight.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PreviewRequest, PreviewTrace } from '../../host';
import { PreviewTab } from './PreviewTab';
import { DEMO_DOC, demoTrace, previewHost } from './testHost';
import { stubHost } from './testing/stubHost';
import { stubLayout } from './testing/layout';
import { renderWithSource, sourceFile } from './testing/renderWithSource';

afterEach(cleanup);
stubLayout();

/** The child trace the engine would return: one page per parent, pointing at it. */
function childTrace(req: PreviewRequest): PreviewTrace {
  const t = demoTrace('comments');
  const parents = req.parent_records ?? t.records.slice(0, req.parents);
  t.parent_records = parents;
  t.pages = parents.map((p, i) => ({
    ...t.pages[0],
    index: i,
    parent: i,
    stop: 'no_next_link',
    request: { ...t.pages[0].request, url: `http://127.0.0.1:8787/posts/${(p as { id: number }).id}/comments` },
  }));
  return t;
}

function route(req: PreviewRequest): PreviewTrace {
  return req.resource === 'comments' ? childTrace(req) : demoTrace(req.resource);
}

async function openComments() {
  const user = userEvent.setup();
  const { host, requests } = previewHost(route);
  renderWithSource(<PreviewTab />, host, sourceFile(DEMO_DOC));
  await user.selectOptions(screen.getByRole('combobox', { name: 'Resource' }), 'comments');
  return { user, requests };
}

describe('PreviewTab for a child resource', () => {
  it('previews it for the first N parents and groups the pages by parent', async () => {
    const { user, requests } = await openComments();
    expect(screen.getByTestId('expected-requests').textContent).toBe('up to 1 parent × 5 pages = 5 requests');
    const count = screen.getByRole('spinbutton', { name: 'Number of parents' });
    await user.clear(count);
    await user.type(count, '3');
    await user.clear(screen.getByRole('spinbutton', { name: 'Pages' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Pages' }), '2');
    expect(screen.getByTestId('expected-requests').textContent).toBe('up to 3 parents × 2 pages = 6 requests');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('table', { name: 'Page timeline' });
    expect(requests[0]).toMatchObject({ resource: 'comments', parents: 3, pages: 2, parent_records: null });
    const rows = screen.getAllByTestId('timeline-row');
    // The Parent column names each page's parent by the field the child's path reads.
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['id=1', 'id=2', 'id=3']);
    expect(rows[1].className).toContain('parent-start');
    expect(screen.getByTestId('preview-parents').textContent).toBe('For 3 records of posts: id=1; id=2; id=3');
  });

  it('previews it for parent records picked from the parent’s preview', async () => {
    const { user, requests } = await openComments();
    await user.click(screen.getByRole('radio', { name: 'chosen parent records' }));
    // Nothing chosen yet: nothing to preview.
    expect((screen.getByRole('button', { name: 'Preview' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Fetch posts records' }));
    const list = await screen.findByRole('list', { name: 'Records of posts' });
    expect(requests[0]).toMatchObject({ resource: 'posts' });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(5);
    await user.click(within(list).getByRole('checkbox', { name: 'id=2' }));
    await user.click(within(list).getByRole('checkbox', { name: 'id=4' }));
    expect(screen.getByTestId('expected-requests').textContent).toBe('up to 2 parents × 5 pages = 10 requests');
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await screen.findByRole('table', { name: 'Page timeline' });
    const sent = requests[1];
    expect(sent.resource).toBe('comments');
    expect((sent.parent_records as { id: number }[]).map((r) => r.id)).toEqual([2, 4]);
    const rows = screen.getAllByTestId('timeline-row');
    expect(rows.map((r) => within(r).getAllByRole('cell')[1].textContent)).toEqual(['id=2', 'id=4']);
    expect(within(rows[1]).getAllByRole('cell')[2].textContent).toBe('GET 4/comments');
  });

  it('cancels a preview in flight by its id and shows the pages fetched before', async () => {
    const user = userEvent.setup();
    const cancelled: string[] = [];
    let finish: ((t: PreviewTrace) => void) | null = null;
    let sent: PreviewRequest | null = null;
    const host = stubHost({
      preview: (req) => {
        sent = req;
        return new Promise((resolve) => (finish = resolve));
      },
      cancelPreview: async (id) => {
        cancelled.push(id);
        const t = demoTrace();
        t.pages = t.pages.slice(0, 1);
        t.stop = null;
        t.cancelled = true;
        finish?.(t);
      },
    });
    renderWithSource(<PreviewTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    expect(screen.getByText('Previewing…')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel preview' }));
    expect(cancelled).toEqual([(sent as PreviewRequest | null)?.preview_id]);
    expect(await screen.findByText('Cancelled: showing the 1 page fetched before.')).toBeTruthy();
    expect(screen.getAllByTestId('timeline-row')).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Preview' })).toBeTruthy();
  });

  it('says so when the engine refuses to cancel a preview still in flight', async () => {
    const user = userEvent.setup();
    const host = stubHost({
      preview: () => new Promise<PreviewTrace>(() => {}),
      cancelPreview: () => Promise.reject({ code: 'internal', message: 'no such preview', details: null }),
    });
    renderWithSource(<PreviewTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Preview' }));
    await user.click(screen.getByRole('button', { name: 'Cancel preview' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Preview failed: no such preview');
    // The button is usable again for another try.
    expect((screen.getByRole('button', { name: 'Cancel preview' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
