import type { FakeHostOptions } from './fake';
import type { AppInfo, Host } from './types';

export type * from './types';
export { HostProvider, useHost } from './context';

declare global {
  interface Window {
    /** Set (true, or AppInfo overrides) before the app loads to run on the fake host. */
    __PIPEWRIGHT_FAKE_HOST__?: boolean | Partial<AppInfo>;
    /** Options of the fake host (browser tests); the object is kept, so changing its fields
     * later changes what the next call does. */
    __PIPEWRIGHT_FAKE_OPTIONS__?: FakeHostOptions;
    /** Set by the fake host for browser tests: the host itself (to read what was saved) and a
     * simulated close of the app window (what Tauri's close button does). */
    __PIPEWRIGHT_FAKE__?: { host: Host; requestClose(): Promise<boolean> };
  }
}

/** Picks the host once at start-up; dynamic imports keep each host out of the other's path. */
export async function selectHost(): Promise<Host> {
  const fake = window.__PIPEWRIGHT_FAKE_HOST__;
  if (fake) {
    const [{ createFakeHost }, { requestFakeClose }] = await Promise.all([import('./fake'), import('./fake/window')]);
    const host = createFakeHost(typeof fake === 'object' ? fake : {}, window.__PIPEWRIGHT_FAKE_OPTIONS__ ?? {});
    window.__PIPEWRIGHT_FAKE__ = { host, requestClose: requestFakeClose };
    return host;
  }
  const { createTauriHost } = await import('./tauri');
  return createTauriHost();
}
