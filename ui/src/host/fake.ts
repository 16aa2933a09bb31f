// An in-memory host for browser e2e tests, feature tests and running the UI without Tauri.
// Every method behaves like the real command: same shapes, same error codes, no backend.
//
// What it holds (data in ./fake/):
// - two source files, quick_example.json and github.yaml (copies of the config fixtures), both in
//   the recent list; saving writes back into memory in the file's format;
// - previews of three pages of four records each; a resource without a configured paginator
//   (every resource of github.yaml) carries a paginator detection; a child is previewed once per
//   parent record (the first `parents`, or the `parent_records` given); `cancelPreview` stops a
//   preview between pages (slow them down with `previewPageMs`);
// - runs that stream the engine's events (requests, a retry on a 503, pages, child sequences, rows
//   per table; see ./fake/runs.ts) over about a second (`runMs`), then resolve with a summary and
//   add a load; github.yaml's run fails on a 502; `cancel()` emits run_failed and rejects `done`
//   with a `cancelled` IpcError;
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
import { fakeRunScript } from './fake/runs';
import { traced } from './fake/trace';
import { fakeSelect } from './fake/sql';
import { createFakeExporter } from './fake/exporter';
import { fakeImportConfig, fakeImportCurl, fakeImportOpenapi, looksOpenapi, type FakeImport } from './fake/importer';
import { findResource, fakePreview } from './fake/preview';
import { GITHUB_PATH, QUICK_EXAMPLE_PATH, fakeFiles } from './fake/sources';
import { toYaml } from './fake/yaml';
import { addCloseGuard } from './fake/window';
import ENGINE_SCHEMA_TEXT from './fake/schema.json?raw';

export { GITHUB_PATH, QUICK_EXAMPLE_PATH } from './fake/sources';
export { FAKE_DETECTION } from './fake/preview';

export const FAKE_APP_INFO: AppInfo = {
  name: 'Pipewright',
  version: '0.0.0-fake',
  engine_version: '0.0.0-fake',
};

