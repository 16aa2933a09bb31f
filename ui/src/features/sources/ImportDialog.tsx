// Import: dlt configs (JSON, YAML, a pipeline script's dict), curl commands and OpenAPI
// descriptions, pasted or opened from a file (the system's file picker when the host has one,
// else the webview's file input), converted by the engine. Its guesses and problems
// are shown before opening; an OpenAPI import lists its endpoints to pick from.
import { useMemo, useState } from 'react';
import { useHost, type FileFilter, type ImportFormat, type ImportResult, type SourceFile } from '../../host';
import { Dialog } from '../../components/Dialog';
import { messageOf } from '../../components/messageOf';
import { EndpointPicker } from './EndpointPicker';
import { pickClosure, pickEndpoints } from './pickEndpoints';
import { untitledFile } from './templates';
import './import.css';

export const IMPORT_FORMATS: readonly { id: ImportFormat; title: string }[] = [
  { id: 'auto', title: 'Detect' },
  { id: 'json', title: 'JSON config' },
  { id: 'yaml', title: 'YAML config' },
  { id: 'python', title: 'dlt Python script' },
  { id: 'curl', title: 'curl command' },
  { id: 'openapi', title: 'OpenAPI 3' },
];

/** What the file picker offers for an import (as the file input's `accept`), and any file. */
export const IMPORT_FILTERS: FileFilter[] = [
  { name: 'Importable files (JSON, YAML, Python, text, shell)', extensions: ['json', 'yaml', 'yml', 'py', 'txt', 'sh'] },
  { name: 'All files', extensions: ['*'] },
];

/** The last part of a path (`/home/ada/api.yaml` → `api.yaml`). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/** The format a file's name says; the engine detects OpenAPI and the rest from the text. */
export function formatOfFile(name: string): ImportFormat {
  return /\.py$/i.test(name) ? 'python' : 'auto';
}

/** A source name from a file name: its stem, as an identifier. */
export function sourceNameOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return stem || 'imported';
}

export function ImportDialog({ onClose, onOpen }: { onClose: () => void; onOpen: (file: SourceFile) => void }) {
  const host = useHost();
  const [text, setText] = useState('');
  const [from, setFrom] = useState<ImportFormat>('auto');
  const [name, setName] = useState('imported');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pickedPath, setPickedPath] = useState<string | null>(null);
  const canPick = host.pickFile !== undefined && host.readTextFile !== undefined;
  const closure = useMemo(() => (result ? pickClosure(result.document, picked) : null), [result, picked]);

  async function run(input: string, format: ImportFormat) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const r = await host.importSource(input, format);
      setResult(r);
      setPicked(new Set(r.endpoints.map((e) => e.resource)));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  async function load(content: string, fileName: string) {
    const format = formatOfFile(fileName);
    setText(content);
    setFrom(format);
    setName(sourceNameOf(fileName));
    await run(content, format);
  }

  async function chooseFile() {
    if (!host.pickFile || !host.readTextFile) return;
    setError(null);
    let path: string | null = null;
    try {
      path = await host.pickFile(IMPORT_FILTERS);
      if (!path) return;
      setBusy(true);
      const content = await host.readTextFile(path);
      setPickedPath(path);
      await load(content, baseName(path));
    } catch (e) {
      // The backend's message names the path already.
      setError(path ? `Could not read the chosen file: ${messageOf(e)}` : `Could not show the file picker: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  }

  const picking = result !== null && result.endpoints.length > 0;
  const kept = closure?.kept.size ?? 0;

  return (
    <Dialog title="Import a source" onClose={onClose} wide>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) void run(text, from);
        }}
      >
        <label htmlFor="import-from">Format</label>
        <select id="import-from" className="input" value={from} onChange={(e) => setFrom(e.target.value as ImportFormat)}>
          {IMPORT_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>{f.title}</option>
          ))}
        </select>
        {canPick ? (
          <>
            <span className="field-label" id="import-file-label">Open a file (OpenAPI description, dlt config or pipeline script)</span>
            <div className="inline" role="group" aria-labelledby="import-file-label">
              <button type="button" disabled={busy} onClick={() => void chooseFile()}>Choose file…</button>
              {pickedPath && <span className="code" aria-label="Chosen file">{pickedPath}</span>}
            </div>
          </>
        ) : (
          <>
            <label htmlFor="import-file">Open a file (OpenAPI description, dlt config or pipeline script)</label>
            <input
              id="import-file"
              type="file"
              accept=".json,.yaml,.yml,.py,.txt,.sh"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void f.text().then((content) => load(content, f.name));
              }}
            />
          </>
        )}
        <label htmlFor="import-text">Paste the config, script, curl command or OpenAPI document (or open a file above)</label>
        <textarea id="import-text" className="input code" rows={picking ? 4 : 10} value={text} onChange={(e) => setText(e.target.value)} />
        {error && <p className="field-problem" role="alert">{error}</p>}
        {result && (
          <div className="import-result" aria-label="Import result">
            {picking && closure && (
              <EndpointPicker endpoints={result.endpoints} picked={picked} dropped={closure.dropped} onChange={setPicked} />
            )}
            {result.notes.length > 0 && (
              <details open={!picking}>
                <summary>Notes ({result.notes.length})</summary>
                <ul>{result.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
              </details>
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
              disabled={picking && kept === 0}
              onClick={() => {
                const document = picking ? pickEndpoints(result.document, picked) : result.document;
                onClose();
                onOpen(untitledFile(document, name.trim() || 'imported', 'json'));
              }}
            >
              {picking ? `Open with ${kept} ${kept === 1 ? 'resource' : 'resources'}` : 'Open'}
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
