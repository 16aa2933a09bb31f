// Runs and Data in Chromium on the fake host: live progress of a run (requests, a retry, the
// current URL), cancel, a failing run, history with charts, per-parent incremental state; then
// the Data tab's tree, grid (filter, sort, drill-down) and read-only SQL console.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFakeApp, openSourceByPath } from './harness.mjs';

let app;
let page;
let shots;
let pageErrors;

before(async () => {
  app = await openFakeApp({
    // Slow runs, so the progress can be watched (and cancelled) mid-run.
    globals: { __PIPEWRIGHT_FAKE_HOST__: true, __PIPEWRIGHT_FAKE_OPTIONS__: { runMs: 4000 } },
    viewport: { width: 1280, height: 900 },
  });
  ({ page, pageErrors } = app);
  shots = app.shots;
  await openSource('/home/user/sources/quick_example.json');
});

after(() => app?.close());

const openSource = (path) => openSourceByPath(page, path);

async function shot(name, fullPage = true) {
  const file = join(shots, name);
  await page.screenshot({ path: file, fullPage });
  console.log(`screenshot: ${file}`);
}

const status = () => page.getByTestId('run-status').innerText();
const waitStatus = (text, timeout = 15000) =>
  page.waitForFunction((t) => document.querySelector('[data-testid="run-status"]')?.textContent === t, text, { timeout });
const setRunMs = (ms) => page.evaluate((v) => (window.__PIPEWRIGHT_FAKE_OPTIONS__.runMs = v), ms);
const historyRows = () => page.getByRole('table', { name: 'Runs' }).locator('tbody tr');

