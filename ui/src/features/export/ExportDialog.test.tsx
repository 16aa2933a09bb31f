import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExportPlan, ExportTarget } from '../../host';
import { stubHost } from '../preview/testing/stubHost';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { ExportDialog } from './ExportDialog';

afterEach(cleanup);

function planFor(out: string, to: ExportTarget): ExportPlan {
  const files = to === 'python' ? ['demo_pipeline.py', '.dlt/secrets.toml'] : [`demo.${to}`];
  return { files: files.map((f) => ({ path: `${out}/${f}`, bytes: 2048, overwrites: false, kept: false })), leaks: [], problems: [], notes: [], refused: null };
}

describe('ExportDialog', () => {
  it('shows the leak lint and the files before writing, then exports', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    const host = stubHost({
      exportPlan: async (_path, to, out) => {
        calls.push(`plan ${to} ${out}`);
        return planFor(out, to);
      },
      exportSource: async (path, to, out) => {
        calls.push(`export ${path} ${to} ${out}`);
        return [`${out}/demo.yaml`];
      },
    });
    let closed = false;
    renderWithSource(<ExportDialog open onClose={() => (closed = true)} />, host, sourceFile({ resources: ['posts'] }));
    expect(screen.getByRole('dialog', { name: 'Export demo' })).toBeTruthy();
    // Without a native picker (a browser), the folder is typed.
    expect(screen.queryByRole('button', { name: 'Browse…' })).toBeNull();
    expect((await screen.findByTestId('lint-result')).textContent).toMatch(/^no literal secrets/);
    expect(within(screen.getByRole('table', { name: 'Files to write' })).getByText('/home/ada/sources/demo_export/demo_pipeline.py')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: /YAML/ }));
    await screen.findByText('/home/ada/sources/demo_export/demo.yaml');
    // Nothing was written by looking.
    expect(calls.filter((c) => c.startsWith('export'))).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(calls.filter((c) => c.startsWith('export'))).toEqual(['export /home/ada/sources/demo.json yaml /home/ada/sources/demo_export']);
    expect(await screen.findByText('Wrote 1 files:')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(closed).toBe(true);
  });

  it('fills the output folder from the folder picker, then exports there', async () => {
    const user = userEvent.setup();
    const calls: string[] = [];
    let picked: string | null = null;
    const host = stubHost({
      pickFolder: async () => {
        calls.push('pickFolder');
        return picked;
      },
      exportPlan: async (_path, to, out) => {
        calls.push(`plan ${to} ${out}`);
        return planFor(out, to);
      },
      exportSource: async (path, to, out) => {
        calls.push(`export ${path} ${to} ${out}`);
        return [`${out}/demo_pipeline.py`];
      },
    });
    renderWithSource(<ExportDialog open onClose={() => {}} />, host, sourceFile({ resources: ['posts'] }));
    const folder = screen.getByLabelText('Output folder') as HTMLInputElement;
    expect(folder.value).toBe('/home/ada/sources/demo_export');
    // Cancelled: the folder stays.
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(folder.value).toBe('/home/ada/sources/demo_export');
    picked = '/home/ada/projects/gh';
    await user.click(screen.getByRole('button', { name: 'Browse…' }));
    expect(folder.value).toBe('/home/ada/projects/gh');
    await screen.findByText('/home/ada/projects/gh/demo_pipeline.py');
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Wrote 1 files:')).toBeTruthy();
    expect(calls.filter((c) => !c.startsWith('plan'))).toEqual([
      'pickFolder',
      'pickFolder',
      'export /home/ada/sources/demo.json python /home/ada/projects/gh',
    ]);
  });

  it('refuses to export a source with a literal secret and shows it masked', async () => {
    const user = userEvent.setup();
    let exported = 0;
    const host = stubHost({
      exportPlan: async (_path, to, out) => ({
        ...planFor(out, to),
        leaks: [{ path: 'client.auth.token', masked: 'g*****6' }],
        refused: 'the source holds 1 literal secret(s); use {secrets.NAME} references',
      }),
      exportSource: async () => {
        exported++;
        return [];
      },
    });
    renderWithSource(<ExportDialog open onClose={() => {}} />, host, sourceFile({ resources: ['posts'] }));
    const lint = await screen.findByRole('region', { name: 'Leak lint' });
    expect(within(lint).getByTestId('lint-result').textContent).toBe('1 literal secret would be copied into the export:');
    expect(within(lint).getByText('client.auth.token')).toBeTruthy();
    expect(within(lint).getByText('g*****6')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Not exportable: the source holds 1 literal secret(s)');
    const button = screen.getByRole('button', { name: 'Export' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await user.click(button);
    expect(exported).toBe(0);
  });
});
