// Incremental state per resource (and per parent record for children that keep one cursor per
// parent), where the next run resumes, and Reset.
import { useEffect, useState } from 'react';
import { useHost, type CursorState } from '../../host';
import { useSource } from '../sources/state';
import { messageOf } from '../../components/messageOf';
import { nextRequestText } from './nextRequest';
import { ParentCursors } from './ParentCursors';

export interface IncrementalPanelProps {
  db: string;
  pipeline: string;
  sourceName: string;
  /** Changes when a run finishes, to reload the state. */
  refresh: number;
}

function show(v: unknown): string {
  return v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

export function IncrementalPanel({ db, pipeline, sourceName, refresh }: IncrementalPanelProps) {
  const host = useHost();
  const { document } = useSource();
  const [states, setStates] = useState<CursorState[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    host.incrementalState(db, pipeline, sourceName).then(
      (s) => {
        if (!live) return;
        setStates(s);
        setError(null);
      },
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [host, db, pipeline, sourceName, refresh, reloads]);

  async function reset(resource: string) {
    try {
      await host.resetIncremental(db, pipeline, sourceName, resource);
      setReloads((n) => n + 1);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <section aria-labelledby="incremental-title" className="card">
      <h3 id="incremental-title">Incremental state</h3>
      {error && <p className="muted">{error}</p>}
      {states && states.length === 0 && <p className="muted">No incremental state stored (no resource with incremental, or no run yet).</p>}
      {states?.map((s) => (
        <div key={s.resource} className="incremental" data-testid={`incremental-${s.resource}`}>
          <p className="row">
            <strong>{s.resource}</strong> <code>{s.cursor_path}</code>
            <span>last value: {show(s.last_value)}</span>
            <span className="muted">initial: {show(s.initial_value)}</span>
            <button type="button" onClick={() => void reset(s.resource)} aria-label={`Reset ${s.resource}`}>
              Reset
            </button>
          </p>
          <ParentCursors resource={s.resource} cursors={s.per_parent ?? []} />
          <p className="muted" data-testid={`next-request-${s.resource}`}>
            {nextRequestText(document, s)}
          </p>
        </div>
      ))}
    </section>
  );
}
