// Import: dlt configs (JSON, YAML, a pipeline script's dict), curl commands and OpenAPI
// descriptions, converted by the engine. Its guesses and problems are shown before opening.
import { useState } from 'react';
import { useHost, type ImportFormat, type ImportResult, type SourceFile } from '../../host';
import { Dialog } from '../../components/Dialog';
import { messageOf } from '../../components/messageOf';
import { untitledFile } from './templates';

export const IMPORT_FORMATS: readonly { id: ImportFormat; title: string }[] = [
  { id: 'auto', title: 'Detect' },
  { id: 'json', title: 'JSON config' },
  { id: 'yaml', title: 'YAML config' },
  { id: 'python', title: 'dlt Python script' },
  { id: 'curl', title: 'curl command' },
  { id: 'openapi', title: 'OpenAPI 3' },
];

export function ImportDialog({ onClose, onOpen }: { onClose: () => void; onOpen: (file: SourceFile) => void }) {
  const host = useHost();
  const [text, setText] = useState('');
  const [from, setFrom] = useState<ImportFormat>('auto');
  const [name, setName] = useState('imported');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await host.importSource(text, from));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Import a source" onClose={onClose} wide>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void run();
        }}
      >
        <label htmlFor="import-from">Format</label>
        <select id="import-from" className="input" value={from} onChange={(e) => setFrom(e.target.value as ImportFormat)}>
          {IMPORT_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>{f.title}</option>
          ))}
        </select>
        <label htmlFor="import-text">Paste the config, script, curl command or OpenAPI document</label>
        <textarea id="import-text" className="input code" rows={10} value={text} onChange={(e) => setText(e.target.value)} />
        {error && <p className="field-problem" role="alert">{error}</p>}
        {result && (
          <div className="import-result" aria-label="Import result">
            {result.notes.length > 0 && (
              <>
                <h3>Notes</h3>
                <ul>{result.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
              </>
            )}
            <h3>{result.validation.valid ? 'Valid' : `${result.validation.problems.length} problem(s)`}</h3>
            {result.validation.problems.length > 0 && (
              <ul>
                {result.validation.problems.map((p, i) => (
                  <li key={i} className={`problem-${p.severity}`}><code>{p.path}</code>: {p.message}</li>
                ))}
              </ul>
            )}
            <label htmlFor="import-name">Source name</label>
            <input id="import-name" className="input code" value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={busy || !text.trim()}>Import</button>
          {result && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                onClose();
                onOpen(untitledFile(result.document, name.trim() || 'imported', 'json'));
              }}
            >
              Open
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
