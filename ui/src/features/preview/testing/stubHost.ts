// A Host whose every method fails unless a test supplies it: each test double states exactly
// the backend behaviour it relies on.
import type { Host } from '../../../host';

const METHODS: (keyof Host)[] = [
  'appInfo', 'listRecent', 'openSource', 'saveSource', 'validate', 'schema', 'preview', 'cancelPreview', 'startRun',
  'listLoads', 'listTables', 'pageRows', 'query', 'incrementalState', 'resetIncremental', 'listSecrets',
  'setSecret', 'deleteSecret', 'exportSource', 'importSource',
];

export function stubHost(overrides: Partial<Host> = {}): Host {
  const host = {} as Record<string, unknown>;
  for (const m of METHODS) {
    host[m] = () => Promise.reject({ code: 'internal', message: `${m} is not in this test double`, details: null });
  }
  return { ...(host as unknown as Host), ...overrides };
}
