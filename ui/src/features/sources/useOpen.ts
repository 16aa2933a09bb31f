// Opening a source file by path, with its error kept for the sidebar to show.
import { useCallback, useState } from 'react';
import { useHost } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from './state';

export function useOpen() {
  const host = useHost();
  const { open } = useSource();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openPath = useCallback(
    async (path: string) => {
      setBusy(true);
      setError(null);
      try {
        open(await host.openSource(path));
        return true;
      } catch (e) {
        setError(`Could not open ${path}: ${messageOf(e)}`);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [host, open],
  );
  return { openPath, busy, error };
}
