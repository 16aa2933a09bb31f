import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_DOC } from '../preview/testHost';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { RunsTab } from './RunsTab';
import { DEMO_EVENTS, DEMO_SUMMARY, runHost } from './testHost';

afterEach(() => {
  cleanup();
  // The History persists finished runs; each test starts without any.
  window.localStorage.clear();
});

function cellsOf(row: HTMLElement) {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

const totals = () => screen.getByTestId('run-totals').textContent;

describe('RunsTab', () => {
  it('runs into <source dir>/<name>.sqlite and shows progress from the event stream', async () => {
    const user = userEvent.setup();
    const { host, runs } = runHost();
    renderWithSource(<RunsTab />, host, sourceFile(DEMO_DOC));
    expect((screen.getByRole('textbox', { name: 'Database file' }) as HTMLInputElement).value).toBe('/home/ada/sources/demo.sqlite');
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(runs).toHaveLength(1));
    expect(runs[0].request).toEqual({ source_path: '/home/ada/sources/demo.json', db: '/home/ada/sources/demo.sqlite', resources: [], full_refresh: false });
    expect(screen.getByTestId('run-status').textContent).toBe('Running');

    // run_started lists every resource up front: comments waits before its first request.
    act(() => DEMO_EVENTS.slice(0, 11).forEach(runs[0].emit));
    const table = screen.getByRole('table', { name: 'Progress per resource' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!;
    const [state, pages, records, , retries, url] = cellsOf(row('posts'));
    // Requests come from request_sent (3: page 1, page 2 twice), retries from retry events.
    expect([state, pages, records, retries, url]).toEqual(['fetching', '2', '4', '1', 'http://127.0.0.1:8787/posts?page=2']);
    expect(cellsOf(row('comments'))[0]).toBe('waiting');
    expect(totals()).toBe('0/2 resources · 2 pages · 4 records · 3 requests · 1 retry · 1 error answer');
    const log = within(screen.getByRole('list', { name: 'Log entries' }));
    expect(log.getByText(/attempt 1 failed \(503: Service Unavailable\); retrying in 1000 ms/)).toBeTruthy();

    act(() => DEMO_EVENTS.slice(11).forEach(runs[0].emit));
    expect(cellsOf(row('posts'))[0]).toBe('done (no next link)');
    expect(totals()).toBe('2/2 resources · 4 pages · 17 records · 5 requests · 1 retry · 1 error answer');
    expect(log.getByText(/ignored a 404/)).toBeTruthy();
    // Rows per table are charted as resources finish, before the run does.
    expect(screen.getByRole('figure', { name: 'Rows per table' })).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Requests over time' }).textContent).toContain('5 requests');

    await act(async () => runs[0].finish(DEMO_SUMMARY));
    expect(screen.getByTestId('run-status').textContent).toBe('Completed');
    const history = screen.getByRole('table', { name: 'Runs' });
    const [, status, duration, rows, requests, errors] = cellsOf(within(history).getAllByRole('row')[1]);
    expect([status, duration, rows, requests, errors]).toEqual(['completed', '2.4 s', 'posts: 5, posts__tags: 10, comments: 12', '5', '1 error answer']);
    expect(await screen.findByRole('table', { name: 'Loads' })).toBeTruthy();
    expect(screen.getByText('1717243200.123456')).toBeTruthy();
  });

  it('cancels a run and keeps what the log says', async () => {
    const user = userEvent.setup();
    const { host, runs } = runHost();
    renderWithSource(<RunsTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(runs).toHaveLength(1));
    act(() => DEMO_EVENTS.slice(0, 4).forEach(runs[0].emit));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(runs[0].cancelled).toBe(true);
    act(() => runs[0].emit({ event: 'run_failed', error: 'cancelled', cancelled: true }));
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    // Said once, though both the event and the rejected promise report it.
    expect(screen.getAllByText(/Run cancelled: the database is as the previous run left it/)).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
    expect(cellsOf(within(screen.getByRole('table', { name: 'Runs' })).getAllByRole('row')[1])[1]).toBe('cancelled');
  });

  it('filters the log by level and shows failures from run_failed', async () => {
    const user = userEvent.setup();
    const { host, runs } = runHost();
    renderWithSource(<RunsTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(runs).toHaveLength(1));
    act(() => DEMO_EVENTS.forEach(runs[0].emit));
    act(() => runs[0].emit({ event: 'run_failed', error: 'connection refused (http://127.0.0.1:8787/)', cancelled: false }));
    expect(screen.getByRole('alert').textContent).toBe('connection refused (http://127.0.0.1:8787/)');
    expect(screen.getByTestId('run-status').textContent).toBe('Failed');
    const log = () => within(screen.getByRole('list', { name: 'Log entries' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(log().some((l) => l.includes('page 1'))).toBe(false);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Level' }), 'warning');
    // The 503 answer, its retry, the page that needed it, the 404 warning, the failure.
    expect(log()).toHaveLength(5);
    expect(log()[2]).toContain('page 2: 2 records in 1050 ms after 1 retry');
    expect(log()[4]).toContain('Run failed: connection refused');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Level' }), 'debug');
    expect(log().filter((l) => l.includes('GET http'))).toHaveLength(5);
    const errors = cellsOf(within(screen.getByRole('table', { name: 'Runs' })).getAllByRole('row')[1])[5];
    expect(errors).toBe('connection refused (http://127.0.0.1:8787/); 1 error answer');
  });

  it('keeps finished runs across restarts, charts them, and shows a picked one', async () => {
    const user = userEvent.setup();
    const first = runHost();
    renderWithSource(<RunsTab />, first.host, sourceFile(DEMO_DOC));
    for (const [i, ms] of [1000, 3000].entries()) {
      await user.click(screen.getByRole('button', { name: 'Run' }));
      await waitFor(() => expect(first.runs).toHaveLength(i + 1));
      act(() => DEMO_EVENTS.forEach(first.runs[i].emit));
      await act(async () => first.runs[i].finish({ ...DEMO_SUMMARY, load_id: `17172432${i}0.1`, elapsed_ms: ms }));
    }
    expect(screen.getByRole('figure', { name: 'Duration and rows across runs' })).toBeTruthy();
    cleanup();

    // A new host is a new app session: the history comes back from storage, logs do not.
    const second = runHost();
    renderWithSource(<RunsTab />, second.host, sourceFile(DEMO_DOC));
    const rows = within(screen.getByRole('table', { name: 'Runs' })).getAllByRole('row').slice(1);
    expect(rows.map((r) => cellsOf(r)[2])).toEqual(['3.0 s', '1.0 s']);
    expect(screen.getByRole('figure', { name: 'Duration and rows across runs' })).toBeTruthy();
    expect(screen.getByText('The log of a run from an earlier session is not kept.')).toBeTruthy();
    await user.click(within(rows[1]).getByRole('button'));
    expect(within(rows[1]).getByRole('button').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('run-totals').textContent).toContain('17 records');
  });

  it('shows incremental state per resource and per parent, the next request, and resets it', async () => {
    const user = userEvent.setup();
    const { host, state, resets } = runHost();
    state.push(
      {
        resource: 'posts',
        cursor_path: 'updated_at',
        initial_value: '2024-01-01',
        last_value: '2024-05-05',
        start_value: '2024-01-01',
        unique_hashes: [],
        per_parent: [],
      },
      {
        resource: 'comments',
        cursor_path: 'created_at',
        initial_value: '2024-01-01',
        last_value: null,
        start_value: null,
        unique_hashes: [],
        per_parent: [
          { parent: 'id=1', last_value: '2024-02-01' },
          { parent: 'id=2', last_value: '2024-03-01' },
        ],
      },
    );
    const doc = {
      ...DEMO_DOC,
      resources: [
        { name: 'posts', endpoint: { path: 'posts', incremental: { cursor_path: 'updated_at', start_param: 'since' } } },
        { name: 'comments', endpoint: { path: 'posts/{resources.posts.id}/comments', incremental: { cursor_path: 'created_at', start_param: 'after' } } },
      ],
    };
    renderWithSource(<RunsTab />, host, sourceFile(doc));
    const panel = await screen.findByTestId('incremental-posts');
    expect(within(panel).getByText('Next run will request posts?since=2024-05-05 and keep records with updated_at ≥ 2024-05-05.')).toBeTruthy();
    const perParent = screen.getByRole('table', { name: 'Cursors of comments per parent' });
    expect(within(perParent).getAllByRole('row').slice(1).map(cellsOf)).toEqual([
      ['id=1', '2024-02-01'],
      ['id=2', '2024-03-01'],
    ]);
    expect(screen.getByTestId('next-request-comments').textContent).toBe(
      'Next run will request posts/{resources.posts.id}/comments once per parent record: the 2 known parents resume from their own stored cursor (e.g. for id=1: posts/{resources.posts.id}/comments?after=2024-02-01); new parents start from 2024-01-01.',
    );
    await user.click(screen.getByRole('button', { name: 'Reset posts' }));
    expect(resets).toEqual(['posts']);
    await waitFor(() => expect(screen.queryByTestId('incremental-posts')).toBeNull());
    expect(screen.getByTestId('incremental-comments')).toBeTruthy();
  });
});
