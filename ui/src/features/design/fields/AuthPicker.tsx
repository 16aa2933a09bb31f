// Authentication of the client or an endpoint: a type, then its fields; credentials are
// secret references.
import { useId } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { asTyped, objectBinder } from '../objectBinder';
import { secretRef } from '../secretStatus';
import { FieldShell } from './FieldShell';
import { SelectField } from './SelectField';
import { SecretField } from './SecretField';
import { TextField } from './TextField';

export const AUTH_TYPES: Record<string, { title: string; initial: Record<string, unknown> }> = {
  bearer: { title: 'bearer token', initial: { token: secretRef('token') } },
  api_key: { title: 'API key', initial: { name: 'Authorization', api_key: secretRef('api_key'), location: 'header' } },
  http_basic: { title: 'HTTP basic', initial: { username: '', password: secretRef('password') } },
  oauth2_client_credentials: {
    title: 'OAuth2 client credentials',
    initial: { access_token_url: '', client_id: '', client_secret: secretRef('client_secret') },
  },
};

/** Type of an auth value: `"bearer"`, `{type: ...}`, or dlt's `{token}` shortcut. */
export function authType(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return 'null';
  const obj = asTyped(v);
  if (typeof obj.type === 'string') return obj.type;
  return 'token' in obj ? 'bearer' : '';
}

function inheritedLabel(binder: Binder, rel: DocPath): string {
  const inherited = binder.inherited(rel);
  if (!inherited) return '(none)';
  const type = authType(inherited.value);
  return `(inherit: ${AUTH_TYPES[type]?.title ?? type} from ${inherited.from})`;
}

export function AuthPicker({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const id = useId();
  const value = binder.get(rel);
  const type = authType(value);
  const sub = objectBinder(binder, rel);
  return (
    <fieldset className="group">
      <FieldShell path={binder.path(rel)} label="Authentication" htmlFor={id} docs="auth">
        <select
          id={id}
          className="input"
          value={type}
          onChange={(e) => {
            const t = e.target.value;
            if (t === '') binder.set(rel, undefined);
            else if (t === 'null') binder.set(rel, null);
            else binder.set(rel, { type: t, ...AUTH_TYPES[t].initial });
          }}
        >
          <option value="">{inheritedLabel(binder, rel)}</option>
          {Object.entries(AUTH_TYPES).map(([t, s]) => (
            <option key={t} value={t}>
              {s.title}
            </option>
          ))}
          <option value="null">no auth (override)</option>
        </select>
      </FieldShell>
      <div className="subfields">
        {type === 'bearer' && <SecretField binder={sub} rel={['token']} label="token" defaultName="token" />}
        {type === 'api_key' && (
          <>
            <TextField binder={sub} rel={['name']} label="name" placeholder="Authorization" />
            <SelectField binder={sub} rel={['location']} label="location" options={['header', 'query', 'cookie']} unsetLabel="(header)" />
            <SecretField binder={sub} rel={['api_key']} label="api_key" defaultName="api_key" />
          </>
        )}
        {type === 'http_basic' && (
          <>
            <TextField binder={sub} rel={['username']} label="username" keepEmpty />
            <SecretField binder={sub} rel={['password']} label="password" defaultName="password" />
          </>
        )}
        {type === 'oauth2_client_credentials' && (
          <>
            <TextField binder={sub} rel={['access_token_url']} label="access_token_url" keepEmpty />
            <TextField binder={sub} rel={['client_id']} label="client_id" />
            <SecretField binder={sub} rel={['client_secret']} label="client_secret" defaultName="client_secret" />
            <TextField binder={sub} rel={['default_token_expiration']} label="default_token_expiration" kind="integer" />
          </>
        )}
      </div>
    </fieldset>
  );
}