test('a run shows live progress per resource, then completes with charts', async () => {
  await page.getByRole('tab', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus('Running');
  const progress = page.getByRole('table', { name: 'Progress per resource' });
  // run_started lists both resources at once; comments waits while posts is fetched.
  await progress.getByRole('rowheader', { name: 'comments' }).waitFor();
  const posts = progress.getByRole('rowheader', { name: 'posts' }).locator('xpath=..');
  await page.waitForFunction(() => /1 retry/.test(document.querySelector('[data-testid="run-totals"]')?.textContent ?? ''));
  const cells = await posts.locator('td').allInnerTexts();
  assert.match(cells[0], /fetching|done/);
  assert.match(cells[5], /^https:\/\/api\.example\.com\/posts/, 'the current URL');
  assert.ok(Number(cells[3]) > 0, `requests/s ${cells[3]}`);
  const elapsed1 = await page.getByTestId('run-elapsed').innerText();
  await page.waitForFunction((e) => document.querySelector('[data-testid="run-elapsed"]')?.textContent !== e, elapsed1);
  assert.equal(await status(), 'Running');
  await shot('runs-progress.png', false);

  await waitStatus('Completed');
  const totals = await page.getByTestId('run-totals').innerText();
  assert.match(totals, /^2\/2 resources · 6 pages · 16 records · 8 requests · 2 retries · 2 error answers$/);
  await page.getByRole('figure', { name: 'Rows per table' }).locator('svg').first().waitFor();
  await page.getByRole('figure', { name: 'Requests over time' }).locator('svg').first().waitFor();
  // The log: warnings only shows the 503s and their retries.
  await page.getByRole('combobox', { name: 'Level' }).selectOption('warning');
  const log = await page.getByRole('list', { name: 'Log entries' }).innerText();
  assert.match(log, /attempt 1 failed \(503: Service Unavailable\); retrying in 250 ms/);
  assert.doesNotMatch(log, /GET https/, 'requests are debug entries');
  assert.deepEqual(pageErrors, []);
});

test('history lists every run; a second run draws the across-runs chart', async () => {
  await setRunMs(600);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus('Completed');
  assert.equal(await historyRows().count(), 2);
  const first = await historyRows().first().locator('td').allInnerTexts();
  assert.equal(first[1], 'completed');
  assert.equal(first[3], 'posts: 10, posts__tags: 20, comments: 6');
  assert.equal(first[4], '8');
  assert.equal(first[5], '2 error answers');
  await page.getByRole('figure', { name: 'Duration and rows across runs' }).locator('svg').first().waitFor();
  await page.getByRole('table', { name: 'Loads' }).waitFor();
  // Tall enough for progress, log, the three charts and the history in one picture.
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.getByRole('combobox', { name: 'Level' }).selectOption('warning');
  await shot('runs-charts.png');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('per-parent incremental state and the next request', async () => {
  const table = page.getByRole('table', { name: 'Cursors of comments per parent' });
  assert.equal(await table.locator('tbody tr').count(), 4);
  assert.match(await page.getByTestId('next-request-comments').innerText(), /once per parent record: the 4 known parents resume/);
  assert.match(await page.getByTestId('next-request-posts').innerText(), /^Next run will request posts/);
});

test('Cancel stops a running run; a failing run shows its error', async () => {
  await setRunMs(8000);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus('Running');
  await page.waitForFunction(() => / [1-9]\d* requests/.test(document.querySelector('[data-testid="run-totals"]')?.textContent ?? ''));
  await page.getByRole('button', { name: 'Cancel' }).click();
  await waitStatus('Cancelled', 3000);
  assert.equal((await historyRows().first().locator('td').allInnerTexts())[1], 'cancelled');
  await page.getByRole('combobox', { name: 'Level' }).selectOption('info');
  assert.match(await page.getByRole('list', { name: 'Log entries' }).innerText(), /Run cancelled: the database is as the previous run left it/);
  assert.ok(await page.getByRole('button', { name: 'Run', exact: true }).isEnabled());

  await openSource('/home/user/sources/github.yaml');
  await setRunMs(600);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitStatus('Failed');
  assert.match(await page.getByRole('alert').first().innerText(), /issue_comments: GET .*issues\/2\/comments: HTTP 502 Bad Gateway after 3 attempts/);
  assert.match((await historyRows().first().locator('td').allInnerTexts())[5], /502 Bad Gateway/);
  await openSource('/home/user/sources/quick_example.json');
  assert.deepEqual(pageErrors, []);
});

test('Data tab: tree, grid with filter, sort and drill-down, read-only SQL console', async () => {
  await page.getByRole('tab', { name: 'Data' }).click();
  const tree = page.getByRole('tree', { name: 'Data tables' });
  await tree.waitFor();
  const posts = tree.getByRole('treeitem', { name: 'posts', exact: true });
  assert.equal(await posts.getByRole('treeitem', { name: 'posts__tags' }).getAttribute('aria-level'), '2');
  assert.match(await posts.locator('button').first().innerText(), /posts\s+12/);

  const grid = page.getByRole('table', { name: 'Table posts' });
  await grid.waitFor();
  await page.getByRole('searchbox', { name: 'Filter Table posts' }).fill('Post 1');
  await page.getByText(/^\d+ of 12 rows$/).waitFor();
  await page.getByRole('searchbox', { name: 'Filter Table posts' }).fill('');
  await grid.getByRole('button', { name: 'id', exact: true }).click();
  await grid.getByRole('button', { name: 'id ▲' }).click();
  const firstId = await grid.locator('tbody tr[aria-rowindex]').first().locator('td').first().innerText();
  assert.equal(firstId, '12', 'sorted descending');

  // Post 11 has two tags (rust, dlt).
  await grid.locator('tbody tr[aria-rowindex]').nth(1).click();
  const children = page.getByRole('table', { name: 'Child rows in posts__tags' });
  await children.waitFor();
  assert.deepEqual(await children.locator('tbody tr[aria-rowindex] td:first-child').allInnerTexts(), ['rust', 'dlt']);

  const sql = page.getByRole('textbox', { name: /SQL/ });
  await sql.fill('SELECT id, title FROM posts LIMIT 5');
  await page.getByRole('button', { name: 'Run query' }).click();
  const result = page.getByRole('table', { name: 'Query result' });
  await result.waitFor();
  assert.equal(await result.locator('tbody tr[aria-rowindex]').count(), 5);
  // The child rows are the clicked post's tags only.
  const parentIds = await children.locator('tbody tr[aria-rowindex] td:nth-child(2)').allInnerTexts();
  assert.equal(new Set(parentIds).size, 1, `${parentIds}`);
  await page.setViewportSize({ width: 1280, height: 1500 });
  await page.getByRole('textbox', { name: 'Database file' }).scrollIntoViewIfNeeded();
  await shot('data-browser.png');
  await page.setViewportSize({ width: 1280, height: 900 });

  await sql.fill('DELETE FROM posts');
  await page.getByRole('button', { name: 'Run query' }).click();
  assert.match(await page.getByRole('alert').innerText(), /read-only/);
  assert.deepEqual(pageErrors, []);
});
