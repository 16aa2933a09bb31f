// The designer's main path in Chromium on the fake host: open a source, edit a field in the
// form, see the JSON/YAML view follow, undo, and see it go back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFakeApp } from './harness.mjs';

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

async function shot(name) {
  const file = join(dir, name);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

const editorText = () => page.locator('.cm-content').innerText();

test('open a source, edit a field, see the YAML view change, undo', async () => {
  await page.getByRole('button', { name: /github/ }).first().click();
  const form = page.getByRole('form', { name: 'Resource issues' });
  await form.waitFor({ timeout: 10000 });
  await page.getByTestId('node-issue_comments').waitFor();
  await page.getByRole('status').getByText('Saved').waitFor();

  await form.getByLabel('Data selector').fill('items');
  await page.getByRole('status').getByText('Unsaved changes').waitFor();
  await shot('designer-form.png');

  await page.getByRole('tab', { name: 'JSON/YAML' }).click();
  await page.locator('.cm-content').waitFor({ timeout: 10000 });
  assert.match(await editorText(), /data_selector: items/);
  // The rest of the text is as the file had it (sequence style, quoting).
  assert.match(await editorText(), /resources:\n- name: issues/);
  assert.match(await editorText(), /token: '\{secrets\.github_token\}'/);
  await shot('designer-yaml.png');

  await page.getByRole('tab', { name: 'JSON/YAML' }).focus();
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => !document.querySelector('.cm-content')?.textContent?.includes('data_selector'));
  assert.doesNotMatch(await editorText(), /data_selector/);
  await page.getByRole('status').getByText('Saved').waitFor();
});

test('typing in the YAML view updates the forms', async () => {
  const content = page.locator('.cm-content');
  await content.click();
  await page.keyboard.press('Control+End');
  // insertText, not type(): Enter would auto-indent the new lines.
  await page.keyboard.insertText('- name: events\n  endpoint: events\n');
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.getByTestId('node-events').waitFor({ timeout: 10000 });
  await page.getByTestId('node-events').click();
  await page.getByRole('form', { name: 'Resource events' }).waitFor();
});

test('a problem click goes to its field; the palette lists shortcuts', async () => {
  await page.getByRole('tab', { name: 'Client' }).click();
  await page.getByLabel('Base URL').fill('');
  const problem = page.locator('.problems').getByRole('button', { name: /missing field `base_url`/ });
  await problem.waitFor({ timeout: 10000 });
  await page.getByRole('tab', { name: 'Resources' }).click();
  await problem.click();
  assert.equal(await page.getByRole('tab', { name: 'Client' }).getAttribute('aria-selected'), 'true');
  await page.waitForFunction(() => document.activeElement?.closest('[data-path]')?.getAttribute('data-path') === 'client.base_url');
  await shot('designer-problem.png');
  await page.keyboard.press('Control+z');
  await problem.waitFor({ state: 'detached', timeout: 10000 });

  await page.keyboard.press('Control+k');
  const list = page.getByRole('listbox', { name: 'Commands' });
  await list.waitFor();
  assert.match(await list.innerText(), /Save source/);
  await shot('designer-palette.png');
  await page.keyboard.press('Escape');
});

test('dragging from a resource into empty canvas creates its child', async () => {
  await page.getByRole('tab', { name: 'Resources' }).click();
  const handle = page.getByTestId('node-issues').locator('.react-flow__handle.source');
  const box = await handle.boundingBox();
  const graph = await page.getByTestId('resource-graph').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 60, graph.y + graph.height - 30, { steps: 8 });
  await page.mouse.move(box.x + 80, graph.y + graph.height - 20, { steps: 4 });
  await page.mouse.up();
  const form = page.getByRole('form', { name: 'Resource issues_details' });
  await form.waitFor({ timeout: 10000 });
  assert.equal(await form.getByLabel('Endpoint path').inputValue(), 'issues/{resources.issues.id}');
  await page.getByTestId('node-issues_details').waitFor();
  await shot('designer-child.png');
  await page.keyboard.press('Control+z');
  await page.getByTestId('node-issues_details').waitFor({ state: 'detached' });
});

test('dark theme', async () => {
  await page.getByRole('tab', { name: 'Resources' }).click();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  await shot('designer-dark.png');
  assert.deepEqual(pageErrors, []);
});
