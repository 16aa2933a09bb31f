// Building the README's GitHub source from scratch in Chromium on the fake host, through the
// forms and the graph only (the JSON view is only read): then an invalid edit shows at its
// field and in the problems panel, undo removes it, and "Save as" hands the document to the
// host. Screenshots of each main screen go to the artifacts dir and docs/screenshots/.
import assert from 'node:assert/strict';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { openFakeApp } from './harness.mjs';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SAVED_PATH = '/work/sources/github.json';

let app;
let page;
let dir;
let pageErrors;

before(async () => {
  app = await openFakeApp({ theme: 'light' });
  ({ page, pageErrors } = app);
  dir = app.shots;
});

after(() => app?.close());

/** A screenshot in the artifacts dir, also copied to docs/screenshots/ (linked from the README). */
async function shot(name) {
  const file = join(dir, name);
  await page.screenshot({ path: file });
  await mkdir(join(REPO, 'docs/screenshots'), { recursive: true });
  await copyFile(file, join(REPO, 'docs/screenshots', name));
  console.log(`screenshot: ${file}`);
}

const section = (name) => page.getByRole('tab', { name, exact: true }).click();
const resourceForm = (name) => page.getByRole('form', { name: `Resource ${name}` });

async function addParam(form, index, name, value) {
  await form.getByRole('button', { name: 'Add parameter' }).click();
  await form.getByLabel(`Parameter ${index} name`).fill(name);
  if (value !== undefined) await form.getByLabel(`Parameter ${name} value`).fill(value);
}

/** Drags from one point to another in small steps (React Flow follows pointer moves). */
async function drag(from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 });
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** The centre of an element once it stops moving (the graph lays new nodes out, then settles). */
const centre = async (locator) => {
  await locator.scrollIntoViewIfNeeded();
  let b = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(50);
    const next = await locator.boundingBox();
    if (next && b && next.x === b.x && next.y === b.y) break;
    b = next;
  }
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

