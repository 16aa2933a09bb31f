// processing_steps: jq expressions that filter, map or fan out each record. The engine
// compiles them on every validation, so a syntax error shows under its step as you type.
import { formatPath, isObject, renameKeyIn, setIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { TextField } from './TextField';

export const STEP_KINDS = ['filter', 'map', 'yield_map'] as const;
const SEED: Record<string, string> = { filter: 'select(.id != null)', map: '.', yield_map: '.' };

function stepKind(step: unknown): string {
  if (!isObject(step)) return 'filter';
  return STEP_KINDS.find((k) => k in step) ?? Object.keys(step)[0] ?? 'filter';
}

export function ProcessingSteps({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const raw = binder.get(rel);
  const steps = Array.isArray(raw) ? raw : [];
  const write = (next: unknown[]) => binder.set(rel, next.length ? next : undefined);
  const move = (i: number, by: number) => {
    const next = steps.slice();
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    write(next);
  };
  return (
    <fieldset className="group" data-path={formatPath(binder.path(rel))}>
      <legend>Processing steps (jq)</legend>
      <ol className="steps">
        {steps.map((step, i) => {
          const kind = stepKind(step);
          return (
            <li key={i} className="step">
              <select
                className="input"
                aria-label={`Step ${i + 1} kind`}
                value={kind}
                onChange={(e) => write(setIn(steps, [i], renameKeyIn(step, [], kind, e.target.value)))}
              >
                {STEP_KINDS.map((k) => (
                  <option key={k} value={k}>{k}</option>
                ))}
              </select>
              <TextField binder={binder} rel={[...rel, i, kind]} label={`Step ${i + 1} ${kind}`} code keepEmpty />
              <span className="step-actions">
                <button type="button" className="icon" aria-label={`Move step ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                <button type="button" className="icon" aria-label={`Move step ${i + 1} down`} disabled={i === steps.length - 1} onClick={() => move(i, 1)}>↓</button>
                <button type="button" className="icon" aria-label={`Remove step ${i + 1}`} onClick={() => write(steps.filter((_, j) => j !== i))}>✕</button>
              </span>
            </li>
          );
        })}
      </ol>
      <div className="inline">
        {STEP_KINDS.map((k) => (
          <button key={k} type="button" onClick={() => write([...steps, { [k]: SEED[k] }])}>
            Add {k}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
