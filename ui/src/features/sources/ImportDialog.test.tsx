import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HostProvider, type ImportFormat, type ImportResult, type SourceFile } from '../../host';
import { createFakeHost } from '../../host/fake';
import { FAKE_OPENAPI } from '../../host/fake/openapiFixture';
import { stubHost } from '../preview/testing/stubHost';
import { IMPORT_FILTERS, ImportDialog, baseName, formatOfFile, sourceNameOf } from './ImportDialog';

afterEach(cleanup);

function open(host = createFakeHost()) {
  const opened: SourceFile[] = [];
  let closed = false;
  render(
    <HostProvider host={host}>
      <ImportDialog onClose={() => (closed = true)} onOpen={(f) => opened.push(f)} />
    </HostProvider>,
  );
  return { opened, closed: () => closed };
}

const names = (f: SourceFile) => (f.document.resources as { name: string }[]).map((r) => r.name);

describe('ImportDialog', () => {
  it('imports a pasted curl command and opens it untitled', async () => {
    const user = userEvent.setup();
    const { opened } = open();
    await user.click(screen.getByLabelText(/Paste the config/));
    await user.paste("curl -H 'Accept: application/json' 'https://api.example.com/v1/users?page=1'");
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(await screen.findByText('Valid')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Guesses per endpoint' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(opened[0].path).toBe('');
    expect(opened[0].document).toEqual({ client: { base_url: 'https://api.example.com/' }, resources: [{ name: 'users', endpoint: { path: 'v1/users' } }] });
  });

  it('lists OpenAPI endpoints with their guesses and opens only the picked ones', async () => {
    const user = userEvent.setup();
    const { opened } = open();
    await user.click(screen.getByLabelText(/Paste the config/));
    await user.paste(FAKE_OPENAPI);
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const table = await screen.findByRole('table', { name: 'Guesses per endpoint' });
    const posts = within(table).getByRole('rowheader', { name: /^posts GET/ }).closest('tr')!;
    expect(within(posts).getByLabelText('paginator confidence high').textContent).toBe('high');
    expect(posts.textContent).toContain('page_number');
    const comments = within(table).getByRole('rowheader', { name: /^comments GET/ }).closest('tr')!;
    expect(within(comments).getByLabelText('parent confidence medium')).toBeTruthy();
    expect(screen.getByText('Endpoints: 3 of 3 picked')).toBeTruthy();

    // Unpicking posts takes comments along, and says so.
    await user.click(within(posts).getByRole('checkbox'));
    expect(within(screen.getByRole('list', { name: 'Removed with their parents' })).getByText(/is removed too/).textContent).toBe(
      'comments is removed too: its parent posts is not picked.',
    );
    expect(screen.getByText('Endpoints: 1 of 3 picked')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Open with 1 resource' }));
    expect(names(opened[0])).toEqual(['users']);
  });

  it('opens a file: an OpenAPI description, or a Python script read as python', async () => {
    const user = userEvent.setup();
    const calls: [string, ImportFormat][] = [];
    const fake = createFakeHost();
    const host = stubHost({
      importSource: async (text, from): Promise<ImportResult> => {
        calls.push([text.slice(0, 7), from]);
        return fake.importSource(FAKE_OPENAPI, 'openapi');
      },
    });
    const { opened } = open(host);
    await user.upload(screen.getByLabelText(/Open a file/), new File([FAKE_OPENAPI], 'blog-api.yaml', { type: 'text/yaml' }));
    await screen.findByRole('table', { name: 'Guesses per endpoint' });
    expect(calls).toEqual([['openapi', 'auto']]);
    expect((screen.getByLabelText('Source name') as HTMLInputElement).value).toBe('blog_api');
    await user.click(screen.getByRole('button', { name: 'None' }));
    expect((screen.getByRole('button', { name: /Open with 0/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'All' }));
    await user.click(screen.getByRole('button', { name: 'Open with 3 resources' }));
    expect(opened[0].name).toBe('blog_api');
    expect(formatOfFile('github_pipeline.py')).toBe('python');
    expect(formatOfFile('config.yaml')).toBe('auto');
    expect(sourceNameOf('my api.v2.json')).toBe('my_api_v2');
    // Without a native picker (a browser), there is no Choose file… button.
    expect(screen.queryByRole('button', { name: 'Choose file…' })).toBeNull();
  });

  it('with a native picker, reads the chosen file and imports its text', async () => {
    const user = userEvent.setup();
    const calls: unknown[][] = [];
    const host = stubHost({
      pickFile: async (filters) => {
        calls.push(['pickFile', filters]);
        return '/home/ada/scripts/github_pipeline.py';
      },
      readTextFile: async (path) => {
        calls.push(['readTextFile', path]);
        return 'import dlt\n';
      },
      importSource: async (text, from): Promise<ImportResult> => {
        calls.push(['importSource', text, from]);
        return { document: { resources: ['issues'] }, notes: [], endpoints: [], validation: { valid: true, problems: [], summary: null } };
      },
    });
    const { opened } = open(host);
    expect(screen.queryByLabelText(/Open a file/, { selector: 'input' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(await screen.findByText('Valid')).toBeTruthy();
    expect(calls).toEqual([
      ['pickFile', IMPORT_FILTERS],
      ['readTextFile', '/home/ada/scripts/github_pipeline.py'],
      ['importSource', 'import dlt\n', 'python'],
    ]);
    expect(screen.getByLabelText('Chosen file').textContent).toBe('/home/ada/scripts/github_pipeline.py');
    expect((screen.getByLabelText(/Paste the config/) as HTMLTextAreaElement).value).toBe('import dlt\n');
    expect((screen.getByLabelText('Format') as HTMLSelectElement).value).toBe('python');
    expect((screen.getByLabelText('Source name') as HTMLInputElement).value).toBe('github_pipeline');
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(opened[0].name).toBe('github_pipeline');
    expect(baseName('C:\\specs\\api.yaml')).toBe('api.yaml');
  });

  it('says why a chosen file cannot be read, and does nothing when the pick is cancelled', async () => {
    const user = userEvent.setup();
    let imported = 0;
    let pick: string | null = null;
    const host = stubHost({
      pickFile: async () => pick,
      readTextFile: async (path) => Promise.reject({ code: 'validation', message: `${path}: larger than 20 MB, too big to import`, details: null }),
      importSource: async () => {
        imported++;
        return Promise.reject(new Error('not reached'));
      },
    });
    open(host);
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(screen.queryByRole('alert')).toBeNull();
    pick = '/big/openapi.json';
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not read the chosen file: /big/openapi.json: larger than 20 MB, too big to import',
    );
    expect(imported).toBe(0);
  });
});
