// A Host for the designer's tests: files in memory, a recent list, secrets by name, and a
// validate() that finds a few problems the way the engine spells them. Every call is recorded.
import type { Host, Problem, SecretStatus, SourceDocument, SourceFile, SourceFormat, ValidationResult } from '../host';

export interface TestHost extends Host {
  calls: { method: string; args: unknown[] }[];
  files: Map<string, SourceFile>;
  secrets: Map<string, string>;
  /** Replace to script validation results. */
  problemsFor: (doc: SourceDocument) => Problem[];
}

function stem(path: string): string {
  return (path.split('/').pop() ?? path).replace(/\.(json|ya?ml)$/i, '');
}

/** Problems like the engine's, enough for tests: jq syntax and unknown parents. */
export function simpleProblems(doc: SourceDocument): Problem[] {
  const out: Problem[] = [];
  const resources = Array.isArray(doc.resources) ? doc.resources : [];
  const names = resources.map((r) => (typeof r === 'string' ? r : String((r as { name?: unknown }).name ?? '')));
  resources.forEach((r, i) => {
    if (typeof r !== 'object' || r === null) return;
    const res = r as Record<string, unknown>;
    const steps = Array.isArray(res.processing_steps) ? res.processing_steps : [];
    steps.forEach((s, j) => {
      for (const [kind, expr] of Object.entries(s as Record<string, unknown>)) {
        const text = String(expr);
        const open = (text.match(/\(/g) ?? []).length;
        const close = (text.match(/\)/g) ?? []).length;
        if (open !== close || /[<>=]\s*$/.test(text)) {
          out.push({ path: `resources[${i}].processing_steps[${j}].${kind}`, message: `jq expression '${text}': cannot parse (1 syntax error)`, severity: 'error' });
        }
      }
    });
    const ep = res.endpoint as Record<string, unknown> | string | undefined;
    const path = typeof ep === 'string' ? ep : typeof ep?.path === 'string' ? ep.path : '';
    for (const m of path.matchAll(/\{resources\.([^.{}]+)\./g)) {
      if (!names.includes(m[1])) {
        out.push({ path: `resources[${i}].endpoint.path`, message: `placeholder refers to unknown resource '${m[1]}'`, severity: 'error' });
      }
    }
  });
  return out;
}

export function createTestHost(initial: SourceFile[] = []): TestHost {
  const calls: TestHost['calls'] = [];
  const files = new Map(initial.map((f) => [f.path, f]));
  const secrets = new Map<string, string>();
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const host: TestHost = {
    calls,
    files,
    secrets,
    problemsFor: simpleProblems,
    async appInfo() {
      return { name: 'Pipewright', version: '1.0.0-test', engine_version: '1.0.0-test' };
    },
    async listRecent() {
      record('listRecent');
      return [...files.values()].map((f) => ({ path: f.path, name: f.name, opened_at: '2026-01-01T00:00:00Z' }));
    },
    async openSource(path) {
      record('openSource', path);
      const f = files.get(path);
      if (!f) throw { code: 'not_found', message: `no such file: ${path}`, details: null };
      return structuredClone(f);
    },
    async saveSource(path: string, document: SourceDocument, format: SourceFormat) {
      record('saveSource', path, document, format);
      const file: SourceFile = { path, name: stem(path), format, document: structuredClone(document), text: JSON.stringify(document, null, 2) };
      files.set(path, file);
      return structuredClone(file);
    },
    async validate(document): Promise<ValidationResult> {
      record('validate', document);
      const problems = host.problemsFor(document);
      return { valid: problems.every((p) => p.severity !== 'error'), problems, summary: null };
    },
    async schema() {
      return { type: 'object' };
    },
    async listSecrets(source_path): Promise<SecretStatus[]> {
      record('listSecrets', source_path);
      const name = stem(source_path);
      return [...secrets.keys()]
        .filter((k) => k.startsWith(`${name}/`))
        .map((k) => ({ name: k.slice(name.length + 1), resolves_from: 'keychain', place: 'keychain' }));
    },
    async setSecret(source_name, name, value) {
      record('setSecret', source_name, name, value);
      secrets.set(`${source_name}/${name}`, value);
    },
    async deleteSecret(source_name, name) {
      secrets.delete(`${source_name}/${name}`);
    },
    async importSource(text, from) {
      record('importSource', text, from);
      const document = JSON.parse(text) as SourceDocument;
      return { document, notes: ['guessed the paginator from the example'], endpoints: [], validation: { valid: true, problems: [], summary: null } };
    },
    preview: () => Promise.reject(new Error('not in designer tests')),
    cancelPreview: () => Promise.reject(new Error('not in designer tests')),
    startRun: () => Promise.reject(new Error('not in designer tests')),
    listLoads: async () => [],
    listTables: async () => [],
    pageRows: async () => ({ columns: [], rows: [], total: 0 }),
    query: async () => ({ columns: [], rows: [], truncated: false }),
    incrementalState: async () => [],
    resetIncremental: async () => {},
    exportPlan: async () => ({ files: [], leaks: [], problems: [], notes: [], refused: null }),
    exportSource: async () => [],
  };
  return host;
}

/** Gives a test host the native pickers: `pickFile` and `pickFolder` answer with the given
 * paths (null: the user cancelled), `readTextFile` with `texts[path]`; every call is recorded. */
export function addPickers(
  host: TestHost,
  picks: { file?: string | null; folder?: string | null; texts?: Record<string, string> },
): TestHost {
  const record = (method: string, ...args: unknown[]) => host.calls.push({ method, args });
  host.pickFile = async (filters) => {
    record('pickFile', filters);
    return picks.file ?? null;
  };
  host.pickFolder = async () => {
    record('pickFolder');
    return picks.folder ?? null;
  };
  host.readTextFile = async (path) => {
    record('readTextFile', path);
    const text = picks.texts?.[path];
    if (text === undefined) throw { code: 'not_found', message: `${path}: no such file`, details: null };
    return text;
  };
  return host;
}

export const GITHUB_DOC: SourceDocument = {
  client: { base_url: 'https://api.github.com/repos/o/r/', paginator: 'header_link' },
  resource_defaults: { primary_key: 'id', write_disposition: 'merge' },
  resources: [
    { name: 'issues', endpoint: { path: 'issues', params: { state: 'open' } } },
    { name: 'comments', endpoint: { path: 'issues/{resources.issues.number}/comments' }, include_from_parent: ['id'] },
  ],
};

export function jsonFile(path: string, document: SourceDocument): SourceFile {
  return { path, name: stem(path), format: 'json', document, text: `${JSON.stringify(document, null, 2)}\n` };
}

/** jsdom lacks what React Flow measures with. */
export function installDomStubs() {
  const g = globalThis as unknown as Record<string, unknown>;
  g.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  g.DOMMatrixReadOnly ??= class {
    m22 = 1;
    constructor() {}
  };
}
