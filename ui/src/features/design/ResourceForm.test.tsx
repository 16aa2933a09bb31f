import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createTestHost, GITHUB_DOC, jsonFile } from '../../test/fakeHost';
import { renderDesigner, shownDoc } from '../../test/renderDesigner';
import { useSource } from '../sources/state';
import { ClientForm } from './ClientForm';
import { DefaultsForm, ResourceForm } from './ResourceForm';

afterEach(cleanup);

/** The form of whichever resource is selected (renames move the selection). */
function Selected() {
  const { selectedResource } = useSource();
  return selectedResource ? <ResourceForm key={selectedResource} name={selectedResource} /> : null;
}

function setup(file = jsonFile('/s/github.json', GITHUB_DOC)) {
  const host = createTestHost([file]);
  const user = userEvent.setup();
  renderDesigner(host, file, <Selected />);
  return { host, user };
}

const resource = (i: number) => (shownDoc().resources as Record<string, unknown>[])[i];
const endpoint = (i: number) => resource(i).endpoint as Record<string, unknown>;

describe('resource form', () => {
  it('edits the path in place, keeping key order, and undoes the typing in one step', async () => {
    const { user } = setup();
    const path = screen.getByLabelText('Endpoint path');
    await user.clear(path);
    await user.type(path, 'tickets');
    expect(endpoint(0)).toEqual({ path: 'tickets', params: { state: 'open' } });
    expect(Object.keys(shownDoc())).toEqual(['client', 'resource_defaults', 'resources']);
    await user.click(screen.getByRole('button', { name: 'probe-undo' }));
    expect(endpoint(0).path).toBe('issues');
  });

  it('sets the method and a data selector, and removes them again', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    await user.type(screen.getByLabelText('Data selector'), 'items');
    expect(endpoint(0)).toEqual({ path: 'issues', params: { state: 'open' }, method: 'POST', data_selector: 'items' });
    await user.selectOptions(screen.getByLabelText('Method'), '');
    expect(endpoint(0).method).toBeUndefined();
  });

  it('edits params as literals, parent fields and incremental values', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add parameter' }));
    expect(endpoint(0).params).toEqual({ state: 'open', param: '' });
    const name = screen.getByLabelText('Parameter 2 name');
    await user.clear(name);
    await user.type(name, 'since');
    await user.selectOptions(screen.getByLabelText('Parameter since kind'), 'incremental');
    expect(endpoint(0).params).toEqual({ state: 'open', since: '{incremental.start_value}' });
    await user.selectOptions(screen.getByLabelText('Parameter state kind'), 'parent');
    expect(endpoint(0).params).toEqual({ state: '{resources.comments.id}', since: '{incremental.start_value}' });
    const field = screen.getByLabelText('Parameter state parent field');
    await user.clear(field);
    await user.type(field, 'n');
    expect((endpoint(0).params as Record<string, unknown>).state).toBe('{resources.comments.n}');
  });

  it('picks a paginator and shows the fields of its type', async () => {
    const { user } = setup();
    const picker = screen.getByLabelText('Paginator');
    expect((picker as HTMLSelectElement).selectedOptions[0].textContent).toContain('inherit: header_link from client');
    await user.selectOptions(picker, 'offset');
    expect(endpoint(0).paginator).toEqual({ type: 'offset', limit: 100 });
    const limit = screen.getByLabelText('limit');
    await user.clear(limit);
    await user.type(limit, '25');
    expect(endpoint(0).paginator).toEqual({ type: 'offset', limit: 25 });
    await user.selectOptions(picker, 'header_link');
    expect(endpoint(0).paginator).toEqual({ type: 'header_link' });
  });

  it('sets write disposition with a merge strategy and keys', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Write disposition'), 'merge');
    expect(resource(0).write_disposition).toBe('merge');
    await user.selectOptions(screen.getByLabelText('Merge strategy'), 'upsert');
    expect(resource(0).write_disposition).toEqual({ disposition: 'merge', strategy: 'upsert' });
    await user.type(screen.getByLabelText('Primary key'), 'id, repo');
    expect(resource(0).primary_key).toEqual(['id', 'repo']);
  });

  it('shows what a resource inherits from the defaults', () => {
    setup();
    const pk = screen.getByLabelText('Primary key') as HTMLInputElement;
    expect(pk.placeholder).toBe('id');
    expect(screen.getAllByText(/Inherits id from resource defaults/).length).toBeGreaterThan(0);
  });

  it('edits incremental loading', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Load incrementally' }));
    const cursor = screen.getByLabelText('cursor_path');
    await user.clear(cursor);
    await user.type(cursor, 'updated');
    await user.type(screen.getByLabelText('convert (jq)'), 'todate');
    expect(endpoint(0).incremental).toEqual({ cursor_path: 'updated', initial_value: '1970-01-01T00:00:00Z', convert: 'todate' });
  });

  it('adds processing steps and shows the engine jq errors under them', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    const step = screen.getByLabelText('Step 1 filter');
    await user.clear(step);
    await user.type(step, 'select(.id <');
    expect(resource(0).processing_steps).toEqual([{ filter: 'select(.id <' }]);
    expect(await screen.findByText(/cannot parse/, {}, { timeout: 2000 })).toBeTruthy();
    await user.type(step, ' 10)');
    await waitFor(() => expect(screen.queryByText(/cannot parse/)).toBeNull(), { timeout: 2000 });
    await user.selectOptions(screen.getByLabelText('Step 1 kind'), 'map');
    expect(resource(0).processing_steps).toEqual([{ map: 'select(.id < 10)' }]);
  });

  it('sets selected, parallelized, max_table_nesting and include_from_parent', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByLabelText('Selected'), 'false');
    await user.selectOptions(screen.getByLabelText('Parallelized'), 'true');
    await user.type(screen.getByLabelText('Max table nesting'), '2');
    await user.type(screen.getByLabelText('Include from parent'), 'id');
    expect(resource(0)).toMatchObject({ selected: false, parallelized: true, max_table_nesting: 2, include_from_parent: ['id'] });
  });

  it('renames a resource and every placeholder that refers to it', async () => {
    const { user } = setup();
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'tickets{Enter}');
    expect(resource(0).name).toBe('tickets');
    expect(endpoint(1).path).toBe('issues/{resources.tickets.number}/comments');
    expect(await screen.findByRole('form', { name: 'Resource tickets' })).toBeTruthy();
  });

  it('refuses a name that is taken', async () => {
    const { user } = setup();
    const name = screen.getByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'comments');
    expect(screen.getByText(/exists already/)).toBeTruthy();
    fireEvent.blur(name);
    expect(resource(0).name).toBe('issues');
  });

  it('completes placeholders in the path', async () => {
    const { user } = setup();
    const path = screen.getByLabelText('Endpoint path');
    await user.clear(path);
    await user.type(path, 'issues/{{res');
    const list = screen.getByRole('listbox');
    expect(within(list).getByText('{resources.comments.id}')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(endpoint(0).path).toBe('issues/{resources.comments.id}');
  });

  it('deletes a resource, asking when others depend on it', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Delete resource' }));
    expect(screen.getByText(/comments depends on issues/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete with dependents' }));
    expect(shownDoc().resources).toEqual([]);
  });
});

