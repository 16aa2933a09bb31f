// Export the saved source as a dlt Python project, JSON or YAML into a folder (typed, or picked
// with the system's folder picker when the host has one). The plan (leak
// lint, refusals, files) is computed first without writing (host.exportPlan); Export then writes
// (host.exportSource).
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useHost, type ExportTarget } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from '../sources/state';
import { useAsync } from '../data/useAsync';
import { ExportPlanView } from './ExportPlanView';
import '../preview/workbench.css';
import './export.css';

const TARGETS: { id: ExportTarget; title: string; hint: string }[] = [
  { id: 'python', title: 'dlt Python project', hint: 'pipeline script, .dlt/config.toml, secrets.toml template, requirements' },
  { id: 'json', title: 'JSON', hint: 'the RESTAPIConfig as JSON' },
  { id: 'yaml', title: 'YAML', hint: 'the RESTAPIConfig as YAML' },
];

export function defaultExportDir(path: string, name: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return `${cut >= 0 ? path.slice(0, cut + 1) : ''}${name}_export`;
}

export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const host = useHost();
  const { file, dirty, untitled } = useSource();
  const [target, setTarget] = useState<ExportTarget>('python');
  const [outDir, setOutDir] = useState<string | null>(null);
  const [result, setResult] = useState<{ files: string[] } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // Bumped by each export, so the plan is computed again (files now exist) and on each opening.
  const [writes, setWrites] = useState(0);
  const dir = file ? (outDir ?? defaultExportDir(file.path, file.name)) : '';
  const planKey = open && file && !untitled && dir.trim() ? JSON.stringify([file.path, target, dir, writes, dirty]) : null;
  const plan = useAsync(planKey, () => host.exportPlan(file?.path ?? '', target, dir));
  if (!open || !file) return null;

  async function browse() {
    if (!host.pickFolder) return;
    try {
      const picked = await host.pickFolder();
      if (picked) {
        setOutDir(picked);
        setResult(null);
      }
    } catch (e) {
      setResult({ error: `Could not show the folder picker: ${messageOf(e)}` });
    }
  }

  async function doExport() {
    if (!file) return;
    setBusy(true);
    try {
      setResult({ files: await host.exportSource(file.path, target, dir) });
    } catch (e) {
      setResult({ error: messageOf(e) });
    } finally {
      setBusy(false);
      setWrites((n) => n + 1);
    }
  }

  const ready = plan.value !== null && !plan.loading && plan.value.refused === null;
  const close = () => {
    setResult(null);
    onClose();
  };

  return (
    <Dialog title={`Export ${file.name}`} onClose={close} wide>
      <div className="export-dialog">
        <fieldset>
          <legend>Format</legend>
          {TARGETS.map((t) => (
            <label key={t.id} className="option">
              <input type="radio" name="export-target" value={t.id} checked={target === t.id} onChange={() => {
                  setTarget(t.id);
                  setResult(null);
                }} autoFocus={target === t.id} /> {t.title}{' '}
              <span className="muted small">{t.hint}</span>
            </label>
          ))}
        </fieldset>
        <div className="block">
          <label htmlFor="export-out-dir">Output folder</label>
          <input
            id="export-out-dir"
            className="path"
            aria-label="Output folder"
            value={dir}
            onChange={(e) => {
              setOutDir(e.target.value);
              setResult(null);
            }}
          />
          {host.pickFolder && (
            <button type="button" title="Choose the output folder" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        {untitled && <p className="notice">Save the source to a file first: export reads the saved file.</p>}
        {dirty && !untitled && <p className="notice">Export uses the saved file; save first to include your unsaved edits.</p>}
        {plan.error && (
          <p role="alert" className="error">
            {plan.error}
          </p>
        )}
        {plan.value && !result && <ExportPlanView plan={plan.value} />}
        {plan.loading && !plan.value && <p className="muted">Checking the source…</p>}
        {result && 'files' in result && (
          <div role="status">
            <p>Wrote {result.files.length} files:</p>
            <ul className="mono small">
              {result.files.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          </div>
        )}
        {result && 'error' in result && (
          <p role="alert" className="error">
            {result.error}
          </p>
        )}
        <div className="row end">
          <button type="button" onClick={close}>
            Close
          </button>
          <button type="button" className="primary" onClick={() => void doExport()} disabled={busy || untitled || !ready}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
