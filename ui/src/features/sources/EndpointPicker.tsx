// The endpoints of an OpenAPI import as a checklist: each with the guessed paginator, data
// selector, primary key and parent, and how sure each guess is. Unpicking a parent takes its
// children along, and the list says so before anything is opened.
import type { Confidence, EndpointGuess, Guessed } from '../../host';
import type { Dropped } from './pickEndpoints';

const CONFIDENCE_TEXT: Record<Confidence, string> = { high: 'high', medium: 'medium', low: 'low — check it' };

function GuessCell({ guess, label }: { guess: Guessed | null; label: string }) {
  if (!guess) return <td className="muted">—</td>;
  return (
    <td title={guess.evidence}>
      <code>{guess.value}</code>{' '}
      <span className={`confidence confidence-${guess.confidence}`} aria-label={`${label} confidence ${guess.confidence}`}>
        {CONFIDENCE_TEXT[guess.confidence]}
      </span>
    </td>
  );
}

export interface EndpointPickerProps {
  endpoints: EndpointGuess[];
  picked: ReadonlySet<string>;
  dropped: Dropped[];
  onChange: (picked: Set<string>) => void;
}

export function EndpointPicker({ endpoints, picked, dropped, onChange }: EndpointPickerProps) {
  const toggle = (name: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(name);
    else next.delete(name);
    onChange(next);
  };
  const droppedBy = new Map(dropped.map((d) => [d.resource, d.parent]));
  const count = endpoints.filter((e) => picked.has(e.resource) && !droppedBy.has(e.resource)).length;
  return (
    <section aria-label="Endpoints" className="endpoint-picker">
      <div className="row">
        <strong>
          Endpoints: {count} of {endpoints.length} picked
        </strong>
        <button type="button" onClick={() => onChange(new Set(endpoints.map((e) => e.resource)))}>
          All
        </button>
        <button type="button" onClick={() => onChange(new Set())}>
          None
        </button>
      </div>
      <table aria-label="Guesses per endpoint">
        <thead>
          <tr>
            <th scope="col">Resource</th>
            <th scope="col">Paginator</th>
            <th scope="col">Data selector</th>
            <th scope="col">Primary key</th>
            <th scope="col">Parent</th>
          </tr>
        </thead>
        <tbody>
          {endpoints.map((e) => (
            <tr key={e.resource} className={droppedBy.has(e.resource) ? 'dropped' : undefined}>
              <th scope="row">
                <label>
                  <input type="checkbox" checked={picked.has(e.resource)} onChange={(ev) => toggle(e.resource, ev.target.checked)} />{' '}
                  <span className="mono">{e.resource}</span>
                </label>
                <div className="muted small mono">{e.operation}</div>
              </th>
              <GuessCell guess={e.paginator} label="paginator" />
              <GuessCell guess={e.data_selector} label="data selector" />
              <GuessCell guess={e.primary_key} label="primary key" />
              <GuessCell guess={e.parent} label="parent" />
            </tr>
          ))}
        </tbody>
      </table>
      {dropped.length > 0 && (
        <ul className="notice" aria-label="Removed with their parents">
          {dropped.map((d) => (
            <li key={d.resource}>
              <code>{d.resource}</code> is removed too: its parent <code>{d.parent}</code> is not picked.
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
