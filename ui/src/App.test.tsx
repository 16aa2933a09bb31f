import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { HostProvider, type Host } from './host';
import { createTestHost, GITHUB_DOC, installDomStubs, jsonFile } from './test/fakeHost';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);
beforeAll(installDomStubs);

function renderApp(host: Host = createTestHost()) {
  return render(
    <HostProvider host={host}>
      <App />
    </HostProvider>,
  );
}

describe('App shell', () => {
  it('shows the sources sidebar with its empty state', async () => {
    renderApp();
    expect(screen.getByRole('heading', { name: 'Sources' })).toBeTruthy();
    expect(await screen.findByText('No sources yet')).toBeTruthy();
  });

  it('switches tabs on click and with arrow keys', async () => {
    const user = userEvent.setup();
    renderApp();
    const tab = (name: string) => screen.getByRole('tab', { name });
    expect(tab('Design').getAttribute('aria-selected')).toBe('true');

    await user.click(tab('Runs'));
    expect(tab('Runs').getAttribute('aria-selected')).toBe('true');
    expect(tab('Design').getAttribute('aria-selected')).toBe('false');
    expect(document.getElementById('panel-runs')).toBeTruthy();

    await user.keyboard('{ArrowRight}');
    expect(tab('Data').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Data'));
  });

  it('shows versions from the host in the status bar', async () => {
    renderApp();
    expect(await screen.findByText('Pipewright 1.0.0-test · engine 1.0.0-test')).toBeTruthy();
  });

  it('says so when the host fails', async () => {
    const failing: Host = { ...createTestHost(), appInfo: () => Promise.reject(new Error('down')) };
    renderApp(failing);
    expect(await screen.findByText('Backend unavailable')).toBeTruthy();
  });

  it('opens a recent source into the designer and shows its state in the status bar', async () => {
    const user = userEvent.setup();
    const host = createTestHost([jsonFile('/src/github.json', GITHUB_DOC)]);
    renderApp(host);
    await user.click(await screen.findByRole('button', { name: /github/ }));
    expect(await screen.findByRole('form', { name: 'Resource issues' })).toBeTruthy();
    expect(screen.getByTestId('node-issues')).toBeTruthy();
    expect(screen.getByTestId('node-comments')).toBeTruthy();
    const status = screen.getByRole('status');
    expect(within(status).getByText('Saved')).toBeTruthy();
    expect(await within(status).findByText('✓ Valid')).toBeTruthy();

    await user.clear(screen.getByLabelText('Endpoint path'));
    await user.type(screen.getByLabelText('Endpoint path'), 'tickets');
    expect(within(status).getByText('Unsaved changes')).toBeTruthy();
  });

  it('toggles the theme', async () => {
    const user = userEvent.setup();
    renderApp();
    const before = document.documentElement.dataset.theme;
    await user.click(screen.getByRole('button', { name: /theme/ }));
    expect(document.documentElement.dataset.theme).not.toBe(before);
  });
});
