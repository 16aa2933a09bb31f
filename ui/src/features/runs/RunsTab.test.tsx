import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_DOC } from '../preview/testHost';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { RunsTab } from './RunsTab';
import { DEMO_EVENTS, DEMO_SUMMARY, runHost } from './testHost';

afterEach(cleanup);

function cellsOf(row: HTMLElement) {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

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

    act(() => DEMO_EVENTS.slice(0, 5).forEach(runs[0].emit));
    const table = screen.getByRole('table', { name: 'Progress per resource' });
    const posts = within(table).getByRole('rowheader', { name: 'posts' }).closest('tr')!;
    const [state, pages, records, , retries, url] = cellsOf(posts);
    expect([state, pages, records, retries, url]).toEqual(['fetching', '2', '4', '1', 'http://127.0.0.1:8787/posts?page=2']);
    expect(screen.getByText('0/2 resources · 2 pages · 4 records')).toBeTruthy();
    // Warnings reach the log.
    expect(within(screen.getByRole('list', { name: 'Log entries' })).getByText(/ignored a 404/)).toBeTruthy();

    act(() => DEMO_EVENTS.slice(5).forEach(runs[0].emit));
    expect(cellsOf(posts)[0]).toBe('done (no next link)');
    expect(screen.getByText('2/2 resources · 4 pages · 17 records')).toBeTruthy();

    await act(async () => runs[0].finish(DEMO_SUMMARY));
    expect(screen.getByTestId('run-status').textContent).toBe('Completed');
    const session = screen.getByRole('table', { name: 'Session runs' });
    expect(within(session).getByText('posts: 5, posts__tags: 10, comments: 12')).toBeTruthy();
    expect(within(session).getByText('2.4 s')).toBeTruthy();
    expect(await screen.findByRole('table', { name: 'Loads' })).toBeTruthy();
    expect(screen.getByText('1717243200.123456')).toBeTruthy();
    expect(screen.getByRole('figure', { name: 'Rows per table' })).toBeTruthy();
  });

  it('cancels a run and keeps what the log says', async () => {
    const user = userEvent.setup();
    const { host, runs } = runHost();
    renderWithSource(<RunsTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(runs).toHaveLength(1));
    act(() => DEMO_EVENTS.slice(0, 2).forEach(runs[0].emit));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(runs[0].cancelled).toBe(true);
    expect(await screen.findByText('Cancelled')).toBeTruthy();
    expect(screen.getByText(/Run cancelled: the database is as the previous run left it/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run' })).toBeTruthy();
  });

  it('filters the log by level and shows failures', async () => {
    const user = userEvent.setup();
    const { host, runs } = runHost();
    renderWithSource(<RunsTab />, host, sourceFile(DEMO_DOC));
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(runs).toHaveLength(1));
    act(() => DEMO_EVENTS.forEach(runs[0].emit));
    await act(async () => runs[0].fail({ code: 'network', message: 'connection refused (http://127.0.0.1:8787/)' }));
    expect(screen.getByRole('alert').textContent).toBe('connection refused (http://127.0.0.1:8787/)');
    const log = () => within(screen.getByRole('list', { name: 'Log entries' })).getAllByRole('listitem').map((li) => li.textContent ?? '');
    expect(log().some((l) => l.includes('page 1'))).toBe(false);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Level' }), 'warning');
    expect(log()).toHaveLength(3);
    expect(log()[0]).toContain('page 2: 2 records in 1050 ms after 1 retry');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Level' }), 'debug');
    expect(log().filter((l) => l.includes('page '))).toHaveLength(4);
  });

  it('shows incremental state, the next request, and resets it', async () => {
    const user = userEvent.setup();
    const { host, state, resets } = runHost();
    state.push({
      resource: 'posts',
      cursor_path: 'updated_at',
      initial_value: '2024-01-01',
      last_value: '2024-05-05',
      start_value: '2024-01-01',
      unique_hashes: [],
    });
    const doc = { ...DEMO_DOC, resources: [{ name: 'posts', endpoint: { path: 'posts', incremental: { cursor_path: 'updated_at', start_param: 'since' } } }] };
    renderWithSource(<RunsTab />, host, sourceFile(doc));
    const panel = await screen.findByTestId('incremental-posts');
    expect(within(panel).getByText('Next run will request posts?since=2024-05-05 and keep records with updated_at ≥ 2024-05-05.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Reset posts' }));
    expect(resets).toEqual(['posts']);
    await waitFor(() => expect(screen.queryByTestId('incremental-posts')).toBeNull());
  });
});
