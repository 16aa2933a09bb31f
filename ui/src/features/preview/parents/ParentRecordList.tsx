// The parent's preview records as a checklist, to preview a child for chosen parents. They come
// from the parent's cached preview; without one, the user fetches it here (same limits).
import type { PreviewLimits } from '../usePreview';
import { usePreview } from '../usePreview';
import { parentLabel } from './parentOf';

/** Rendering thousands of checkboxes would stall the tab; nobody picks from that many. */
const SHOWN = 300;

export interface ParentRecordListProps {
  parent: string;
  fields: string[];
  limits: PreviewLimits;
  chosen: unknown[];
  onChange: (chosen: unknown[]) => void;
}

export function ParentRecordList({ parent, fields, limits, chosen, onChange }: ParentRecordListProps) {
  const { preview, running, error, run } = usePreview(parent);
  const records = preview?.trace.records ?? [];
  const fetchButton = (
    <button type="button" onClick={() => void run({ pages: limits.pages, records: limits.records })} disabled={running}>
      {running ? `Fetching ${parent}…` : preview ? `Refetch ${parent} records` : `Fetch ${parent} records`}
    </button>
  );
  return (
    <div className="parent-records">
      <div className="row">
        {preview ? (
          <span className="muted">
            {records.length} records from the last preview of {parent}; {chosen.length} chosen
          </span>
        ) : (
          <span className="muted">No preview of {parent} yet: fetch its records to pick from them.</span>
        )}
        {fetchButton}
        {chosen.length > 0 && (
          <button type="button" onClick={() => onChange([])}>
            Clear
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {records.length > 0 && (
        <ul className="parent-list" aria-label={`Records of ${parent}`}>
          {records.slice(0, SHOWN).map((r, i) => {
            const label = parentLabel(r, fields);
            const on = chosen.includes(r);
            return (
              <li key={i}>
                <label title={JSON.stringify(r)}>
                  <input
                    type="checkbox"
                    checked={on}
                    onChange={() => onChange(on ? chosen.filter((x) => x !== r) : [...chosen, r])}
                  />{' '}
                  <span className="mono">{label}</span>
                </label>
              </li>
            );
          })}
          {records.length > SHOWN && <li className="muted">…and {records.length - SHOWN} more (not listed)</li>}
        </ul>
      )}
    </div>
  );
}
