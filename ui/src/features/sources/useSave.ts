// Saving the open source: to its file, or, for a new source, to a path the user types.
import { useCallback, useState } from 'react';
import { useHost, type SourceFormat } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from './state';

export interface SaveApi {
  /** Saves to the file, or opens the "save as" prompt for a new source. */
  save(): void;
  /** Saves to `path` (the prompt's answer); true when it was written. */
  saveAs(path: string): Promise<boolean>;
  asking: boolean;
  cancel(): void;
  busy: boolean;
  error: string | null;
}

export function formatOfPath(path: string, fallback: SourceFormat): SourceFormat {
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  if (/\.json$/i.test(path)) return 'json';
  return fallback;
}

export function useSave(): SaveApi {
  const host = useHost();
  const { file, document, saved } = useSource();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const write = useCallback(
    async (path: string): Promise<boolean> => {
      if (!file || !document) return false;
      setBusy(true);
      setError(null);
      try {
        const result = await host.saveSource(path, document, formatOfPath(path, file.format));
        saved(result, document);
        setAsking(false);
        return true;
      } catch (e) {
        setError(messageOf(e));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [host, file, document, saved],
  );

  const save = useCallback(() => {
    if (!file || busy) return;
    if (file.path === '') setAsking(true);
    else void write(file.path);
  }, [file, busy, write]);

  return { save, saveAs: write, asking, cancel: () => setAsking(false), busy, error };
}
