// An in-memory host for browser e2e tests, feature tests and running the UI without Tauri.
// Every method behaves like the real command: same shapes, same error codes, no backend.
//
// What it holds (data in ./fake/):
// - two source files, quick_example.json and github.yaml (copies of the config fixtures), both in
//   the recent list; saving writes back into memory in the file's format;
// - previews of three pages of four records each; a resource without a configured paginator
//   (every resource of github.yaml) carries a paginator detection;
// - runs that stream page events over about a second (`runMs`) then resolve with a summary and add
//   a load; `cancel()` rejects `done` with a `cancelled` IpcError;
// - one database (any `db` path) with `posts`, its child table `posts__tags`, `comments`, dlt's
//   system tables, two loads and a stored cursor for `posts`;
// - secrets: `github_token` from the environment, `your_api_token` missing until set.
import type {
  AppInfo,
  CursorState,
  Host,
  ImportResult,
  IpcError,
  IpcErrorCode,
  Problem,
  RecentSource,
  RunEvent,
  RunHandle,
  RunSummary,
  SecretStatus,
  SourceDocument,
  SourceFile,
  SourceFormat,
  ValidationResult,
} from './types';
import { fakeDatabase, load } from './fake/data';
import { findResource, fakePreview } from './fake/preview';
import { GITHUB_PATH, QUICK_EXAMPLE_PATH, fakeFiles } from './fake/sources';
import { toYaml } from './fake/yaml';

export { GITHUB_PATH, QUICK_EXAMPLE_PATH } from './fake/sources';
export { FAKE_DETECTION } from './fake/preview';

export const FAKE_APP_INFO: AppInfo = {
  name: 'Pipewright',
  version: '0.0.0-fake',
  engine_version: '0.0.0-fake',
};

export interface FakeHostOptions {
  /** How long a run takes, in ms (default 1000); its events are spread over it. */
  runMs?: number;
}

function fail(code: IpcErrorCode, message: string, details: unknown = null): Promise<never> {
  const err: IpcError = { code, message, details };
  return Promise.reject(err);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

function stem(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.(json|ya?ml)$/i, '');
}

const TOP_LEVEL_KEYS = ['client', 'resources', 'resource_defaults'];

function resourceEntries(doc: SourceDocument): unknown[] {
  return Array.isArray(doc.resources) ? doc.resources : [];
}

function resourceName(entry: unknown): string | null {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object' && typeof (entry as { name?: unknown }).name === 'string') {
    return (entry as { name: string }).name;
  }
  return null;
}

/** A few of the engine's checks, with its paths and wording. */
export function fakeValidate(doc: SourceDocument): ValidationResult {
  const problems: Problem[] = [];
  const error = (path: string, message: string) => problems.push({ path, message, severity: 'error' });
  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      error('<root>', `unexpected field '${key}'; expected one of: ${TOP_LEVEL_KEYS.join(', ')}`);
    }
  }
  const client = doc.client as Record<string, unknown> | undefined;
  if (!client || typeof client !== 'object') error('client', 'missing field `client`');
  else if (typeof client.base_url !== 'string' || client.base_url === '') error('client', 'missing field `base_url`');
  const entries = resourceEntries(doc);
  if (entries.length === 0) error('resources', 'a source needs at least one resource');
  entries.forEach((entry, i) => {
    if (resourceName(entry) === null) error(`resources[${i}]`, 'missing field `name`');
    else if (entry && typeof entry === 'object' && 'params' in entry) {
      error(`resources[${i}]`, "unexpected field 'params' (did you mean endpoint.params?)");
    }
  });
  const auth = client?.auth as Record<string, unknown> | undefined;
  for (const field of ['token', 'api_key', 'password']) {
    const v = auth?.[field];
    if (typeof v === 'string' && !v.includes('{secrets.')) {
      problems.push({
        path: `client.auth.${field}`,
        message: 'literal secret in the source; use a {secrets.NAME} reference',
        severity: 'warning',
      });
    }
  }
  const valid = problems.every((p) => p.severity !== 'error');
  return { valid, problems, summary: valid ? summarize(doc) : null };
}

