// The recent sources from the app store, refreshed whenever the open file changes (opening or
// saving one puts it on the list).
import { useCallback, useEffect, useState } from 'react';
import { useHost, type RecentSource } from '../../host';
import { messageOf } from '../../components/messageOf';

export function useRecent(refreshKey: string) {
  const host = useHost();
  const [recent, setRecent] = useState<RecentSource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => host.listRecent())
      .then(
        (list) => {
          if (!live) return;
          setRecent(list);
          setError(null);
        },
        (e: unknown) => {
          if (!live) return;
          setRecent([]);
          setError(messageOf(e));
        },
      );
    return () => {
      live = false;
    };
  }, [host, refreshKey, generation]);

  const refresh = useCallback(() => setGeneration((g) => g + 1), []);
  return { recent, error, refresh };
}
