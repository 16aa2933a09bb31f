// The preview workbench in Chromium on the fake host (github.yaml: `issues` with no paginator, so
// the engine detects one, and its child `issue_comments`): timeline and stop reasons, configuring
// from the response (array → data_selector, field → primary key, Apply on the detected paginator,
// a Link header → header_link),
// the schema preview, a child previewed for N parents and for a picked parent, cancelling a slow
// preview, and a 100k-row records grid whose frame times are printed (not asserted).
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
    // The fake reads these at each preview; tests change them through this same object.
    globals: { __PIPEWRIGHT_FAKE_HOST__: true, __PIPEWRIGHT_FAKE_OPTIONS__: { previewPageMs: 0, previewPageSize: 4 } },
    theme: 'light',
    viewport: { width: 1280, height: 900 },
  });
  ({ page, pageErrors } = app);
  shots = app.shots;
  await openSourceByPath(page, '/home/user/sources/github.yaml');
});

after(() => app?.close());

async function shot(name, locator = null) {
  const file = join(shots, name);
  await (locator ?? page).screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

const previewPanel = () => page.locator('.preview-tab');
const resourceSelect = () => previewPanel().getByRole('combobox', { name: 'Resource', exact: true });
const rows = () => page.getByTestId('timeline-row');

/** Sets one of the fake host's preview options for the next previews. */
async function fakeOptions(options) {
  await page.evaluate((o) => Object.assign(window.__PIPEWRIGHT_FAKE_OPTIONS__, o), options);
}

async function setNumber(label, value) {
  const input = previewPanel().getByRole('spinbutton', { name: label, exact: true });
  await input.fill(String(value));
  await input.blur();
}

/** The source as the JSON/YAML view shows it (then back to the Preview tab). */
async function configText() {
  await page.getByRole('tab', { name: 'Design' }).click();
  await page.getByRole('tab', { name: 'JSON/YAML' }).click();
  await page.locator('.cm-content').waitFor({ timeout: 10000 });
  const text = await page.locator('.cm-content').innerText();
  await page.getByRole('tab', { name: 'Preview' }).click();
  await previewPanel().waitFor();
  return text;
}

/** The YAML of one resource entry (from `- name: <name>` to the next entry). */
function resourceYaml(text, name) {
  const start = text.indexOf(`- name: ${name}\n`);
  assert.ok(start >= 0, `resource ${name} in:\n${text}`);
  const next = text.indexOf('\n- name:', start + 1);
  return text.slice(start, next < 0 ? undefined : next + 1);
}

async function runPreview() {
  await previewPanel().getByRole('button', { name: 'Preview', exact: true }).click();
  await previewPanel().getByRole('button', { name: 'Preview', exact: true }).waitFor({ timeout: 60000 });
}

test('timeline: one row per page, retries where they happened, the stop reason as a badge', async () => {
  await page.getByRole('tab', { name: 'Preview' }).click();
  await resourceSelect().selectOption('issues');
  assert.equal(await page.getByTestId('expected-requests').innerText(), 'up to 5 requests');
  await runPreview();
  await rows().first().waitFor({ timeout: 10000 });
  assert.equal(await rows().count(), 3);
  assert.match(await page.locator('.timeline-base').innerText(), /^URLs relative to https:\/\/api\.github\.com\/repos\/dlt-hub\/dlt\/$/);
  assert.match(await rows().nth(0).innerText(), /^1\s+GET issues\s+200\s+4\s/);
  assert.match(await rows().nth(1).innerText(), /^2\s+GET issues\?page=2\s+200\s+4\s/);
  assert.equal(await rows().nth(1).getByText('1 retry').count(), 1);
  assert.equal(await rows().nth(2).getByTestId('stop-badge').innerText(), 'stopped: no next link');
  assert.equal(await rows().nth(0).getByTestId('stop-badge').count(), 0);

  await page.getByRole('tab', { name: 'Request' }).click();
  const headers = page.getByRole('table', { name: 'Request headers' });
  assert.match(await headers.innerText(), /Authorization\s+Bearer \*\*\*/);
  await page.getByText('curl command').click();
  // The secret as a reference to its environment variable, never the value.
  assert.match(await page.getByTestId('curl').innerText(), /-H 'Authorization: Bearer '"\$\{SOURCES__GITHUB__GITHUB_TOKEN\}"/);
  await shot('workbench-timeline.png');
  assert.deepEqual(pageErrors, []);
});

test('clicking an array sets data_selector; clicking a field sets the primary key', async () => {
  await page.getByRole('tab', { name: 'Response' }).click();
  await page.getByRole('treeitem', { name: 'data', exact: true }).click();
  await page.getByRole('button', { name: 'Use as data_selector: data (4 records here, 12 on 3 pages)' }).click();
  assert.match(resourceYaml(await configText(), 'issues'), /\n {4}data_selector: data\n/);

  await page.getByRole('treeitem', { name: 'data[0].number' }).click();
  await page.getByRole('button', { name: 'Primary key: number' }).waitFor();
  await shot('workbench-configure.png');
  await page.getByRole('button', { name: 'Primary key: number' }).click();
  assert.match(resourceYaml(await configText(), 'issues'), /\n {2}primary_key: number\n/);
  assert.deepEqual(pageErrors, []);
});

test('Apply on the detected paginator writes it into the config', async () => {
  const detected = page.getByTestId('detected-paginator');
  assert.match(await detected.innerText(), /json_link/);
  assert.match(await detected.innerText(), /Evidence: 'paging\.next' holds a URL/);
  await detected.getByRole('button', { name: 'Apply paginator' }).click();
  await detected.waitFor({ state: 'detached' });
  assert.match(
    resourceYaml(await configText(), 'issues'),
    /\n {4}paginator:\n {6}type: json_link\n {6}next_url_path: paging\.next\n/,
  );
  assert.deepEqual(pageErrors, []);
});

test('a Link response header sets the header_link paginator', async () => {
  await page.getByRole('tab', { name: 'Response' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await response.locator('summary', { hasText: 'Headers (' }).click();
  assert.match(await response.locator('summary', { hasText: 'Headers (' }).innerText(), /paging hints: link, x-total-count/);
  await response.getByRole('button', { name: 'Configure from link' }).click();
  const bar = page.getByRole('group', { name: 'Configure from header' });
  await bar.getByRole('button', { name: 'Paginator header_link (Link rel="next")' }).click();
  await bar.getByRole('status').waitFor();
  await shot('workbench-header-link.png');
  const issues = resourceYaml(await configText(), 'issues');
  assert.match(issues, /\n {4}paginator:\n {6}type: header_link\n/);
  assert.doesNotMatch(issues, /next_url_path|links_next_key/);
  assert.deepEqual(pageErrors, []);
});

test('records grid and schema preview: types, child tables, null-only and variant warnings', async () => {
  await runPreview();
  await page.getByRole('tab', { name: 'Records' }).click();
  const grid = page.getByRole('table', { name: 'Records' });
  await grid.waitFor();
  const headers = await grid.getByRole('columnheader').allInnerTexts();
  assert.deepEqual(headers.slice(0, 5).map((h) => h.trim()), ['id', 'title', 'created_at', 'author__id', 'author__name']);
  await shot('workbench-records.png');

  await page.getByRole('tab', { name: 'Schema' }).click();
  const root = page.getByRole('listitem', { name: 'Table issues', exact: true });
  const chips = await root.getByTestId('schema-column').allInnerTexts();
  const chip = (name) => chips.find((c) => c.startsWith(`${name} `))?.replace(/\s+/g, ' ');
  assert.equal(chip('id'), 'id bigint');
  assert.equal(chip('created_at'), 'created_at timestamp');
  assert.equal(chip('archived_at'), 'archived_at no type all null');
  assert.equal(chip('score__v_text'), 'score__v_text text variant');
  assert.match(await page.getByRole('listitem', { name: 'Table issues__tags' }).innerText(), /child of issues/);
  const warnings = await page.getByRole('list', { name: 'Schema warnings' }).innerText();
  assert.match(warnings, /issues\.archived_at is null in every sampled record/);
  assert.match(warnings, /issues\.score__v_text is a variant column/);
  await shot('workbench-schema.png');
  assert.deepEqual(pageErrors, []);
});

test('a child previewed for the first N parents, then for a picked parent', async () => {
  await resourceSelect().selectOption('issue_comments');
  await setNumber('Number of parents', 3);
  await setNumber('Pages', 2);
  assert.equal(await page.getByTestId('expected-requests').innerText(), 'up to 3 parents × 2 pages = 6 requests');
  await runPreview();
  await rows().first().waitFor();
  assert.equal(await rows().count(), 6);
  const parentCells = await rows().evaluateAll((trs) => trs.map((tr) => tr.cells[1].textContent));
  assert.deepEqual(parentCells, ['number=1', 'number=1', 'number=2', 'number=2', 'number=3', 'number=3']);
  assert.match(await rows().nth(2).innerText(), /GET 2\/comments\s/);
  await shot('workbench-child.png');

  await page.getByRole('radio', { name: 'chosen parent records' }).click();
  // The picker lists the records of the last `issues` preview (12 of them).
  const list = page.getByRole('list', { name: 'Records of issues' });
  await list.waitFor();
  assert.equal(await list.getByRole('checkbox').count(), 12);
  await list.getByRole('checkbox', { name: 'number=5', exact: true }).check();
  assert.equal(await page.getByTestId('expected-requests').innerText(), 'up to 1 parent × 2 pages = 2 requests');
  await runPreview();
  await page.getByTestId('preview-parents').getByText('For 1 record of issues: number=5').waitFor();
  assert.equal(await rows().count(), 2);
  const urls = await rows().evaluateAll((trs) => trs.map((tr) => tr.cells[2].title));
  assert.deepEqual(urls, [
    'https://api.github.com/repos/dlt-hub/dlt/issues/5/comments',
    'https://api.github.com/repos/dlt-hub/dlt/issues/5/comments?page=2',
  ]);
  await shot('workbench-child-picked.png');
  await page.getByRole('radio', { name: 'the first' }).click();
  assert.deepEqual(pageErrors, []);
});

test('a slow preview can be cancelled and keeps the pages fetched before', async () => {
  await resourceSelect().selectOption('issues');
  await setNumber('Pages', 5);
  await fakeOptions({ previewPageMs: 700 });
  await previewPanel().getByRole('button', { name: 'Preview', exact: true }).click();
  const cancel = previewPanel().getByRole('button', { name: 'Cancel preview' });
  await cancel.waitFor();
  // One page (700 ms) has come back by now; the second is on its way.
  await page.waitForTimeout(1000);
  await cancel.click();
  const notice = page.getByTestId('preview-cancelled');
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.innerText(), /^Cancelled: showing the 1 page fetched before\.$/);
  assert.equal(await rows().count(), 1);
  await fakeOptions({ previewPageMs: 0 });
  assert.deepEqual(pageErrors, []);
});

test('the records grid stays responsive with 100k rows (frame times printed)', async () => {
  await fakeOptions({ previewPageSize: 34000 });
  await setNumber('Records', 100000);
  const t0 = Date.now();
  await runPreview();
  await page.getByTestId('stop-badge').first().waitFor();
  console.log(`100k preview: trace and workbench ready in ${Date.now() - t0} ms`);
  await page.getByRole('tab', { name: 'Records' }).click();
  const grid = page.getByRole('table', { name: 'Records' });
  await grid.waitFor();
  await page.getByText('100000 rows').first().waitFor();
  const rendered = await grid.locator('tbody tr').count();
  assert.ok(rendered < 100, `only the visible rows are in the DOM (${rendered})`);

  // Scroll the grid a screenful per frame for 150 frames and record requestAnimationFrame deltas.
  const stats = await page.evaluate(async () => {
    const scroller = document.querySelector('.preview-tab .grid-scroll');
    const deltas = [];
    let last = performance.now();
    for (let i = 0; i < 150; i++) {
      scroller.scrollTop += 2200;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      deltas.push(now - last);
      last = now;
    }
    deltas.sort((a, b) => a - b);
    const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length;
    return { frames: deltas.length, mean, p95: deltas[Math.floor(deltas.length * 0.95)], max: deltas[deltas.length - 1], top: scroller.scrollTop };
  });
  console.log(
    `100k-row grid scroll: ${stats.frames} frames, mean ${stats.mean.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms, max ${stats.max.toFixed(1)} ms`,
  );
  assert.ok(stats.top > 150 * 2000, 'the grid scrolled through the rows');
  // Rows far down are rendered once scrolled there.
  const ids = await grid.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Number(tr.cells[0]?.textContent)).filter((n) => n > 0));
  assert.ok(Math.max(...ids) > 10000, `rows after scrolling: ${ids.slice(0, 3).join(', ')}…`);
  await fakeOptions({ previewPageSize: 4 });
  assert.deepEqual(pageErrors, []);
});