test('client and defaults through their forms', async () => {
  await page.getByRole('button', { name: 'Blank', exact: true }).click();
  await resourceForm('items').waitFor({ timeout: 10000 });

  await section('Client');
  const client = page.getByRole('form', { name: 'Client' });
  await client.getByLabel('Base URL').fill('https://api.github.com/repos/dlt-hub/dlt/');
  await client.getByLabel('Authentication').selectOption('bearer');
  await client.getByLabel('token secret name').fill('github_token');
  await client.getByLabel('Paginator').selectOption('header_link');
  // Inline help from the engine's schema, and the docs link of the field group.
  await client.getByText('Prefix of every endpoint path').waitFor();
  assert.match(await client.getByRole('link', { name: /dlt docs/ }).first().getAttribute('href'), /dlthub\.com\/docs\/.*rest_api\/basic#/);

  await section('Defaults');
  const defaults = page.getByRole('form', { name: 'Resource defaults' });
  await defaults.getByLabel('Primary key').fill('id');
  await defaults.getByLabel('Write disposition').selectOption('merge');
  await addParam(defaults, 1, 'per_page', '100');
});

test('the parent resource through its form', async () => {
  await section('Resources');
  let form = resourceForm('items');
  const name = form.getByLabel('Name', { exact: true });
  await name.fill('issues');
  await name.press('Enter');
  form = resourceForm('issues');
  await form.waitFor();
  await form.getByLabel('Endpoint path').fill('issues');
  await addParam(form, 1, 'state', 'open');
  await addParam(form, 2, 'sort', 'updated');
  await addParam(form, 3, 'direction', 'desc');
  await addParam(form, 4, 'since');
  await form.getByLabel('Parameter since kind').selectOption('incremental');
  await form.getByRole('button', { name: 'Load incrementally' }).click();
  await form.getByLabel('initial_value').fill('2024-01-01T00:00:00Z');
  // What the resource inherits from the defaults is shown where it does not set it.
  await form.getByText('Inherits id from resource defaults').waitFor();
  await form.getByText(/Also sent, from resource defaults: per_page=100/).waitFor();
});

test('the child resource from the graph', async () => {
  const graph = page.getByTestId('resource-graph');
  // The long forms scrolled the page: the canvas must be on screen to drag on it.
  await graph.scrollIntoViewIfNeeded();
  const handle = page.getByTestId('node-issues').locator('.react-flow__handle.source');
  const from = await centre(handle);
  const box = await graph.boundingBox();
  await drag(from, { x: from.x + 90, y: box.y + box.height - 20 });
  let form = resourceForm('issues_details');
  await form.waitFor({ timeout: 10000 });
  assert.equal(await form.getByLabel('Endpoint path').inputValue(), 'issues/{resources.issues.id}');

  const name = form.getByLabel('Name', { exact: true });
  await name.fill('issue_comments');
  await name.press('Enter');
  form = resourceForm('issue_comments');
  await form.waitFor();
  await form.getByLabel('Endpoint path').fill('issues/{resources.issues.number}/comments');
  // include_from_parent chosen among the parent's fields.
  await form.getByRole('group', { name: 'Fields of issues' }).getByLabel('id', { exact: true }).check();
  await page.getByTestId('node-issue_comments').waitFor();
  await page.locator('.react-flow__edge-text', { hasText: 'number' }).waitFor();
  await graph.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('designer-graph.png');
  await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot('designer-resource-form.png');
});

test('the JSON view shows the GitHub example', async () => {
  await section('JSON/YAML');
  await page.locator('.cm-content').waitFor({ timeout: 10000 });
  // The whole text from the editor state (the DOM holds only the lines on screen).
  const text = await page.locator('.cm-content').evaluate((el) => el.cmTile.view.state.doc.toString());
  const expected = JSON.parse(await readFile(join(REPO, 'examples/templates/github.json'), 'utf8'));
  assert.deepEqual(JSON.parse(text), expected);
  await shot('designer-json.png');
});

test('an invalid edit shows at its field and in the problems panel, and undo removes it', async () => {
  await section('Resources');
  await page.getByTestId('node-issue_comments').click();
  const form = resourceForm('issue_comments');
  await form.getByLabel('Endpoint path').fill('issues/{resources.isues.number}/comments');
  const message = /refers to unknown resource 'isues'/;
  await form.locator('[data-path="resources[1].endpoint.path"] .field-problem', { hasText: message }).waitFor({ timeout: 10000 });
  const problem = page.locator('.problems').getByRole('button', { name: message });
  await problem.waitFor();
  await page.getByTestId('node-issue_comments').locator('.badge-error').waitFor();
  await shot('designer-problems.png');

  await page.keyboard.press('Control+z');
  await problem.waitFor({ state: 'detached', timeout: 10000 });
  assert.equal(await form.getByLabel('Endpoint path').inputValue(), 'issues/{resources.issues.number}/comments');
});

test('linking two existing resources writes the placeholder into the child', async () => {
  await page.getByRole('button', { name: '+ Add resource' }).click();
  const form = resourceForm('resource');
  await form.waitFor();
  await page.getByTestId('resource-graph').scrollIntoViewIfNeeded();
  const from = await centre(page.getByTestId('node-issues').locator('.react-flow__handle.source'));
  const to = await centre(page.getByTestId('node-resource').locator('.react-flow__handle.target'));
  await drag(from, to);
  const dialog = page.getByRole('dialog', { name: 'Make resource a child of issues' });
  await dialog.waitFor({ timeout: 10000 });
  await dialog.getByLabel('Parent field').fill('number');
  await dialog.getByRole('button', { name: 'Link' }).click();
  assert.equal(await form.getByLabel('Parameter issues_number kind').inputValue(), 'parent');
  assert.equal(await form.getByLabel('Parameter issues_number parent', { exact: true }).inputValue(), 'issues');
  assert.equal(await form.getByLabel('Parameter issues_number parent field').inputValue(), 'number');
  await page.locator('.react-flow__edge-text', { hasText: 'number' }).nth(1).waitFor();
  // Undo twice: the link, then the added resource.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.getByTestId('node-resource').waitFor({ state: 'detached' });
});

test('save as hands the document to the host', async () => {
  await page.getByRole('status').getByText('Unsaved (new)').waitFor();
  await page.keyboard.press('Control+s');
  const dialog = page.getByRole('dialog', { name: 'Save source as' });
  await dialog.getByRole('textbox').fill(SAVED_PATH);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').getByText('Saved', { exact: true }).waitFor();
  const saved = await page.evaluate((path) => window.__PIPEWRIGHT_FAKE__.host.openSource(path), SAVED_PATH);
  const expected = JSON.parse(await readFile(join(REPO, 'examples/templates/github.json'), 'utf8'));
  assert.deepEqual(saved.document, expected);
  assert.equal(saved.format, 'json');

  // Closing the window with unsaved changes asks first; keeping the window keeps the edit.
  await section('Client');
  await page.getByLabel('Base URL').fill('https://api.github.com/repos/dlt-hub/verified-sources/');
  const closing = page.evaluate(() => window.__PIPEWRIGHT_FAKE__.requestClose());
  const ask = page.getByRole('dialog', { name: 'Close with unsaved changes?' });
  await ask.waitFor();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  assert.equal(await closing, false);
  assert.deepEqual(pageErrors, []);
});
