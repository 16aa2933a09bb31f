// Shared set-up for browser e2e: `vite preview` of dist/ on a free 127.0.0.1 port, and the
// system Chromium (no browser download) driven by playwright-core.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const UI_DIR = fileURLToPath(new URL('..', import.meta.url));

// Flags from the machine recipe: headless Chromium as root, no network side traffic.
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, child, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts the preview server; `stop()` kills exactly the process it started. */
export async function startPreview() {
  const port = await freePort();
  // node + vite's own entry (not npx) so that child.pid is the server itself.
  const child = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: UI_DIR, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stop);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(url, child);
  } catch (e) {
    stop();
    throw e;
  }
  return { url, stop };
}

export async function launchBrowser() {
  const profile = await mkdtemp(join(tmpdir(), 'pipewright-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1200, height: 800 },
  });
}

/** Where screenshots go: $PIPEWRIGHT_ARTIFACTS if set, else a fresh temp dir. */
export async function artifactsDir() {
  return process.env.PIPEWRIGHT_ARTIFACTS ?? mkdtemp(join(tmpdir(), 'pipewright-e2e-'));
}

/**
 * The app in Chromium on the preview build with the fake host. `globals` are set on `window`
 * before the app's scripts run (so the host picks them up); `theme` fixes the colour scheme
 * for screenshots; `viewport` overrides the default size. Page errors are collected.
 */
export async function openFakeApp({ globals = { __PIPEWRIGHT_FAKE_HOST__: true }, theme = null, viewport = null } = {}) {
  const server = await startPreview();
  const context = await launchBrowser();
  await context.addInitScript(
    ({ globals, theme }) => {
      Object.assign(window, globals);
      if (theme) localStorage.setItem('pipewright.theme', theme);
    },
    { globals, theme },
  );
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(server.url);
  const shots = await artifactsDir();
  await mkdir(shots, { recursive: true });
  const close = async () => {
    await context.close();
    server.stop();
  };
  return { page, context, shots, pageErrors, close };
}

/** Opens one of the fake host's source files by path from the sidebar. */
export async function openSourceByPath(page, path) {
  await page.getByLabel('Open file').fill(path);
  await page.getByLabel('Open file').press('Enter');
  await page.getByRole('heading', { name: 'No source open' }).waitFor({ state: 'detached' });
}
