import type { AppInfo, Host } from './types';

export type * from './types';
export { HostProvider, useHost } from './context';

declare global {
  interface Window {
    /** Set (true, or AppInfo overrides) before the app loads to run on the fake host. */
    __PIPEWRIGHT_FAKE_HOST__?: boolean | Partial<AppInfo>;
  }
}

/** Picks the host once at start-up; dynamic imports keep each host out of the other's path. */
export async function selectHost(): Promise<Host> {
  const fake = window.__PIPEWRIGHT_FAKE_HOST__;
  if (fake) {
    const { createFakeHost } = await import('./fake');
    return createFakeHost(typeof fake === 'object' ? fake : {});
  }
  const { createTauriHost } = await import('./tauri');
  return createTauriHost();
}
