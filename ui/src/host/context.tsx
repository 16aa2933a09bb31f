import { createContext, useContext, type ReactNode } from 'react';
import type { Host } from './types';

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  // A missing provider is a wiring bug, not a runtime condition to recover from.
  if (!host) throw new Error('useHost() called outside <HostProvider>');
  return host;
}