function summarize(doc: SourceDocument): string {
  const clientPaginator = (doc.client as { paginator?: { type?: string } | string } | undefined)?.paginator;
  const parts = resourceEntries(doc).map((entry) => {
    const name = resourceName(entry) ?? '?';
    const endpoint = entry && typeof entry === 'object' ? (entry as { endpoint?: unknown }).endpoint : undefined;
    const path = typeof endpoint === 'string' ? endpoint : (endpoint as { path?: string } | undefined)?.path;
    const parent = path ? /\{resources\.([A-Za-z0-9_]+)\./.exec(path)?.[1] : undefined;
    const own = (endpoint as { paginator?: { type?: string } | string } | undefined)?.paginator;
    const p = own ?? clientPaginator;
    const paginator = typeof p === 'string' ? p : (p?.type ?? 'auto');
    return `${name}${parent ? ` <- ${parent}` : ''} (paginator ${paginator})`;
  });
  return `${parts.length} resource${parts.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

function secretNames(doc: SourceDocument): string[] {
  const names: string[] = [];
  for (const m of JSON.stringify(doc).matchAll(/\{secrets\.([A-Za-z0-9_.-]+)\}/g)) {
    if (!names.includes(m[1])) names.push(m[1]);
  }
  return names;
}

const FAKE_SCHEMA: Record<string, unknown> = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'RESTAPIConfig',
  type: 'object',
  required: ['client', 'resources'],
  additionalProperties: false,
  properties: {
    client: {
      type: 'object',
      required: ['base_url'],
      properties: { base_url: { type: 'string' }, auth: {}, headers: { type: 'object' }, paginator: {} },
    },
    resource_defaults: { type: 'object' },
    resources: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'object', required: ['name'] }] } },
  },
};

/** In-memory host for browser tests and for running the UI without Tauri. */
export function createFakeHost(overrides: Partial<AppInfo> = {}, options: FakeHostOptions = {}): Host {
  const runMs = options.runMs ?? 1000;
  const files = fakeFiles();
  const db = fakeDatabase();
  const keychain = new Map<string, string>();
  const environment = new Map<string, string>([['github/github_token', '$SOURCES__GITHUB__GITHUB_TOKEN']]);
  let recent: RecentSource[] = [
    { path: QUICK_EXAMPLE_PATH, name: 'quick_example', opened_at: '2024-05-31T16:30:00.000000Z' },
    { path: GITHUB_PATH, name: 'github', opened_at: '2024-05-30T09:12:00.000000Z' },
  ];
  let runs = 0;

  function sourceFile(path: string): SourceFile {
    const f = files.get(path);
    if (!f) throw new Error(`no file ${path}`);
    return { path, name: stem(path), format: f.format, document: clone(f.document), text: f.text };
  }

  function remember(path: string) {
    recent = [{ path, name: stem(path), opened_at: new Date().toISOString() }, ...recent.filter((r) => r.path !== path)];
  }

  return {
    appInfo: async () => ({ ...FAKE_APP_INFO, ...overrides }),

    listRecent: async () => clone(recent),
    async openSource(path) {
      if (!files.has(path)) return fail('not_found', `${path}: No such file or directory (os error 2)`);
      remember(path);
      return sourceFile(path);
    },
    async saveSource(path, document, format: SourceFormat) {
      if (!path.startsWith('/')) return fail('validation', `${path}: give an absolute path`);
      const text = format === 'json' ? `${JSON.stringify(document, null, 2)}\n` : toYaml(document);
      files.set(path, { format, document: clone(document), text });
      remember(path);
      return sourceFile(path);
    },
    validate: async (document) => fakeValidate(document),
    schema: async () => clone(FAKE_SCHEMA),

    async preview(request) {
      const check = fakeValidate(request.document);
      if (!check.valid) {
        const first = check.problems.find((p) => p.severity === 'error');
        return fail('validation', `${first?.path}: ${first?.message}`, check.problems.filter((p) => p.severity === 'error'));
      }
      const resource = findResource(request.document, request.resource);
      if (!resource) {
        const names = resourceEntries(request.document).map(resourceName).join(', ');
        return fail('validation', `resources: no resource named '${request.resource}'; resources are: ${names}`, [
          { path: 'resources', message: `no resource named '${request.resource}'`, severity: 'error' },
        ]);
      }
      return fakePreview(request, resource);
    },

    async startRun(request, onEvent: (e: RunEvent) => void): Promise<RunHandle> {
      const file = files.get(request.source_path);
      if (!file) return fail('not_found', `${request.source_path}: No such file or directory (os error 2)`);
      const all = resourceEntries(file.document).map(resourceName).filter((n): n is string => n !== null);
      const selected = request.resources.length > 0 ? all.filter((n) => request.resources.includes(n)) : all;
      const run_id = `run-${++runs}`;
      const base = String((file.document.client as { base_url?: unknown } | undefined)?.base_url ?? '');
      // Per resource: started, three pages, done; spread evenly over runMs.
      const events: RunEvent[] = selected.flatMap((resource): RunEvent[] => [
        { event: 'resource_started', resource },
        ...[1, 2, 3].map(
          (page): RunEvent => ({
            event: 'page',
            resource,
            records: page === 3 ? 2 : 4,
            url: `${base}${resource}${page > 1 ? `?page=${page}` : ''}`,
            retries: 0,
            elapsed_ms: 60 + page * 10,
          }),
        ),
        { event: 'sequence_done', resource, stop: 'no_next_link' },
      ]);
      const step = events.length > 0 ? runMs / events.length : runMs;
      const timers: ReturnType<typeof setTimeout>[] = [];
      let settle: { resolve: (s: RunSummary) => void; reject: (e: IpcError) => void } | null = null;
      const done = new Promise<RunSummary>((resolve, reject) => {
        settle = { resolve, reject };
      });
      const started = Date.now();
      events.forEach((e, i) => timers.push(setTimeout(() => onEvent(e), Math.round(step * i))));
      timers.push(
        setTimeout(() => {
          const loadId = `${(Date.now() / 1000).toFixed(6)}`;
          db.loads.push(load(loadId, new Date().toISOString().replace('T', ' ').replace('Z', '+00:00')));
          const rows: Record<string, number> = {};
          for (const r of selected) rows[r] = 10;
          if (selected.includes('posts')) rows.posts__tags = 10;
          settle?.resolve({ pipeline: stem(request.source_path), load_id: loadId, rows, elapsed_ms: Date.now() - started });
          settle = null;
        }, runMs),
      );
      return {
        run_id,
        done,
        cancel: async () => {
          timers.forEach(clearTimeout);
          settle?.reject({ code: 'cancelled', message: 'cancelled', details: null });
          settle = null;
        },
      };
    },
    listLoads: async () => clone(db.loads),

    listTables: async () => db.tables.map((t) => ({ name: t.name, parent: t.parent, rows: t.rows.length })),
    async pageRows(dbPath, table, offset, limit) {
      const t = db.tables.find((x) => x.name === table);
      if (!t) return fail('not_found', `no table \`${table}\` in ${dbPath}`);
      const n = Math.min(Math.max(0, limit), 1000);
      return { columns: [...t.columns], rows: clone(t.rows.slice(offset, offset + n)), total: t.rows.length };
    },
    async query(_db, sql) {
      if (!/^\s*(select|with|pragma|explain)\b/i.test(sql)) {
        return fail('validation', 'only read-only statements (SELECT, read-only PRAGMA, EXPLAIN) can run here');
      }
      const from = /\bfrom\s+"?([A-Za-z0-9_]+)"?/i.exec(sql)?.[1];
      const t = db.tables.find((x) => x.name === from);
      if (!t) return fail('validation', `SQLite: no such table: ${from ?? '?'}`);
      const limit = Number(/\blimit\s+(\d+)/i.exec(sql)?.[1] ?? 10000);
      return { columns: [...t.columns], rows: clone(t.rows.slice(0, Math.min(limit, 10000))), truncated: false };
    },
    incrementalState: async (): Promise<CursorState[]> => clone(db.cursors),
    async resetIncremental(_db, pipeline, _source, resource) {
      const before = db.cursors.length;
      db.cursors = db.cursors.filter((c) => c.resource !== resource);
      if (db.cursors.length === before) {
        return fail('not_found', `${resource} has no stored incremental state in pipeline ${pipeline}`);
      }
    },

    async listSecrets(source_path): Promise<SecretStatus[]> {
      const file = files.get(source_path);
      if (!file) return fail('not_found', `${source_path}: No such file or directory (os error 2)`);
      const source = stem(source_path);
      return secretNames(file.document).map((name) => {
        const key = `${source}/${name}`;
        if (environment.has(key)) return { name, resolves_from: 'environment', place: environment.get(key) ?? null };
        if (keychain.has(key)) return { name, resolves_from: 'keychain', place: `keychain pipewright/${key}` };
        return { name, resolves_from: 'missing', place: null };
      });
    },
    async setSecret(source_name, name, value) {
      if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
        return fail('validation', `'${name}' is not a secret name: use letters, digits, '_', '-' or '.'`);
      }
      if (value === '') return fail('validation', 'empty value: nothing stored');
      keychain.set(`${source_name}/${name}`, value);
    },
    async deleteSecret(source_name, name) {
      if (!keychain.delete(`${source_name}/${name}`)) {
        return fail('not_found', `{secrets.${name}} of ${source_name} is not in keychain pipewright/${source_name}/${name}`);
      }
    },

    async exportSource(source_path, to, out_dir) {
      const file = files.get(source_path);
      if (!file) return fail('not_found', `${source_path}: No such file or directory (os error 2)`);
      const check = fakeValidate(file.document);
      if (!check.valid) return fail('validation', `the source is invalid (${check.problems.length} problem(s))`, check.problems);
      const name = stem(source_path);
      const dir = out_dir.replace(/\/+$/, '');
      if (to === 'python') {
        return [`${name}_pipeline.py`, '.dlt/config.toml', '.dlt/secrets.toml', 'requirements.txt', 'README.md'].map(
          (f) => `${dir}/${f}`,
        );
      }
      return [`${dir}/${name}.${to}`];
    },
    async importSource(text, from): Promise<ImportResult> {
      const trimmed = text.trim();
      if (from === 'curl' || (from === 'auto' && trimmed.startsWith('curl'))) {
        const url = /https?:\/\/[^\s'"]+/.exec(trimmed)?.[0];
        if (!url) return fail('validation', 'no URL in the curl command');
        const u = new URL(url);
        const path = u.pathname.replace(/^\/+/, '');
        const name = path.split('/').filter(Boolean).pop() ?? 'resource';
        const document: SourceDocument = { client: { base_url: `${u.origin}/` }, resources: [{ name, endpoint: { path } }] };
        return {
          document,
          notes: [`client.base_url: the URL's origin ${u.origin}/`, `resources[0].name: the last path segment '${name}'`],
          validation: fakeValidate(document),
        };
      }
      try {
        const document = JSON.parse(trimmed) as SourceDocument;
        return { document, notes: [], validation: fakeValidate(document) };
      } catch (e) {
        return fail('validation', `JSON syntax error at line 1: ${(e as Error).message}`, { format: 'JSON', line: 1 });
      }
    },
  };
}
