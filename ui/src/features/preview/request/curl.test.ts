import { describe, expect, it } from 'vitest';
import type { RequestTrace } from '../../../host';
import { curlCommand } from './curl';

const doc = {
  client: {
    base_url: 'https://api.example.com/',
    auth: { type: 'bearer', token: '{secrets.api_token}' },
    headers: { 'X-Tenant-Token': 'tenant-{secrets.tenant}' },
  },
  resources: [{ name: 'posts', endpoint: { path: 'posts', params: { key: '{secrets.query_key}' } } }],
};

describe('curlCommand', () => {
  it('puts secret references, never values, into the command', () => {
    const request: RequestTrace = {
      method: 'GET',
      url: 'https://api.example.com/posts?page=2&key=***',
      headers: [
        ['Authorization', 'Bearer ***'],
        ['X-Tenant-Token', '***'],
        ['Accept', 'application/json'],
        ['Cookie', 'session=abc'],
      ],
      body: { kind: 'none' },
    };
    expect(curlCommand(request, doc, 'posts', 'demo')).toBe(
      `curl 'https://api.example.com/posts?page=2&key='"\${SOURCES__DEMO__QUERY_KEY}"` +
        ` -H 'Authorization: Bearer '"\${SOURCES__DEMO__API_TOKEN}"` +
        ` -H 'X-Tenant-Token: tenant-'"\${SOURCES__DEMO__TENANT}"` +
        ` -H 'Accept: application/json'` +
        ` -H 'Cookie: ***'`,
    );
  });

  it('reads an auth without a type as bearer, and an endpoint auth over the client one', () => {
    const request: RequestTrace = { method: 'GET', url: 'https://x/a', headers: [['Authorization', 'Bearer ***']], body: { kind: 'none' } };
    const untyped = { client: { base_url: 'https://x/', auth: { token: '{secrets.gh}' } }, resources: ['a'] };
    expect(curlCommand(request, untyped, 'a', 'github')).toBe(`curl 'https://x/a' -H 'Authorization: Bearer '"\${SOURCES__GITHUB__GH}"`);
    const own = {
      client: { base_url: 'https://x/', auth: { token: '{secrets.gh}' } },
      resources: [{ name: 'a', endpoint: { path: 'a', auth: { type: 'bearer', token: '{secrets.other}' } } }],
    };
    expect(curlCommand(request, own, 'a', 'github')).toBe(`curl 'https://x/a' -H 'Authorization: Bearer '"\${SOURCES__GITHUB__OTHER}"`);
  });

  it('sends bodies and quotes single quotes', () => {
    const request: RequestTrace = {
      method: 'POST',
      url: 'https://api.example.com/search',
      headers: [],
      body: { kind: 'json', value: { q: "it's" } },
    };
    expect(curlCommand(request, doc, 'posts', 'demo')).toBe(
      `curl -X POST 'https://api.example.com/search' --data-raw '{"q":"it'\\''s"}'`,
    );
  });
});
