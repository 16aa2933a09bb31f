// The Preview tab: run one resource's real requests (host.preview) and explain every page.
import { useState } from 'react';
import { resourceNames, useSource } from '../sources/state';
import { NumberField } from './NumberField';
import { ParentControls, type ParentMode } from './parents/ParentControls';
import { expectedRequests, nearestParent } from './parents/parentOf';
import { usePreview, type PreviewLimits } from './usePreview';
import { Workbench } from './Workbench';
import './workbench.css';
import '../data/grid.css';

export function PreviewTab() {
  const { document, selectedResource, select } = useSource();
  const names = resourceNames(document);
  const resource = selectedResource && names.includes(selectedResource) ? selectedResource : (names[0] ?? null);
  const [pages, setPages] = useState(5);
  const [records, setRecords] = useState(1000);
  const [parentCount, setParentCount] = useState(1);
  const [mode, setMode] = useState<ParentMode>('first');
  // Chosen parent records belong to one child; another resource starts with none.
  const [chosen, setChosen] = useState<{ resource: string | null; records: unknown[] }>({ resource, records: [] });
  const chosenRecords = chosen.resource === resource ? chosen.records : [];
  const { preview, running, cancelling, error, run, cancel } = usePreview(resource);

  if (!document) return <p className="muted">Open a source to preview its resources.</p>;
  if (!resource) return <p className="muted">This source has no resources yet.</p>;
  const stale = preview !== null && preview.document !== document;
  const parent = nearestParent(document, resource);
  const parentsUsed = parent ? (mode === 'first' ? parentCount : chosenRecords.length) : null;
  const requests = expectedRequests(pages, parentsUsed);
  const limits: PreviewLimits = { pages, records };
  const canRun = !(parent && mode === 'chosen' && chosenRecords.length === 0);

  return (
    <div className="preview-tab">
      <form
        className="toolbar"
        aria-label="Preview limits"
        onSubmit={(e) => {
          e.preventDefault();
          if (running || !canRun) return;
          void run({
            pages,
            records,
            parents: parentCount,
            parentRecords: parent && mode === 'chosen' ? chosenRecords : null,
          });
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
          Pages <NumberField label="Pages" min={1} max={100} value={pages} onChange={setPages} />
        </label>
        <label>
          Records <NumberField label="Records" min={1} max={100000} value={records} onChange={setRecords} />
        </label>
        <span className="muted" data-testid="expected-requests" title="Retries and the parent's own requests are not counted">
          {parentsUsed === null
            ? `up to ${requests} ${requests === 1 ? 'request' : 'requests'}`
            : `up to ${parentsUsed} ${parentsUsed === 1 ? 'parent' : 'parents'} × ${pages} ${pages === 1 ? 'page' : 'pages'} = ${requests} requests`}
        </span>
        {running ? (
          <button type="button" className="danger" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? 'Cancelling…' : 'Cancel preview'}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!canRun}>
            Preview
          </button>
        )}
        {running && (
          <span aria-live="polite" className="muted">
            Previewing…
          </span>
        )}
        {stale && !running && <span className="muted">The config changed since this preview.</span>}
      </form>
      {parent && (
        <ParentControls
          info={parent}
          mode={mode}
          onMode={setMode}
          count={parentCount}
          onCount={setParentCount}
          chosen={chosenRecords}
          onChosen={(r) => setChosen({ resource, records: r })}
          limits={limits}
        />
      )}
      {error && (
        <p role="alert" className="error">
          Preview failed: {error}
        </p>
      )}
      {preview ? (
        <Workbench key={preview.seq ?? resource} trace={preview.trace} />
      ) : (
        !running && <p className="muted">Preview sends the real requests of “{resource}” and shows every page; nothing is loaded.</p>
      )}
    </div>
  );
}
