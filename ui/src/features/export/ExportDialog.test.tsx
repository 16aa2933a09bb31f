import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ExportTarget } from '../../host';
import { stubHost } from '../preview/testing/stubHost';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { ExportDialog } from './ExportDialog';

afterEach(cleanup);

describe('ExportDialog', () => {
  it('exports the saved source to the chosen format and folder', async () => {
    const user = userEvent.setup();
    const calls: [string, ExportTarget, string][] = [];
    const host = stubHost({
      exportSource: async (path, to, out) => {
        calls.push([path, to, out]);
        return [`${out}/demo.yaml`];
      },
    });
    let closed = false;
    renderWithSource(<ExportDialog open onClose={() => (closed = true)} />, host, sourceFile({ resources: ['posts'] }));
    expect(screen.getByRole('dialog', { name: 'Export demo' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: /YAML/ }));
    await user.click(screen.getByRole('button', { name: 'Export' }));
    expect(calls).toEqual([['/home/ada/sources/demo.json', 'yaml', '/home/ada/sources/demo_export']]);
    expect(await screen.findByText('/home/ada/sources/demo_export/demo.yaml')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(closed).toBe(true);
  });
});
