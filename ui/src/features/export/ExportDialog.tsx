// Export the saved source as a dlt Python project, JSON or YAML into a folder (host.exportSource).
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useHost, type ExportTarget } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from '../sources/state';
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
  if (!open || !file) return null;
  const dir = outDir ?? defaultExportDir(file.path, file.name);

  async function doExport() {
    if (!file) return;
    setBusy(true);
    try {
      setResult({ files: await host.exportSource(file.path, target, dir) });
    } catch (e) {
      setResult({ error: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Export ${file.name}`} onClose={onClose}>
      <div className="export-dialog">
        <fieldset>
          <legend>Format</legend>
          {TARGETS.map((t) => (
            <label key={t.id} className="option">
              <input type="radio" name="export-target" value={t.id} checked={target === t.id} onChange={() => setTarget(t.id)} autoFocus={target === t.id} /> {t.title}{' '}
              <span className="muted small">{t.hint}</span>
            </label>
          ))}
        </fieldset>
        <label className="block">
          Output folder <input className="path" value={dir} onChange={(e) => setOutDir(e.target.value)} />
        </label>
        {untitled && <p className="notice">Save the source to a file first: export reads the saved file.</p>}
        {dirty && !untitled && <p className="notice">Export uses the saved file; save first to include your unsaved edits.</p>}
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
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="primary" onClick={() => void doExport()} disabled={busy || untitled || !dir.trim()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
