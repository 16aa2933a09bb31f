// A promise's result as state, keyed so a stale answer never overwrites a newer one.
import { useEffect, useState } from 'react';
import { messageOf } from '../../components/messageOf';

export type AsyncState<T> = { key: string; value: T | null; error: string | null };

export function useAsync<T>(key: string | null, load: () => Promise<T>): { value: T | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<AsyncState<T> | null>(null);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (value) => live && setState({ key, value, error: null }),
      (e) => live && setState({ key, value: null, error: messageOf(e) }),
    );
    return () => {
      live = false;
    };
    // `load` is recreated every render; `key` says when it must run again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = state && state.key === key ? state : null;
  // While a new key loads, the last value stays on screen (no flicker on refresh).
  return { value: current ? current.value : (state?.value ?? null), error: current?.error ?? null, loading: key !== null && current === null };
}
