// The sources: recent ones, one opened by path (typed, or picked with the system's file picker
// when the host has one), a new one from a template, or an import.
import { useState } from 'react';
import { useHost, type FileFilter } from '../../host';
import { messageOf } from '../../components/messageOf';
import { useSource } from './state';
import { ImportDialog } from './ImportDialog';
import { TEMPLATES, fileFromTemplate } from './templates';
import { useOpen } from './useOpen';
import { useDiscardGuard } from './DiscardGuard';
import { useRecent } from './useRecent';
import { SecretsPanel } from '../secrets/SecretsPanel';

/** What the file picker offers for a source: the formats the engine reads. */
export const SOURCE_FILTERS: FileFilter[] = [{ name: 'Sources (JSON, YAML)', extensions: ['json', 'yaml', 'yml'] }];

export function SourcesSidebar() {
  const host = useHost();
  const { file, open } = useSource();
  const { recent, error: recentError } = useRecent(file?.path ?? '');
  const { openPath, busy, error } = useOpen();
  const [path, setPath] = useState('');
  const [importing, setImporting] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const { guard, dialog } = useDiscardGuard();

  async function browse() {
    if (!host.pickFile) return;
    setPickError(null);
    try {
      const picked = await host.pickFile(SOURCE_FILTERS);
      if (picked) guard(() => void openPath(picked));
    } catch (e) {
      setPickError(`Could not show the file picker: ${messageOf(e)}`);
    }
  }

  return (
    <aside className="sidebar" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <nav aria-label="Recent sources">
        {recent === null ? (
          <p className="placeholder">Loading…</p>
        ) : recent.length === 0 ? (
          <p className="placeholder">No sources yet</p>
        ) : (
          <ul className="recent">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className={`recent-item ${file?.path === r.path ? 'current' : ''}`}
                  title={r.path}
                  aria-current={file?.path === r.path ? 'true' : undefined}
                  onClick={() => guard(() => void openPath(r.path))}
                >
                  <span className="recent-name">{r.name}</span>
                  <span className="recent-path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {recentError && <p className="field-problem">{recentError}</p>}
      </nav>

      <form
        className="side-block"
        onSubmit={(e) => {
          e.preventDefault();
          const target = path.trim();
          if (target) guard(() => void openPath(target).then((ok) => ok && setPath('')));
        }}
      >
        <label htmlFor="open-path" className="side-label">Open file</label>
        <div className="inline">
          <input id="open-path" className="input code" placeholder="/path/to/source.yaml" value={path} onChange={(e) => setPath(e.target.value)} />
          <button type="submit" disabled={busy || !path.trim()}>Open</button>
          {host.pickFile && (
            <button type="button" disabled={busy} title="Choose a source file" onClick={() => void browse()}>
              Browse…
            </button>
          )}
        </div>
        {error && <p className="field-problem" role="alert">{error}</p>}
        {pickError && <p className="field-problem" role="alert">{pickError}</p>}
      </form>

      <div className="side-block">
        <h3 className="side-label">New from template</h3>
        <ul className="templates">
          {TEMPLATES.map((t) => (
            <li key={t.id}>
              <button type="button" className="template" title={t.description} onClick={() => guard(() => open(fileFromTemplate(t)))}>
                {t.title}
              </button>
            </li>
          ))}
        </ul>
      </div>

      <div className="side-block">
        <button type="button" onClick={() => setImporting(true)}>Import…</button>
      </div>
      {importing && <ImportDialog onClose={() => setImporting(false)} onOpen={(f) => guard(() => open(f))} />}
      {dialog}
      <SecretsPanel />
    </aside>
  );
}
