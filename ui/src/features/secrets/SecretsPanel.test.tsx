import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SecretStatus } from '../../host';
import { stubHost } from '../preview/testing/stubHost';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { SecretsPanel } from './SecretsPanel';
import { findSecretRefs } from './secretRefs';

afterEach(cleanup);

const doc = {
  client: { base_url: 'https://api.example.com/', auth: { type: 'bearer', token: '{secrets.api_token}' } },
  resources: [{ name: 'posts', endpoint: { path: 'posts', params: { key: '{secrets.query_key}' } } }],
};

function secretsHost() {
  const store = new Map<string, string>();
  const calls: string[] = [];
  const host = stubHost({
    listSecrets: async (): Promise<SecretStatus[]> => [
      store.has('api_token')
        ? { name: 'api_token', resolves_from: 'keychain', place: 'pipewright: demo/api_token' }
        : { name: 'api_token', resolves_from: 'missing', place: null },
      { name: 'query_key', resolves_from: 'environment', place: 'SOURCES__DEMO__QUERY_KEY' },
    ],
    setSecret: async (source, name, value) => {
      calls.push(`set ${source}/${name}`);
      store.set(name, value);
    },
    deleteSecret: async (source, name) => {
      calls.push(`delete ${source}/${name}`);
      store.delete(name);
    },
  });
  return { host, calls, store };
}

describe('SecretsPanel', () => {
  it('finds references in the document', () => {
    expect(findSecretRefs(doc)).toEqual([
      { name: 'api_token', paths: ['client.auth.token'] },
      { name: 'query_key', paths: ['resources[0].endpoint.params.key'] },
    ]);
  });

  it('shows where each secret resolves from; sets, replaces and deletes without showing values', async () => {
    const user = userEvent.setup();
    const { host, calls, store } = secretsHost();
    renderWithSource(<SecretsPanel />, host, sourceFile(doc));
    const token = await screen.findByTestId('secret-api_token');
    await waitFor(() => expect(within(token).getByText('missing')).toBeTruthy());
    expect(within(screen.getByTestId('secret-query_key')).getByText('environment')).toBeTruthy();

    await user.click(within(token).getByRole('button', { name: 'Set' }));
    const input = within(token).getByLabelText('Value of api_token') as HTMLInputElement;
    expect(input.type).toBe('password');
    await user.type(input, 's3cr3t');
    await user.click(within(token).getByRole('button', { name: 'Save to keychain' }));
    expect(await screen.findByText('api_token saved to the keychain')).toBeTruthy();
    expect(store.get('api_token')).toBe('s3cr3t');
    await waitFor(() => expect(within(token).getByText('keychain')).toBeTruthy());
    expect(document.body.textContent).not.toContain('s3cr3t');

    await user.click(within(token).getByRole('button', { name: 'Delete' }));
    await user.click(within(token).getByRole('button', { name: 'Confirm delete' }));
    expect(calls).toEqual(['set demo/api_token', 'delete demo/api_token']);
    await waitFor(() => expect(within(token).getByText('missing')).toBeTruthy());
  });
});
