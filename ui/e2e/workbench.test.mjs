// Preview and Runs in Chromium on the fake host: open a source, preview a resource (pages and the
// stop badge), run the source (progress to completion, rows per table), look at the data.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFakeApp, openSourceByPath } from './harness.mjs';

let app;
let page;
let shots;
let pageErrors;

before(async () => {
  app = await openFakeApp();
  ({ page, pageErrors } = app);
  shots = app.shots;
  // One of the fake host's files, opened by path from the sidebar.
  await openSourceByPath(page, '/home/user/sources/quick_example.json');
});

after(() => app?.close());

async function shot(name) {
  const file = join(shots, name);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`screenshot: ${file}`);
}

test('Preview tab shows the pages of a resource and why paging stopped', async () => {
  await page.getByRole('tab', { name: 'Preview' }).click();
  const panel = page.getByRole('tabpanel').first();
  await panel.getByRole('button', { name: 'Preview', exact: true }).click();
  const rows = page.getByTestId('timeline-row');
  await rows.first().waitFor({ timeout: 10000 });
  assert.equal(await rows.count(), 3);
  assert.match(await rows.nth(0).innerText(), /200/);
  const badge = rows.nth(2).getByTestId('stop-badge');
  assert.equal(await badge.innerText(), 'stopped: no next link');
  // The response tree of the first page is there for click-to-configure.
  await page.getByRole('treeitem', { name: 'data[0].id' }).click();
  await page.getByRole('button', { name: 'Primary key: id' }).waitFor();
  await shot('preview-tab.png');
  await page.getByRole('tab', { name: 'Records' }).click();
  await page.getByRole('table', { name: 'Records' }).waitFor();
  await shot('preview-records.png');
  assert.deepEqual(pageErrors, []);
});

test('Runs tab runs the source to completion and shows rows per table', async () => {
  await page.getByRole('tab', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const status = page.getByTestId('run-status');
  await status.waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'Completed', null, {
    timeout: 15000,
  });
  const session = page.getByRole('table', { name: 'Runs' });
  const text = await session.innerText();
  assert.match(text, /completed/);
  assert.match(text, /\w+: \d+/, 'rows per table from the RunSummary');
  assert.ok((await page.getByRole('table', { name: 'Progress per resource' }).getByRole('row').count()) > 1);
  await page.getByRole('figure', { name: 'Rows per table' }).waitFor();
  await shot('runs-tab.png');

  await page.getByRole('tab', { name: 'Data' }).click();
  await page.getByRole('tree', { name: 'Data tables' }).waitFor();
  await page.locator('.grid-scroll table').first().waitFor();
  await shot('data-tab.png');
  assert.deepEqual(pageErrors, []);
});
