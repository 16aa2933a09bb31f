import type { AppInfo, Host } from './types';

export const FAKE_APP_INFO: AppInfo = {
  name: 'Pipewright',
  version: '0.0.0-fake',
  engine_version: '0.0.0-fake',
};

/** In-memory host for browser tests and for running the UI without Tauri. */
export function createFakeHost(overrides: Partial<AppInfo> = {}): Host {
  return {
    appInfo: async () => ({ ...FAKE_APP_INFO, ...overrides }),
  };
}
