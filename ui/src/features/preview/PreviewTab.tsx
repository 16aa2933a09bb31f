// The Preview tab: run one resource's real requests (host.preview) and explain every page.
import { useState } from 'react';
import { resourceNames, useSource } from '../sources/state';
import { usePreview } from './usePreview';
import { Workbench } from './Workbench';
import './workbench.css';
import '../data/grid.css';

export function PreviewTab() {
  const { document, selectedResource, select } = useSource();
  const names = resourceNames(document);
  const resource = selectedResource && names.includes(selectedResource) ? selectedResource : (names[0] ?? null);
  const [pages, setPages] = useState(5);
  const [records, setRecords] = useState(1000);
  const { preview, running, error, run } = usePreview(resource);

  if (!document) return <p className="muted">Open a source to preview its resources.</p>;
  if (!resource) return <p className="muted">This source has no resources yet.</p>;
  const stale = preview !== null && preview.document !== document;

  return (
    <div className="preview-tab">
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void run({ pages, records });
        }}
      >
        <label>
          Resource{' '}
          <select value={resource} onChange={(e) => select(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Pages <input type="number" min={1} max={100} value={pages} onChange={(e) => setPages(Math.max(1, Number(e.target.value)))} />
        </label>
        <label>
          Records{' '}
          <input type="number" min={1} max={100000} value={records} onChange={(e) => setRecords(Math.max(1, Number(e.target.value)))} />
        </label>
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Previewing…' : 'Preview'}
        </button>
        {stale && !running && <span className="muted">The config changed since this preview.</span>}
      </form>
      {error && (
        <p role="alert" className="error">
          Preview failed: {error}
        </p>
      )}
      {preview ? (
        <Workbench key={`${resource}:${preview.trace.pages.length}:${String(preview.trace.stop)}`} trace={preview.trace} />
      ) : (
        !running && <p className="muted">Preview sends the real requests of “{resource}” and shows every page; nothing is loaded.</p>
      )}
    </div>
  );
}
