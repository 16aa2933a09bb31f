import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { HostProvider, type PreviewRequest, type RunRequest } from '../../host';
import { createTestHost, GITHUB_DOC, installDomStubs, jsonFile } from '../../test/fakeHost';
import { AUTOSAVE_MS } from './useAutosave';

afterEach(() => {
  cleanup();
  localStorage.clear();
});
beforeAll(installDomStubs);

async function openApp() {
  const user = userEvent.setup();
  const host = createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]);
  let confirmClose: (() => Promise<boolean>) | null = null;
  host.onCloseRequested = (confirm) => {
    confirmClose = confirm;
    return () => (confirmClose = null);
  };
  render(
    <HostProvider host={host}>
      <App />
    </HostProvider>,
  );
  await user.click(await screen.findByRole('button', { name: /github/ }));
  await screen.findByRole('form', { name: 'Resource issues' });
  return { user, host, close: () => (confirmClose as unknown as () => Promise<boolean>)() };
}

const saves = (host: ReturnType<typeof createTestHost>) => host.calls.filter((c) => c.method === 'saveSource');
const saveState = () => screen.getByTestId('save-state');

describe('autosave', () => {
  it('writes the file a moment after the last edit and shows saving, then saved', async () => {
    const { user, host } = await openApp();
    await user.type(screen.getByLabelText('Data selector'), 'items');
    expect(saveState().textContent).toBe('Unsaved changes');
    expect(saves(host)).toHaveLength(0);
    await waitFor(() => expect(saveState().textContent).toBe('Saved'), { timeout: AUTOSAVE_MS + 2000 });
    expect(saves(host)).toHaveLength(1);
    expect(JSON.stringify(saves(host)[0].args[1])).toContain('"data_selector":"items"');
  });

  it('can be switched off, and shows a failed save', async () => {
    const { user, host } = await openApp();
    await user.click(within(screen.getByRole('status')).getByLabelText('Autosave'));
    await user.type(screen.getByLabelText('Data selector'), 'x');
    await new Promise((r) => setTimeout(r, AUTOSAVE_MS + 300));
    expect(saves(host)).toHaveLength(0);
    host.saveSource = () => Promise.reject({ code: 'internal', message: 'disk full', details: null });
    await user.click(within(screen.getByRole('status')).getByLabelText('Autosave'));
    await user.type(screen.getByLabelText('Data selector'), 'y');
    await waitFor(() => expect(saveState().getAttribute('data-state')).toBe('error'), { timeout: AUTOSAVE_MS + 2000 });
  });
});

describe('closing with unsaved changes', () => {
  it('lets a clean window close at once', async () => {
    const { close } = await openApp();
    await expect(close()).resolves.toBe(true);
  });

  it('asks first: keep editing keeps the window, save and close writes the file', async () => {
    const { user, host, close } = await openApp();
    await user.click(within(screen.getByRole('status')).getByLabelText('Autosave'));
    await user.type(screen.getByLabelText('Data selector'), 'items');
    const beforeUnload = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(beforeUnload);
    expect(beforeUnload.defaultPrevented).toBe(true);

    let answer = close();
    const dialog = await screen.findByRole('dialog', { name: 'Close with unsaved changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await expect(answer).resolves.toBe(false);
    expect(saves(host)).toHaveLength(0);

    answer = close();
    await user.click(await screen.findByRole('button', { name: 'Save and close' }));
    await expect(answer).resolves.toBe(true);
    expect(saves(host)).toHaveLength(1);
  });
});

describe('run and preview shortcuts start the work', () => {
  it('Ctrl+P previews the selected resource and Ctrl+R runs the saved source', async () => {
    const { user, host } = await openApp();
    const preview = vi.fn<(r: PreviewRequest) => Promise<never>>(() => new Promise(() => {}));
    host.preview = preview;
    const startRun = vi.fn<(r: RunRequest) => Promise<never>>(() => new Promise(() => {}));
    host.startRun = startRun;
    await user.keyboard('{Control>}p{/Control}');
    await waitFor(() => expect(preview).toHaveBeenCalledTimes(1));
    expect(preview.mock.calls[0][0].resource).toBe('issues');
    expect(screen.getByRole('tab', { name: 'Preview' }).getAttribute('aria-selected')).toBe('true');
    await act(async () => {
      await user.keyboard('{Control>}r{/Control}');
    });
    await waitFor(() => expect(startRun).toHaveBeenCalledTimes(1));
    expect(startRun.mock.calls[0][0].source_path).toBe('/s/github.json');
    expect(screen.getByRole('tab', { name: 'Runs' }).getAttribute('aria-selected')).toBe('true');
  });
});
