import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import type { Channel } from '@tauri-apps/api/core';
import { createTauriHost, toIpcError } from './tauri';
import type { RunEvent, RunSummary } from './types';

afterEach(() => clearMocks());

type Call = { cmd: string; args: Record<string, unknown> };

function record(answer: (c: Call) => unknown = () => null): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const call = { cmd, args: (args ?? {}) as Record<string, unknown> };
    calls.push(call);
    return answer(call);
  });
  return calls;
}

describe('tauri host', () => {
  it('calls each command with snake_case arguments', async () => {
    const calls = record();
    const host = createTauriHost();
    const doc = { client: { base_url: 'https://x/' }, resources: ['a'] };
    await host.appInfo();
    await host.listRecent();
    await host.openSource('/s.json');
    await host.saveSource('/s.json', doc, 'json');
    await host.validate(doc);
    await host.schema();
    const preview = { document: doc, source_name: 's', source_path: null, resource: 'a', pages: 3, records: 100 };
    await host.preview({ ...preview, parents: 2, parent_records: [{ id: 7 }], preview_id: 'p-1' });
    await host.cancelPreview('p-1');
    await host.listLoads('/d.sqlite');
    await host.listTables('/d.sqlite');
    await host.pageRows('/d.sqlite', 'a', 10, 50);
    await host.query('/d.sqlite', 'SELECT 1');
    await host.incrementalState('/d.sqlite', 'p', 's');
    await host.resetIncremental('/d.sqlite', 'p', 's', 'a');
    await host.listSecrets('/s.json');
    await host.setSecret('s', 'token', 'v');
    await host.deleteSecret('s', 'token');
    await host.exportPlan('/s.json', 'yaml', '/out');
    await host.exportSource('/s.json', 'python', '/out');
    await host.importSource('curl x', 'curl');
    expect(calls).toEqual([
      { cmd: 'app_info', args: {} },
      { cmd: 'list_recent', args: {} },
      { cmd: 'open_source', args: { path: '/s.json' } },
      { cmd: 'save_source', args: { path: '/s.json', document: doc, format: 'json' } },
      { cmd: 'validate', args: { document: doc } },
      { cmd: 'schema', args: {} },
      {
        cmd: 'preview',
        args: { request: { ...preview, parents: 2, parent_records: [{ id: 7 }], preview_id: 'p-1' } },
      },
      { cmd: 'cancel_preview', args: { preview_id: 'p-1' } },
      { cmd: 'list_loads', args: { db: '/d.sqlite' } },
      { cmd: 'list_tables', args: { db: '/d.sqlite' } },
      { cmd: 'page_rows', args: { db: '/d.sqlite', table: 'a', offset: 10, limit: 50 } },
      { cmd: 'query', args: { db: '/d.sqlite', sql: 'SELECT 1' } },
      { cmd: 'incremental_state', args: { db: '/d.sqlite', pipeline: 'p', source_name: 's' } },
      { cmd: 'reset_incremental', args: { db: '/d.sqlite', pipeline: 'p', source_name: 's', resource: 'a' } },
      { cmd: 'list_secrets', args: { source_path: '/s.json' } },
      { cmd: 'set_secret', args: { source_name: 's', name: 'token', value: 'v' } },
      { cmd: 'delete_secret', args: { source_name: 's', name: 'token' } },
      { cmd: 'export_plan', args: { source_path: '/s.json', to: 'yaml', out_dir: '/out' } },
      { cmd: 'export_source', args: { source_path: '/s.json', to: 'python', out_dir: '/out' } },
      { cmd: 'import_source', args: { text: 'curl x', from: 'curl' } },
    ]);
  });

  it('picks files and folders with the dialog plugin and reads picked text files', async () => {
    const calls = record(({ cmd, args }) => {
      if (cmd === 'plugin:dialog|open') {
        const options = args.options as { directory?: boolean };
        return options.directory ? '/home/ada/out' : '/home/ada/api.yaml';
      }
      if (cmd === 'read_text_file') return 'openapi: 3.0.0';
      return null;
    });
    const host = createTauriHost();
    const filters = [{ name: 'Sources', extensions: ['json', 'yaml'] }];
    expect(await host.pickFile?.(filters)).toBe('/home/ada/api.yaml');
    expect(await host.pickFolder?.()).toBe('/home/ada/out');
    expect(await host.readTextFile?.('/home/ada/api.yaml')).toBe('openapi: 3.0.0');
    expect(calls).toEqual([
      { cmd: 'plugin:dialog|open', args: { options: { multiple: false, directory: false, filters } } },
      { cmd: 'plugin:dialog|open', args: { options: { multiple: false, directory: true } } },
      { cmd: 'read_text_file', args: { path: '/home/ada/api.yaml' } },
    ]);
  });

  it('resolves null when the user cancels a picker', async () => {
    record(() => null);
    expect(await createTauriHost().pickFolder?.()).toBeNull();
  });

  it('streams run events over a channel, then resolves done from wait_run', async () => {
    const summary: RunSummary = { pipeline: 'demo', load_id: '1.5', rows: { posts: 3 }, elapsed_ms: 9 };
    const calls = record(({ cmd, args }) => {
      if (cmd === 'start_run') {
        const channel = args.on_event as Channel<RunEvent>;
        channel.onmessage({ event: 'resource_started', resource: 'posts' });
        return 'run-7';
      }
      if (cmd === 'wait_run') return summary;
      return null;
    });
    const events: RunEvent[] = [];
    const request = { source_path: '/demo.json', db: null, resources: [], full_refresh: false };
    const handle = await createTauriHost().startRun(request, (e) => events.push(e));
    expect(handle.run_id).toBe('run-7');
    expect(await handle.done).toEqual(summary);
    expect(events).toEqual([{ event: 'resource_started', resource: 'posts' }]);
    await handle.cancel();
    expect(calls.map((c) => c.cmd)).toEqual(['start_run', 'wait_run', 'cancel_run']);
    expect(calls[0].args.request).toEqual(request);
    expect(calls[1].args).toEqual({ run_id: 'run-7' });
    expect(calls[2].args).toEqual({ run_id: 'run-7' });
  });

  it('rejects with IpcError objects', async () => {
    record(({ cmd }) => {
      if (cmd === 'open_source') throw { code: 'not_found', message: '/x.json: no such file', details: null };
      throw new Error('boom');
    });
    const host = createTauriHost();
    await expect(host.openSource('/x.json')).rejects.toEqual({
      code: 'not_found',
      message: '/x.json: no such file',
      details: null,
    });
    await expect(host.listRecent()).rejects.toEqual({ code: 'internal', message: 'boom', details: null });
  });

  it('normalises anything thrown into an IpcError', () => {
    expect(toIpcError('plain')).toEqual({ code: 'internal', message: 'plain', details: null });
    expect(toIpcError({ code: 'weird', message: 'x' })).toEqual({
      code: 'internal',
      message: '{"code":"weird","message":"x"}',
      details: null,
    });
    expect(toIpcError({ code: 'auth', message: 'no token' })).toEqual({ code: 'auth', message: 'no token', details: null });
  });
});
