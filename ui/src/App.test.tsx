import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { HostProvider, type Host } from './host';
import { createFakeHost } from './host/fake';

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup);

function renderApp(host: Host = createFakeHost()) {
  return render(
    <HostProvider host={host}>
      <App />
    </HostProvider>,
  );
}

describe('App shell', () => {
  it('shows the sources sidebar with its empty state', () => {
    renderApp();
    expect(screen.getByRole('heading', { name: 'Sources' })).toBeTruthy();
    expect(screen.getByText('No sources yet')).toBeTruthy();
  });

  it('switches tabs on click and with arrow keys', async () => {
    const user = userEvent.setup();
    renderApp();
    const tab = (name: string) => screen.getByRole('tab', { name });
    expect(tab('Design').getAttribute('aria-selected')).toBe('true');

    await user.click(tab('Runs'));
    expect(tab('Runs').getAttribute('aria-selected')).toBe('true');
    expect(tab('Design').getAttribute('aria-selected')).toBe('false');
    expect(screen.getByRole('tabpanel').id).toBe('panel-runs');

    await user.keyboard('{ArrowRight}');
    expect(tab('Data').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('Data'));
  });

  it('shows versions from the host in the status bar', async () => {
    renderApp(createFakeHost({ version: '1.2.3', engine_version: '4.5.6' }));
    expect(await screen.findByText('Pipewright 1.2.3 · engine 4.5.6')).toBeTruthy();
  });

  it('says so when the host fails', async () => {
    const failing: Host = { appInfo: () => Promise.reject(new Error('down')) };
    renderApp(failing);
    expect(await screen.findByText('Backend unavailable')).toBeTruthy();
  });
});
