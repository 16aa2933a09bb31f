// Whether each secret a source refers to is set, from host.listSecrets (never the values).
// A source with no file yet cannot be asked about; secrets set in this session count as set.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useHost, type SecretStatus } from '../../host';
import { useSource } from '../sources/state';
import { messageOf } from '../../components/messageOf';

export interface SecretsApi {
  status(name: string): SecretStatus | undefined;
  /** Stores a value in the keychain for the open source. */
  set(name: string, value: string): Promise<void>;
  error: string | null;
}

const SecretsContext = createContext<SecretsApi | null>(null);

export const SECRET_REF = /^\{secrets\.([A-Za-z0-9_.-]+)\}$/;

export function secretRef(name: string): string {
  return `{secrets.${name}}`;
}

export function SecretStatusProvider({ children }: { children: ReactNode }) {
  const host = useHost();
  const { file } = useSource();
  const path = file?.path ?? '';
  const sourceName = file?.name ?? '';
  const [listed, setListed] = useState<{ path: string; list: SecretStatus[] } | null>(null);
  const [setHere, setSetHere] = useState<Record<string, true>>({});
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!path) return;
    let live = true;
    Promise.resolve()
      .then(() => host.listSecrets(path))
      .then(
        (list) => live && setListed({ path, list }),
        () => live && setListed({ path, list: [] }),
      );
    return () => {
      live = false;
    };
  }, [host, path, generation]);

  const set = useCallback(
    async (name: string, value: string) => {
      setError(null);
      try {
        await host.setSecret(sourceName, name, value);
        setSetHere((s) => ({ ...s, [`${sourceName}/${name}`]: true }));
        setGeneration((g) => g + 1);
      } catch (e) {
        setError(messageOf(e));
        throw e;
      }
    },
    [host, sourceName],
  );

  const api = useMemo<SecretsApi>(
    () => ({
      status: (name) => {
        const found = listed?.path === path ? listed.list.find((s) => s.name === name) : undefined;
        if (found && found.resolves_from !== 'missing') return found;
        if (setHere[`${sourceName}/${name}`]) return { name, resolves_from: 'keychain', place: null };
        return found;
      },
      set,
      error,
    }),
    [listed, path, setHere, sourceName, set, error],
  );
  return <SecretsContext.Provider value={api}>{children}</SecretsContext.Provider>;
}

export function useSecrets(): SecretsApi {
  const api = useContext(SecretsContext);
  // A missing provider is a wiring bug, not a runtime condition to recover from.
  if (!api) throw new Error('useSecrets() called outside <SecretStatusProvider>');
  return api;
}
