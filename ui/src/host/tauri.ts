// The real host: every Host method is one command of src-tauri/src/commands/ (argument names are
// the wire's snake_case). Rejections are always IpcError objects.
import { Channel, invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { open } from '@tauri-apps/plugin-dialog';
import { openUrl } from '@tauri-apps/plugin-opener';
import type { Host, IpcError, IpcErrorCode, RunEvent, RunHandle, RunSummary } from './types';

const CODES: ReadonlySet<IpcErrorCode> = new Set<IpcErrorCode>([
  'validation',
  'not_found',
  'auth',
  'network',
  'cancelled',
  'internal',
]);

/** Whatever a command rejected with, as an IpcError (a Rust IpcError passes through as is). */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const { code, message, details } = e as { code: unknown; message: unknown; details?: unknown };
    if (typeof code === 'string' && CODES.has(code as IpcErrorCode) && typeof message === 'string') {
      return { code: code as IpcErrorCode, message, details: details ?? null };
    }
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : JSON.stringify(e);
  return { code: 'internal', message, details: null };
}

async function call<T>(cmd: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

export function createTauriHost(): Host {
  return {
    appInfo: () => call('app_info'),
    onCloseRequested(confirm) {
      // Tauri awaits the handler, then destroys the window unless it was prevented (needs
      // core:window:allow-destroy). Registration is async: a guard removed before it finished
      // unlistens as soon as it does.
      let unlisten: (() => void) | null = null;
      let removed = false;
      void getCurrentWindow()
        .onCloseRequested(async (event) => {
          if (!(await confirm())) event.preventDefault();
        })
        .then((u) => (removed ? u() : (unlisten = u)));
      return () => {
        removed = true;
        unlisten?.();
      };
    },

    openExternal: async (url) => {
      try {
        await openUrl(url);
      } catch (e) {
        throw toIpcError(e);
      }
    },

    // Native pickers (tauri-plugin-dialog, capability dialog:allow-open): one path or null.
    pickFile: async (filters) => {
      try {
        return await open({ multiple: false, directory: false, filters });
      } catch (e) {
        throw toIpcError(e);
      }
    },
    pickFolder: async () => {
      try {
        return await open({ multiple: false, directory: true });
      } catch (e) {
        throw toIpcError(e);
      }
    },
    readTextFile: (path) => call('read_text_file', { path }),

    listRecent: () => call('list_recent'),
    openSource: (path) => call('open_source', { path }),
    saveSource: (path, document, format) => call('save_source', { path, document, format }),
    validate: (document) => call('validate', { document }),
    schema: () => call('schema'),

    // The whole request goes over, so parents, parent_records and preview_id reach the command.
    preview: (request) => call('preview', { request }),
    cancelPreview: (preview_id) => call<void>('cancel_preview', { preview_id }),
    async startRun(request, onEvent): Promise<RunHandle> {
      // Events stream over the channel; the outcome comes from wait_run, which the backend
      // answers only after the last event was sent.
      const on_event = new Channel<RunEvent>(onEvent);
      const run_id = await call<string>('start_run', { request, on_event });
      const done = call<RunSummary>('wait_run', { run_id });
      return { run_id, done, cancel: () => call<void>('cancel_run', { run_id }) };
    },
    listLoads: (db) => call('list_loads', { db }),

    listTables: (db) => call('list_tables', { db }),
    pageRows: (db, table, offset, limit) => call('page_rows', { db, table, offset, limit }),
    query: (db, sql) => call('query', { db, sql }),
    incrementalState: (db, pipeline, source_name) =>
      call('incremental_state', { db, pipeline, source_name }),
    resetIncremental: (db, pipeline, source_name, resource) =>
      call('reset_incremental', { db, pipeline, source_name, resource }),

    listSecrets: (source_path) => call('list_secrets', { source_path }),
    setSecret: (source_name, name, value) => call('set_secret', { source_name, name, value }),
    deleteSecret: (source_name, name) => call('delete_secret', { source_name, name }),

    exportPlan: (source_path, to, out_dir) => call('export_plan', { source_path, to, out_dir }),
    exportSource: (source_path, to, out_dir) => call('export_source', { source_path, to, out_dir }),
    importSource: (text, from) => call('import_source', { text, from }),
  };
}
