// Opening another source replaces the open one: with unsaved changes, the user confirms first.
import { useCallback, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useSource } from './state';

export function useDiscardGuard() {
  const { dirty, file } = useSource();
  const [pending, setPending] = useState<(() => void) | null>(null);
  const guard = useCallback(
    (action: () => void) => {
      if (dirty) setPending(() => action);
      else action();
    },
    [dirty],
  );
  const dialog = pending ? (
    <Dialog title="Discard unsaved changes?" onClose={() => setPending(null)}>
      <p>{file?.name ?? 'The open source'} has changes that are not saved. They will be lost.</p>
      <div className="dialog-actions">
        <button type="button" autoFocus onClick={() => setPending(null)}>Keep editing</button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            pending();
            setPending(null);
          }}
        >
          Discard changes
        </button>
      </div>
    </Dialog>
  ) : null;
  return { guard, dialog };
}
