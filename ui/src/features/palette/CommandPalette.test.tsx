import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { HostProvider } from '../../host';
import { createTestHost, GITHUB_DOC, installDomStubs, jsonFile } from '../../test/fakeHost';

afterEach(cleanup);
beforeAll(installDomStubs);

async function openApp() {
  const user = userEvent.setup();
  const host = createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]);
  render(
    <HostProvider host={host}>
      <App />
    </HostProvider>,
  );
  await user.click(await screen.findByRole('button', { name: /github/ }));
  await screen.findByRole('form', { name: 'Resource issues' });
  return { user, host };
}

describe('command palette', () => {
  it('opens with Ctrl+K and lists commands with their shortcuts', async () => {
    const { user } = await openApp();
    await user.keyboard('{Control>}k{/Control}');
    const list = screen.getByRole('listbox', { name: 'Commands' });
    expect(within(list).getByText('Save source')).toBeTruthy();
    const undo = within(list).getByText('Undo').closest('li') as HTMLElement;
    expect(within(undo).getByText('Ctrl+Z')).toBeTruthy();
    const redo = within(list).getByText('Redo').closest('li') as HTMLElement;
    expect(within(redo).getByText('Ctrl+Shift+Z')).toBeTruthy();
    expect(within(list).getByText('Run the source')).toBeTruthy();
    expect(within(list).getByText('Preview the selected resource')).toBeTruthy();
  });

  it('filters as you type and runs the highlighted command with Enter', async () => {
    const { user } = await openApp();
    await user.keyboard('{Control>}k{/Control}');
    await user.type(screen.getByRole('combobox', { name: 'Search commands' }), 'resource comm');
    const options = within(screen.getByRole('listbox', { name: 'Commands' })).getAllByRole('option');
    expect(options).toHaveLength(1);
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('form', { name: 'Resource comments' })).toBeTruthy();
  });

  it('closes on Escape', async () => {
    const { user } = await openApp();
    await user.keyboard('{Control>}k{/Control}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('shortcuts', () => {
  it('undoes and redoes form edits with Ctrl+Z and Ctrl+Shift+Z', async () => {
    const { user } = await openApp();
    const path = screen.getByLabelText('Endpoint path') as HTMLInputElement;
    await user.clear(path);
    await user.type(path, 'tickets');
    await user.keyboard('{Control>}z{/Control}');
    expect(path.value).toBe('issues');
    await user.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(path.value).toBe('tickets');
  });

  it('saves with Ctrl+S and goes to preview with Ctrl+P', async () => {
    const { user, host } = await openApp();
    await user.type(screen.getByLabelText('Data selector'), 'items');
    await user.keyboard('{Control>}s{/Control}');
    const save = host.calls.find((c) => c.method === 'saveSource');
    expect(save?.args[0]).toBe('/s/github.json');
    expect(JSON.stringify(save?.args[1])).toContain('"data_selector":"items"');
    expect(await within(screen.getByRole('status')).findByText('Saved')).toBeTruthy();
    await user.keyboard('{Control>}p{/Control}');
    expect(screen.getByRole('tab', { name: 'Preview' }).getAttribute('aria-selected')).toBe('true');
  });
});
