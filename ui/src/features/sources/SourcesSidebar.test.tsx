import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../App';
import { HostProvider } from '../../host';
import { addPickers, createTestHost, GITHUB_DOC, installDomStubs, jsonFile } from '../../test/fakeHost';
import { SOURCE_FILTERS } from './SourcesSidebar';

afterEach(cleanup);
beforeAll(installDomStubs);

function renderApp(host = createTestHost()) {
  const user = userEvent.setup();
  render(
    <HostProvider host={host}>
      <App />
    </HostProvider>,
  );
  return { user, host };
}

describe('sources sidebar', () => {
  it('opens a file by path, and says why when it cannot', async () => {
    const { user } = renderApp(createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]));
    await user.type(screen.getByLabelText('Open file'), '/nope.json');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect((await screen.findByRole('alert')).textContent).toContain('no such file');
    // Without a native picker (a browser), the typed path is the only way.
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
    await user.clear(screen.getByLabelText('Open file'));
    await user.type(screen.getByLabelText('Open file'), '/s/github.json{Enter}');
    expect(await screen.findByRole('form', { name: 'Resource issues' })).toBeTruthy();
  });

  it('opens the source picked with Browse…, and nothing when the pick is cancelled', async () => {
    const host = addPickers(createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]), { file: '/s/github.json' });
    const { user } = renderApp(host);
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(await screen.findByRole('form', { name: 'Resource issues' })).toBeTruthy();
    expect(host.calls.find((c) => c.method === 'pickFile')?.args).toEqual([SOURCE_FILTERS]);
    expect(host.calls.filter((c) => c.method === 'openSource').map((c) => c.args[0])).toEqual(['/s/github.json']);

    host.pickFile = async () => null;
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(host.calls.filter((c) => c.method === 'openSource')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why when the picked file cannot be opened', async () => {
    const host = addPickers(createTestHost(), { file: '/s/gone.yaml' });
    const { user } = renderApp(host);
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not open /s/gone.yaml: no such file: /s/gone.yaml');
  });

  it('starts from a template unsaved and asks for a path on save', async () => {
    const { user, host } = renderApp();
    await user.click(screen.getByRole('button', { name: 'GitHub issues and comments' }));
    expect(await screen.findByRole('form', { name: 'Resource issues' })).toBeTruthy();
    const status = screen.getByRole('status');
    expect(within(status).getByText('Unsaved (new)')).toBeTruthy();
    await user.keyboard('{Control>}s{/Control}');
    const dialog = screen.getByRole('dialog', { name: 'Save source as' });
    const path = within(dialog).getByRole('textbox');
    expect((path as HTMLInputElement).value).toBe('github.json');
    await user.clear(path);
    await user.type(path, '/work/gh.yaml');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const call = host.calls.find((c) => c.method === 'saveSource');
    expect(call?.args[0]).toBe('/work/gh.yaml');
    expect(call?.args[2]).toBe('yaml');
    expect(within(status).getByText('Saved')).toBeTruthy();
    // The recent list now has it.
    expect(await screen.findByRole('button', { name: /gh/ })).toBeTruthy();
  });

  it('asks before discarding unsaved changes', async () => {
    const { user } = renderApp(createTestHost([jsonFile('/s/github.json', GITHUB_DOC)]));
    await user.click(await screen.findByRole('button', { name: /github/ }));
    await user.type(await screen.findByLabelText('Data selector'), 'items');
    await user.click(screen.getByRole('button', { name: 'Blank' }));
    const dialog = screen.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    expect(screen.getByRole('form', { name: 'Resource issues' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Blank' }));
    await user.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('form', { name: 'Resource items' })).toBeTruthy();
  });

  it('offers three templates', () => {
    renderApp();
    for (const name of ['Blank', 'GitHub issues and comments', 'PokeAPI']) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
  });

  it('imports pasted text, shows the notes, then opens it unsaved', async () => {
    const { user, host } = renderApp();
    await user.click(screen.getByRole('button', { name: 'Import…' }));
    const dialog = screen.getByRole('dialog', { name: 'Import a source' });
    await user.selectOptions(within(dialog).getByLabelText('Format'), 'json');
    const text = within(dialog).getByLabelText(/Paste/);
    await user.click(text);
    await user.paste(JSON.stringify({ client: { base_url: 'https://x/' }, resources: ['pets'] }));
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(await within(dialog).findByText('guessed the paginator from the example')).toBeTruthy();
    expect(host.calls.find((c) => c.method === 'importSource')?.args[1]).toBe('json');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(await screen.findByRole('form', { name: 'Resource pets' })).toBeTruthy();
    expect(within(screen.getByRole('status')).getByText('Unsaved (new)')).toBeTruthy();
  });
});
