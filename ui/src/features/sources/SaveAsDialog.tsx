// Where a new source goes: a path typed by the user (no native file dialog).
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useSource } from './state';
import type { SaveApi } from './useSave';

export function SaveAsDialog({ api }: { api: SaveApi }) {
  const { file } = useSource();
  const [path, setPath] = useState(() => (file ? `${file.name}.${file.format === 'yaml' ? 'yaml' : 'json'}` : ''));
  if (!api.asking || !file) return null;
  return (
    <Dialog title="Save source as" onClose={api.cancel}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void api.saveAs(path.trim());
        }}
      >
        <label htmlFor="save-path">File path (.json or .yaml); the file name is the source name</label>
        <input id="save-path" className="input code" autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder="/home/me/sources/github.yaml" />
        {api.error && <p className="field-problem" role="alert">{api.error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={api.cancel}>Cancel</button>
          <button type="submit" className="primary" disabled={api.busy || !path.trim()}>Save</button>
        </div>
      </form>
    </Dialog>
  );
}
