// One secret reference: where it resolves from, and Set / Replace / Delete in the keychain.
import { useState } from 'react';
import type { SecretStatus } from '../../host';
import { SecretForm } from './SecretForm';

const FROM: Record<SecretStatus['resolves_from'], string> = {
  environment: 'environment',
  secrets_toml: '.dlt/secrets.toml',
  keychain: 'keychain',
  missing: 'missing',
};

export interface SecretRowProps {
  name: string;
  status: SecretStatus | null;
  usedAt: string[];
  onSet: (value: string) => Promise<void>;
  onDelete: () => Promise<void>;
}

export function SecretRow({ name, status, usedAt, onSet, onDelete }: SecretRowProps) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const from = status?.resolves_from ?? null;
  return (
    <li className="secret" data-testid={`secret-${name}`}>
      <div className="row">
        <code>{`{secrets.${name}}`}</code>
        <span className={`badge ${from === 'missing' ? 'badge-warn' : from ? 'badge-done' : ''}`}>
          {from ? FROM[from] : 'save the source to check'}
        </span>
        {status?.place && <span className="muted mono">{status.place}</span>}
        {!editing && (
          <button type="button" onClick={() => setEditing(true)}>
            {from === 'keychain' ? 'Replace' : 'Set'}
          </button>
        )}
        {from === 'keychain' &&
          (confirming ? (
            <>
              <button type="button" className="danger" onClick={() => void onDelete().finally(() => setConfirming(false))}>
                Confirm delete
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Delete
            </button>
          ))}
      </div>
      {usedAt.length > 0 && <p className="muted small">used at {usedAt.join(', ')}</p>}
      {(from === 'environment' || from === 'secrets_toml') && editing && (
        <p className="muted small">The {FROM[from]} value is looked up first and will still win over the keychain.</p>
      )}
      {editing && (
        <SecretForm
          name={name}
          onCancel={() => setEditing(false)}
          onSave={async (value) => {
            await onSet(value);
            setEditing(false);
          }}
        />
      )}
    </li>
  );
}
