// A credential field. The document holds a reference, `{secrets.NAME}`; the value goes to the
// keychain through the host and only "set / not set" ever comes back.
import { useId, useState } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { SECRET_REF, secretRef, useSecrets } from '../secretStatus';
import { FieldShell } from './FieldShell';

export function SecretField({ binder, rel, label, defaultName }: {
  binder: Binder;
  rel: DocPath;
  label: string;
  /** Secret name proposed when the field holds no reference yet. */
  defaultName: string;
}) {
  const id = useId();
  const secrets = useSecrets();
  const raw = binder.get(rel);
  const text = typeof raw === 'string' ? raw : '';
  const ref = SECRET_REF.exec(text);
  const name = ref ? ref[1] : '';
  const literal = text !== '' && !ref;
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const status = name ? secrets.status(name) : undefined;
  const isSet = status !== undefined && status.resolves_from !== 'missing';

  async function store(secretName: string, secretValue: string) {
    setBusy(true);
    // The reference goes in first: the binder writes over the document as it is now.
    if (!ref || ref[1] !== secretName) binder.set(rel, secretRef(secretName));
    try {
      await secrets.set(secretName, secretValue);
      setValue('');
    } catch {
      // shown through secrets.error
    } finally {
      setBusy(false);
    }
  }

  return (
    <FieldShell path={binder.path(rel)} label={label} htmlFor={id} className="secret-field">
      <div className="secret-row">
        <span className="secret-prefix">secret</span>
        <input
          id={id}
          className="input code"
          aria-label={`${label} secret name`}
          value={literal ? '' : name}
          placeholder={defaultName}
          onChange={(e) => binder.set(rel, e.target.value ? secretRef(e.target.value) : undefined)}
        />
        {name && (
          <span className={`badge ${isSet ? 'badge-ok' : 'badge-warn'}`} data-testid="secret-status">
            {isSet ? `set${status?.resolves_from && status.resolves_from !== 'keychain' ? ` (${status.resolves_from})` : ''}` : 'not set'}
          </span>
        )}
      </div>
      {literal ? (
        <div className="secret-literal">
          <span>A literal value is written in the file.</span>
          <button type="button" disabled={busy} onClick={() => store(defaultName, text)}>
            Move to keychain as {defaultName}
          </button>
        </div>
      ) : (
        <form
          className="secret-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (value) void store(name || defaultName, value);
          }}
        >
          <input
            type="password"
            className="input"
            aria-label={`${label} value`}
            autoComplete="off"
            placeholder={isSet ? 'replace the stored value' : 'value (stored in the keychain)'}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit" disabled={busy || !value}>
            Set
          </button>
        </form>
      )}
      {secrets.error && <div className="field-problem">{secrets.error}</div>}
    </FieldShell>
  );
}
