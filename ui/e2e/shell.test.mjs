// The built UI in Chromium on the fake host: what a user sees before any backend exists.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openFakeApp } from './harness.mjs';

let app;
let page;
let pageErrors;

before(async () => {
  // Set before the app's scripts, so selectHost() picks the fake host with these versions.
  app = await openFakeApp({ globals: { __PIPEWRIGHT_FAKE_HOST__: { version: '9.8.7', engine_version: '6.5.4' } } });
  ({ page, pageErrors } = app);
});

after(() => app?.close());

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

  const file = join(app.shots, 'browser-shell.png');
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file}`);
  assert.deepEqual(pageErrors, []);
});