describe('auth and secrets', () => {
  it('stores a secret through the host and shows only set / not set', async () => {
    const { host, user } = setup();
    await user.selectOptions(screen.getAllByLabelText('Authentication')[0], 'bearer');
    expect(endpoint(0).auth).toEqual({ type: 'bearer', token: '{secrets.token}' });
    expect(screen.getByTestId('secret-status').textContent).toBe('not set');
    await user.type(screen.getByLabelText('token value'), 's3cret');
    await user.click(screen.getByRole('button', { name: 'Set' }));
    await waitFor(() => expect(screen.getByTestId('secret-status').textContent).toBe('set'));
    expect(host.secrets.get('github/token')).toBe('s3cret');
    expect(JSON.stringify(shownDoc())).not.toContain('s3cret');
    expect((screen.getByLabelText('token value') as HTMLInputElement).value).toBe('');
  });

  it('moves a literal credential into the keychain', async () => {
    const doc = { ...GITHUB_DOC, client: { base_url: 'https://x/', auth: { type: 'bearer', token: 'ghp_literal' } } };
    const file = jsonFile('/s/github.json', doc);
    const host = createTestHost([file]);
    const user = userEvent.setup();
    renderDesigner(host, file, <ClientForm />);
    await user.click(screen.getByRole('button', { name: /Move to keychain/ }));
    expect((shownDoc().client as Record<string, unknown>).auth).toEqual({ type: 'bearer', token: '{secrets.token}' });
    await waitFor(() => expect(host.secrets.get('github/token')).toBe('ghp_literal'));
  });
});

describe('client and defaults forms', () => {
  it('edits the base URL and headers of the client', async () => {
    const file = jsonFile('/s/github.json', GITHUB_DOC);
    const user = userEvent.setup();
    renderDesigner(createTestHost([file]), file, <ClientForm />);
    const url = screen.getByLabelText('Base URL');
    await user.clear(url);
    await user.type(url, 'https://example.com/');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByLabelText('Headers 1 value'), 'v1');
    expect(shownDoc().client).toEqual({ base_url: 'https://example.com/', paginator: 'header_link', headers: { 'X-Header': 'v1' } });
  });

  it('edits resource_defaults with the same fields', async () => {
    const file = jsonFile('/s/github.json', GITHUB_DOC);
    const user = userEvent.setup();
    renderDesigner(createTestHost([file]), file, <DefaultsForm />);
    await user.selectOptions(screen.getByLabelText('Write disposition'), 'replace');
    await user.selectOptions(screen.getByLabelText('Paginator'), 'single_page');
    expect(shownDoc().resource_defaults).toEqual({ primary_key: 'id', write_disposition: 'replace', endpoint: { paginator: 'single_page' } });
  });
});

describe('response actions, column hints and form body', () => {
  it('adds and edits them in the document', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Add response action' }));
    await user.selectOptions(screen.getByLabelText('action'), 'retry');
    await user.click(screen.getByRole('button', { name: 'Add column hint' }));
    await user.selectOptions(screen.getByLabelText('Column column data type'), 'timestamp');
    await user.click(screen.getByLabelText('Column column nullable'));
    await user.click(screen.getByRole('button', { name: 'Add form field' }));
    await user.type(screen.getByLabelText('Form body (data) 1 value'), 'x');
    expect(endpoint(0).response_actions).toEqual([{ status_code: 404, action: 'retry' }]);
    expect(resource(0).columns).toEqual({ column: { data_type: 'timestamp', nullable: true } });
    expect(endpoint(0).data).toEqual({ field: 'x' });
  });
});
