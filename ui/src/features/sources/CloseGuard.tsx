// Unsaved changes are never lost on close: the app window (through the host) and the browser
// tab (beforeunload) ask first. The window's question is a dialog with Save / Discard / Cancel.
import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useHost } from '../../host';
import { useSource } from './state';
import type { SaveApi } from './useSave';

export function CloseGuard({ save }: { save: SaveApi }) {
  const host = useHost();
  const { file, dirty, untitled } = useSource();
  const [answer, setAnswer] = useState<((close: boolean) => void) | null>(null);
  const [saving, setSaving] = useState(false);
  const latest = useRef({ dirty });
  useEffect(() => {
    latest.current = { dirty };
  });

  // A browser shows its own "leave site?" prompt; the text cannot be chosen.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useEffect(
    () =>
      host.onCloseRequested?.(() =>
        latest.current.dirty ? new Promise<boolean>((resolve) => setAnswer(() => resolve)) : Promise.resolve(true),
      ),
    [host],
  );

  if (!answer) return null;
  const finish = (close: boolean) => {
    answer(close);
    setAnswer(null);
  };
  return (
    <Dialog title="Close with unsaved changes?" onClose={() => finish(false)}>
      <p>
        {file?.name ?? 'The open source'} has changes that are not saved
        {untitled ? ' (it has no file yet: use Save to choose one first)' : ''}.
      </p>
      {save.error && <p className="field-problem">Save failed: {save.error}</p>}
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={() => finish(false)}>Keep editing</button>
        {!untitled && file && (
          <button
            type="button"
            className="primary"
            disabled={saving}
            onClick={async () => {
              setSaving(true);
              const ok = await save.saveAs(file.path);
              setSaving(false);
              if (ok) finish(true);
            }}
          >
            {saving ? 'Saving…' : 'Save and close'}
          </button>
        )}
        <button type="button" className="danger" onClick={() => finish(true)}>Close without saving</button>
      </div>
    </Dialog>
  );
}
