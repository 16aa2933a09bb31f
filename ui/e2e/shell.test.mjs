// The built UI in Chromium on the fake host: what a user sees before any backend exists.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { artifactsDir, launchBrowser, startPreview } from './harness.mjs';

let server;
let context;
let page;
const pageErrors = [];

before(async () => {
  server = await startPreview();
  context = await launchBrowser();
  // Runs before the app's scripts, so selectHost() picks the fake host with these versions.
  await context.addInitScript(() => {
    window.__PIPEWRIGHT_FAKE_HOST__ = { version: '9.8.7', engine_version: '6.5.4' };
  });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(server.url);
});

after(async () => {
  await context?.close();
  server?.stop();
});

test('status bar shows versions from the host', async () => {
  const status = page.getByRole('status');
  await status.getByText('Pipewright 9.8.7 · engine 6.5.4').waitFor({ timeout: 10000 });
  assert.equal(await page.getByRole('heading', { name: 'Sources' }).isVisible(), true);
  await page.getByRole('navigation', { name: 'Recent sources' }).getByRole('button').first().waitFor();
});

test('clicking a tab selects it and shows its panel', async () => {
  const preview = page.getByRole('tab', { name: 'Preview' });
  await preview.click();
  assert.equal(await preview.getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByRole('tab', { name: 'Design' }).getAttribute('aria-selected'), 'false');
  assert.equal(await page.locator('#panel-preview').count(), 1);

  const dir = await artifactsDir();
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'browser-shell.png');
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
  assert.deepEqual(pageErrors, []);
});
