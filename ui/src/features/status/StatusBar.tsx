// The status bar: the open file, whether it is saved (and autosave), what validation says, and
// the versions.
import { useEffect, useState } from 'react';
import { useHost, type AppInfo } from '../../host';
import { useProblems } from '../problems/ProblemsProvider';
import { useSource } from '../sources/state';
import type { Autosave, SaveState } from '../sources/useAutosave';

type Info = { kind: 'loading' } | { kind: 'ready'; info: AppInfo } | { kind: 'error' };

function useAppInfo(): Info {
  const host = useHost();
  const [state, setState] = useState<Info>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    host.appInfo().then(
      (info) => live && setState({ kind: 'ready', info }),
      () => live && setState({ kind: 'error' }),
    );
    return () => {
      live = false;
    };
  }, [host]);
  return state;
}

function ValidationState() {
  const { status, problems, error } = useProblems();
  if (status === 'pending') return <span className="status-item">Checking…</span>;
  if (status === 'failed') return <span className="status-item status-warn" title={error ?? undefined}>Not validated</span>;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (errors) return <span className="status-item status-error">✖ {errors} error{errors === 1 ? '' : 's'}{warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}</span>;
  if (warnings) return <span className="status-item status-warn">⚠ {warnings} warning{warnings === 1 ? '' : 's'}</span>;
  return <span className="status-item status-ok">✓ Valid</span>;
}

const SAVE_TEXT: Record<SaveState, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  error: 'Save failed',
  new: 'Unsaved (new)',
};

export function StatusBar({ autosave }: { autosave?: Autosave }) {
  const info = useAppInfo();
  const { file, dirty, untitled } = useSource();
  const state: SaveState = autosave?.state ?? (untitled ? 'new' : dirty ? 'unsaved' : 'saved');
  return (
    <footer className="status-bar" role="status" data-testid="status-bar">
      {file && (
        <>
          <span className="status-item status-file" title={file.path || 'not saved yet'}>
            {file.name}
            {file.path ? ` — ${file.path}` : ' (new)'}
          </span>
          <span
            className={`status-item ${state === 'error' ? 'status-error' : state === 'saved' ? '' : 'status-warn'}`}
            data-testid="save-state"
            data-state={state}
          >
            {SAVE_TEXT[state]}
          </span>
          {autosave && !untitled && (
            <label className="status-item status-toggle" title="Write the file a moment after each edit">
              <input type="checkbox" checked={autosave.enabled} onChange={(e) => autosave.setEnabled(e.target.checked)} /> Autosave
            </label>
          )}
          <ValidationState />
        </>
      )}
      <span className="status-item status-right">
        {info.kind === 'ready'
          ? `${info.info.name} ${info.info.version} · engine ${info.info.engine_version}`
          : info.kind === 'error'
            ? 'Backend unavailable'
            : 'Connecting…'}
      </span>
    </footer>
  );
}
