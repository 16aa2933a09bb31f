// Secrets, import and export in Chromium on the fake host. The fake host records everything it
// hands to the UI (window.__PIPEWRIGHT_FAKE_HOST_TRACE__), so the secrets test can prove that a
// value typed into the keychain form never comes back.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFakeApp, openSourceByPath } from './harness.mjs';

let app;
let page;
let shots;
let pageErrors;

const SECRET = 'sup3r-s3cret-Value-42';

// A small OpenAPI description: posts (page numbers and a page count), users, comments per post.
const OPENAPI = `openapi: 3.0.3
info: {title: Blog, version: '1'}
servers:
  - url: https://blog.example.com/api
paths:
  /posts:
    get:
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema:
                type: object
                properties:
                  data: {type: array, items: {type: object, properties: {id: {type: integer}, title: {type: string}}}}
                  total_pages: {type: integer}
  /users:
    get:
      responses:
        '200':
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: integer}}}}
  /posts/{post_id}/comments:
    get:
      parameters:
        - {name: post_id, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          content:
            application/json:
              schema: {type: array, items: {type: object, properties: {id: {type: integer}}}}
`;

before(async () => {
  app = await openFakeApp({ globals: { __PIPEWRIGHT_FAKE_HOST__: true, __PIPEWRIGHT_FAKE_HOST_TRACE__: [] } });
  ({ page, pageErrors } = app);
  shots = app.shots;
  await openSourceByPath(page, '/home/user/sources/quick_example.json');
});

after(() => app?.close());

async function shot(name) {
  const file = join(shots, name);
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
}

test('the secrets panel sets a keychain value that never comes back to the UI', async () => {
  const row = page.getByTestId('secret-your_api_token');
  await row.getByText('missing').waitFor();
  await row.getByRole('button', { name: 'Set' }).click();
  const input = row.getByLabel('Value of your_api_token');
  assert.equal(await input.getAttribute('type'), 'password');
  await input.fill(SECRET);
  await row.getByRole('button', { name: 'Save to keychain' }).click();
  await row.getByText('keychain', { exact: true }).waitFor();
  await row.getByRole('button', { name: 'Replace' }).waitFor();

  const trace = await page.evaluate(() => window.__PIPEWRIGHT_FAKE_HOST_TRACE__);
  // The trace works: it saw the listing that now says "keychain"...
  assert.ok(trace.some((t) => t.method === 'listSecrets' && t.json.includes('"keychain"')), JSON.stringify(trace.map((t) => t.method)));
  // ...and nothing the host handed back holds the value.
  assert.deepEqual(trace.filter((t) => t.json.includes(SECRET)), []);
  assert.ok(!(await page.content()).includes(SECRET), 'the value is not in the DOM');

  await row.getByRole('button', { name: 'Delete' }).click();
  await row.getByRole('button', { name: 'Confirm delete' }).click();
  await row.getByText('missing').waitFor();
  assert.deepEqual(pageErrors, []);
});

test('export shows the leak lint and the files before writing, then writes them', async () => {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export quick_example' });
  await dialog.waitFor();
  assert.match(await dialog.getByTestId('lint-result').innerText(), /^no literal secrets/);
  const files = dialog.getByRole('table', { name: 'Files to write' });
  const paths = await files.locator('tbody td:first-child').allInnerTexts();
  assert.deepEqual(paths, [
    'quick_example_pipeline.py', '.dlt/config.toml', '.dlt/secrets.toml', 'requirements.txt', 'README.md', '.gitignore',
  ].map((f) => `/home/user/sources/quick_example_export/${f}`));
  assert.deepEqual([...new Set(await files.locator('tbody td:last-child').allInnerTexts())], ['new']);
  const trace = () => page.evaluate(() => window.__PIPEWRIGHT_FAKE_HOST_TRACE__.map((t) => t.method));
  assert.ok(!(await trace()).includes('exportSource'), 'nothing written by looking');
  await shot('export-plan.png');

  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await dialog.getByText('Wrote 6 files:').waitFor();
  assert.ok((await trace()).includes('exportSource'));
  // Writing again would replace them, and keep the secrets.toml the user may have filled in.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('button', { name: 'Export…' }).click();
  await files.waitFor();
  const states = await files.locator('tbody td:last-child').allInnerTexts();
  assert.equal(states[0], 'replaces the existing file');
  assert.equal(states[2], 'kept (may hold your values)');
  await dialog.getByRole('radio', { name: /YAML/ }).click();
  await dialog.getByText('/home/user/sources/quick_example_export/quick_example.yaml').waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(pageErrors, []);
});

test('import a pasted curl command', async () => {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a source' });
  await dialog.getByLabel(/Paste the config/).fill("curl -H 'Accept: application/json' 'https://api.example.com/v1/users?page=1'");
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await dialog.getByText('Valid', { exact: true }).waitFor();
  await dialog.getByLabel('Source name').fill('users_api');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('node-users').waitFor();
  assert.deepEqual(pageErrors, []);
});

test('import an OpenAPI file and pick endpoints; a dropped parent takes its child', async () => {
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a source' });
  await dialog.getByLabel(/Open a file/).setInputFiles({ name: 'blog-api.yaml', mimeType: 'text/yaml', buffer: Buffer.from(OPENAPI) });
  const table = dialog.getByRole('table', { name: 'Guesses per endpoint' });
  await table.waitFor();
  assert.equal(await dialog.getByLabel('Source name').inputValue(), 'blog_api');
  const row = (name) => table.getByRole('rowheader', { name: new RegExp(`^${name} GET`) }).locator('xpath=..');
  assert.match(await row('posts').innerText(), /page_number\s+high/);
  assert.match(await row('users').innerText(), /auto\s+low — check it/);
  assert.match(await row('comments').innerText(), /posts\s+medium/);
  await shot('import-openapi.png');

  await row('posts').getByRole('checkbox').uncheck();
  const notice = dialog.getByRole('list', { name: 'Removed with their parents' });
  assert.equal(await notice.innerText(), 'comments is removed too: its parent posts is not picked.');
  await dialog.getByRole('button', { name: 'Open with 1 resource' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('node-users').waitFor();
  assert.equal(await page.getByTestId('node-posts').count(), 0);
  assert.equal(await page.getByTestId('node-comments').count(), 0);
  assert.deepEqual(pageErrors, []);
});
