import { useEffect, useState } from 'react';
import { useHost, type AppInfo } from '../../host';

type State = { kind: 'loading' } | { kind: 'ready'; info: AppInfo } | { kind: 'error' };

export function StatusBar() {
  const host = useHost();
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    host.appInfo().then(
      (info) => live && setState({ kind: 'ready', info }),
      () => live && setState({ kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [host]);

  return (
    <footer className="status-bar" role="status" data-testid="status-bar">
      {state.kind === 'ready'
        ? `${state.info.name} ${state.info.version} · engine ${state.info.engine_version}`
        : state.kind === 'error'
          ? 'Backend unavailable'
          : 'Connecting…'}
    </footer>
  );
}
