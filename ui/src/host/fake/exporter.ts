// Export in the fake host: the plan (files, the leak lint with masked values, refusals) and the
// export itself, which remembers what it "wrote" so that a second plan reports overwrites.
import type { ExportPlan, ExportTarget, Leak, Problem, SourceDocument } from '../types';

const AUTH_SECRETS = ['token', 'api_key', 'password', 'client_secret', 'access_token'];

/** dlt's masking: first and last character, stars between. */
function mask(value: string): string {
  return value.length <= 2 ? '*****' : `${value[0]}*****${value[value.length - 1]}`;
}

/** Literal secrets in auth fields (client and resources), as the engine's lint reports them. */
export function fakeLeaks(doc: SourceDocument): Leak[] {
  const leaks: Leak[] = [];
  const auth = (at: string, a: unknown) => {
    if (!a || typeof a !== 'object') return;
    for (const field of AUTH_SECRETS) {
      const v = (a as Record<string, unknown>)[field];
      if (typeof v === 'string' && v !== '' && !v.includes('{secrets.')) leaks.push({ path: `${at}.${field}`, masked: mask(v) });
    }
  };
  auth('client.auth', (doc.client as { auth?: unknown } | undefined)?.auth);
  (Array.isArray(doc.resources) ? doc.resources : []).forEach((r, i) => {
    if (r && typeof r === 'object') auth(`resources[${i}].endpoint.auth`, (r as { endpoint?: { auth?: unknown } }).endpoint?.auth);
  });
  return leaks;
}

export function exportFileNames(name: string, to: ExportTarget): string[] {
  if (to === 'python') return [`${name}_pipeline.py`, '.dlt/config.toml', '.dlt/secrets.toml', 'requirements.txt', 'README.md', '.gitignore'];
  return [`${name}.${to}`];
}

export interface FakeExporter {
  plan(doc: SourceDocument, name: string, to: ExportTarget, outDir: string, errors: Problem[]): ExportPlan;
  /** The files written, or why not (the plan's refusal). */
  write(doc: SourceDocument, name: string, to: ExportTarget, outDir: string, errors: Problem[]): { files: string[] } | { refused: ExportPlan };
}

export function createFakeExporter(): FakeExporter {
  const written = new Set<string>();
  const plan: FakeExporter['plan'] = (doc, name, to, outDir, errors) => {
    const dir = outDir.replace(/\/+$/, '');
    if (errors.length > 0) {
      return { files: [], leaks: [], problems: errors, notes: [], refused: `the source is invalid (${errors.length} problem(s)); run \`pipewright validate\`` };
    }
    const leaks = fakeLeaks(doc);
    const size = JSON.stringify(doc).length;
    const files = exportFileNames(name, to).map((f, i) => {
      const path = `${dir}/${f}`;
      const exists = written.has(path);
      const kept = exists && f === '.dlt/secrets.toml';
      return { path, bytes: i === 0 ? size + 900 : 120 + i * 40, overwrites: exists && !kept, kept };
    });
    const refused =
      leaks.length > 0 ? `the source holds ${leaks.length} literal secret(s); use {secrets.NAME} references` : null;
    return { files, leaks, problems: [], notes: to === 'python' ? ['paginator objects become dlt paginator classes'] : [], refused };
  };
  return {
    plan,
    write(doc, name, to, outDir, errors) {
      const p = plan(doc, name, to, outDir, errors);
      if (p.refused) return { refused: p };
      const files = p.files.filter((f) => !f.kept).map((f) => f.path);
      files.forEach((f) => written.add(f));
      return { files: [...files, ...p.files.filter((f) => f.kept).map((f) => f.path)] };
    },
  };
}