export interface FakeHostOptions {
  /** How long a run takes, in ms (default 1000); its events are spread over it. Read at each run. */
  runMs?: number;
  /** Records per page of a preview (default 4). Read at each preview, like `previewPageMs`, so a
   * browser test can change them between previews through the object it passed. */
  previewPageSize?: number;
  /** How long each preview page takes, in ms (default 0); a slow preview can be cancelled. */
  previewPageMs?: number;
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
    const endpoint = entry && typeof entry === 'object' ? (entry as { endpoint?: unknown }).endpoint : undefined;
    const path = typeof endpoint === 'string' ? endpoint : (endpoint as { path?: unknown } | undefined)?.path;
    const names = entries.map(resourceName);
    for (const m of typeof path === 'string' ? path.matchAll(/\{resources\.([^.{}]+)\.([^{}]+)\}/g) : []) {
      if (!names.includes(m[1])) {
        error(`resources[${i}].endpoint.path`, `placeholder '${m[0]}' refers to unknown resource '${m[1]}'`);
      }
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

// The engine's JSON Schema as `pipewright schema` prints it (regenerate fake/schema.json with
// `target/debug/pipewright schema > ui/src/host/fake/schema.json`): the forms' inline help and
// the code view's completions read it.
const FAKE_SCHEMA = JSON.parse(ENGINE_SCHEMA_TEXT) as Record<string, unknown>;

/** In-memory host for browser tests and for running the UI without Tauri. */
export function createFakeHost(overrides: Partial<AppInfo> = {}, options: FakeHostOptions = {}): Host {
  const files = fakeFiles();
  const db = fakeDatabase();
  const exporter = createFakeExporter();
  const keychain = new Map<string, string>();
  const environment = new Map<string, string>([['github/github_token', '$SOURCES__GITHUB__GITHUB_TOKEN']]);
  let recent: RecentSource[] = [
    { path: QUICK_EXAMPLE_PATH, name: 'quick_example', opened_at: '2024-05-31T16:30:00.000000Z' },
    { path: GITHUB_PATH, name: 'github', opened_at: '2024-05-30T09:12:00.000000Z' },
  ];
  let runs = 0;
  // Previews asked to stop; each checks its own id between pages.
  const cancelledPreviews = new Set<string>();

  function sourceFile(path: string): SourceFile {
    const f = files.get(path);
    if (!f) throw new Error(`no file ${path}`);
    return { path, name: stem(path), format: f.format, document: clone(f.document), text: f.text };
  }

  function remember(path: string) {
    recent = [{ path, name: stem(path), opened_at: new Date().toISOString() }, ...recent.filter((r) => r.path !== path)];
  }

  return traced({
    appInfo: async () => ({ ...FAKE_APP_INFO, ...overrides }),
    onCloseRequested: addCloseGuard,

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
      const id = request.preview_id;
      try {
        return await fakePreview(request, resource, {
          pageSize: options.previewPageSize ?? 4,
          pageMs: options.previewPageMs ?? 0,
          cancelled: () => id !== null && cancelledPreviews.has(id),
        });
      } finally {
        if (id !== null) cancelledPreviews.delete(id);
      }
    },
    async cancelPreview(preview_id) {
      cancelledPreviews.add(preview_id);
    },

    async startRun(request, onEvent: (e: RunEvent) => void): Promise<RunHandle> {
      const file = files.get(request.source_path);
      if (!file) return fail('not_found', `${request.source_path}: No such file or directory (os error 2)`);
      const all = resourceEntries(file.document).map(resourceName).filter((n): n is string => n !== null);
      const selected = request.resources.length > 0 ? all.filter((n) => request.resources.includes(n)) : all;
      const run_id = `run-${++runs}`;
      const base = String((file.document.client as { base_url?: unknown } | undefined)?.base_url ?? '');
      const pipeline = stem(request.source_path);
      const script = fakeRunScript(file.document, pipeline, selected, base);
      // The events are spread evenly over runMs; the outcome comes at runMs. Read per run, so a
      // browser test can slow a run down through the options object it passed.
      const runMs = options.runMs ?? 1000;
      const step = script.events.length > 0 ? runMs / script.events.length : runMs;
      const timers: ReturnType<typeof setTimeout>[] = [];
      let settle: { resolve: (s: RunSummary) => void; reject: (e: IpcError) => void } | null = null;
      const done = new Promise<RunSummary>((resolve, reject) => {
        settle = { resolve, reject };
      });
      const started = Date.now();
      script.events.forEach((e, i) => timers.push(setTimeout(() => onEvent(e), Math.round(step * i))));
      timers.push(
        setTimeout(() => {
          const outcome = script.outcome;
          if (!outcome.ok) {
            settle?.reject({ code: 'network', message: outcome.error, details: null });
          } else {
            const loadId = `${(Date.now() / 1000).toFixed(6)}`;
            db.loads.push(load(loadId, new Date().toISOString().replace('T', ' ').replace('Z', '+00:00')));
            const summary: RunSummary = { pipeline, load_id: loadId, rows: outcome.rows, elapsed_ms: Date.now() - started };
            onEvent({ event: 'run_finished', summary });
            settle?.resolve(summary);
          }
          settle = null;
        }, runMs),
      );
      return {
        run_id,
        done,
        cancel: async () => {
          if (!settle) return;
          timers.forEach(clearTimeout);
          onEvent({ event: 'run_failed', error: 'cancelled', cancelled: true });
          settle.reject({ code: 'cancelled', message: 'cancelled', details: null });
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
      return clone(fakeSelect(t, sql));
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

    async exportPlan(source_path, to, out_dir) {
      const file = files.get(source_path);
      if (!file) return fail('not_found', `${source_path}: No such file or directory (os error 2)`);
      const errors = fakeValidate(file.document).problems.filter((p) => p.severity === 'error');
      return exporter.plan(file.document, stem(source_path), to, out_dir, errors);
    },
    async exportSource(source_path, to, out_dir) {
      const file = files.get(source_path);
      if (!file) return fail('not_found', `${source_path}: No such file or directory (os error 2)`);
      const errors = fakeValidate(file.document).problems.filter((p) => p.severity === 'error');
      const out = exporter.write(file.document, stem(source_path), to, out_dir, errors);
      if ('refused' in out) {
        const { refused } = out;
        return fail('validation', refused.refused ?? 'refused', refused.problems.length > 0 ? refused.problems : refused.leaks);
      }
      return out.files;
    },
    async importSource(text, from): Promise<ImportResult> {
      const trimmed = text.trim();
      const withValidation = (i: FakeImport): ImportResult => ({ ...i, validation: fakeValidate(i.document) });
      if (from === 'curl' || (from === 'auto' && trimmed.startsWith('curl'))) {
        const i = fakeImportCurl(trimmed);
        return i ? withValidation(i) : fail('validation', 'no URL in the curl command');
      }
      if (from === 'openapi' || (from === 'auto' && looksOpenapi(trimmed))) {
        try {
          const i = fakeImportOpenapi(trimmed);
          if (i.endpoints.length === 0) return fail('validation', 'no GET operation of the description returns a list of records');
          return withValidation(i);
        } catch (e) {
          return fail('validation', `YAML syntax error at line 1: ${(e as Error).message}`, { format: 'YAML', line: 1 });
        }
      }
      if (from === 'python') return fail('validation', 'the fake host reads no Python: paste the config dict as JSON');
      const document = fakeImportConfig(trimmed);
      if (!document) return fail('validation', 'JSON syntax error at line 1: not a JSON or YAML object', { format: 'JSON', line: 1 });
      return withValidation({ document, notes: [], endpoints: [] });
    },
  });
}
