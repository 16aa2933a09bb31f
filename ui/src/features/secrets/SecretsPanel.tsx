// Every {secrets.…} reference of the open source, where each resolves from (host.listSecrets),
// and write-only Set / Replace / Delete in the OS keychain. Values never come back.
import { useEffect, useState } from 'react';
import { useHost, type SecretStatus } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from '../sources/state';
import { findSecretRefs } from './secretRefs';
import { SecretRow } from './SecretRow';
import '../preview/workbench.css';
import './secrets.css';

export function SecretsPanel() {
  const host = useHost();
  const { file, document, untitled } = useSource();
  const [statuses, setStatuses] = useState<SecretStatus[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [reloads, setReloads] = useState(0);
  const path = file && !untitled ? file.path : null;

  useEffect(() => {
    if (!path) return;
    let live = true;
    host.listSecrets(path).then(
      (s) => live && setStatuses(s),
      (e) => live && setMessage({ kind: 'error', text: messageOf(e) }),
    );
    return () => {
      live = false;
    };
  }, [host, path, reloads]);

  if (!file) return null;
  const refs = findSecretRefs(document);
  const names = [...new Set([...(statuses ?? []).map((s) => s.name), ...refs.map((r) => r.name)])];

  async function act(what: string, fn: () => Promise<void>) {
    try {
      await fn();
      setMessage({ kind: 'ok', text: what });
      setReloads((n) => n + 1);
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }

  return (
    <section aria-labelledby="secrets-title" className="secrets-panel">
      <h2 id="secrets-title">Secrets</h2>
      {names.length === 0 && <p className="muted">This source uses no {'{secrets.…}'} reference.</p>}
      <ul className="secrets">
        {names.map((name) => (
          <SecretRow
            key={name}
            name={name}
            status={statuses?.find((s) => s.name === name) ?? null}
            usedAt={refs.find((r) => r.name === name)?.paths ?? []}
            onSet={(value) => act(`${name} saved to the keychain`, () => host.setSecret(file.name, name, value))}
            onDelete={() => act(`${name} deleted from the keychain`, () => host.deleteSecret(file.name, name))}
          />
        ))}
      </ul>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : 'muted'}>
          {message.text}
        </p>
      )}
      <p className="muted small">
        Looked up in order: environment (SOURCES__{file.name.toUpperCase()}__NAME), .dlt/secrets.toml beside the source, the OS
        keychain.
      </p>
    </section>
  );
}
