import { invoke } from '@tauri-apps/api/core';
import type { Host } from './types';

export function createTauriHost(): Host {
  return {
    appInfo: () => invoke('app_info'),
  };
}
