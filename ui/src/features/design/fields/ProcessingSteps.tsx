// processing_steps: jq expressions that filter, map or fan out each record. The engine
// compiles them on every validation, so a syntax error shows under its step as you type; each
// step also shows what it makes of a sample record (see StepSample.tsx).
import { useState } from 'react';
import { isObject, renameKeyIn, setIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { sampleRecord, usePreviewTrace } from '../previewHints';
import { TextField } from './TextField';
import { FieldGroup } from './FieldGroup';
import { DEFAULT_SAMPLE, SampleEditor, StepOutput, stepOutputs } from './StepSample';

export const STEP_KINDS = ['filter', 'map', 'yield_map'] as const;
const SEED: Record<string, string> = { filter: 'select(.id != null)', map: '.', yield_map: '.' };

function stepKind(step: unknown): string {
  if (!isObject(step)) return 'filter';
  return STEP_KINDS.find((k) => k in step) ?? Object.keys(step)[0] ?? 'filter';
}

function parseSample(text: string): { value: unknown; error: string | null } {
  try {
    return { value: JSON.parse(text), error: null };
  } catch (e) {
    return { value: undefined, error: `Not JSON: ${(e as Error).message}` };
  }
}

export function ProcessingSteps({ binder, rel, resource }: { binder: Binder; rel: DocPath; resource?: string }) {
  const raw = binder.get(rel);
  const steps = Array.isArray(raw) ? raw : [];
  const fromPreview = sampleRecord(usePreviewTrace(resource));
  const [sampleText, setSampleText] = useState(() => JSON.stringify(fromPreview ?? DEFAULT_SAMPLE, null, 2));
  const sample = parseSample(sampleText);
  const outputs = sample.error === null
    ? stepOutputs(steps.map((s) => ({ kind: stepKind(s), expr: String(isObject(s) ? (s[stepKind(s)] ?? '') : '') })), sample.value)
    : [];
  const write = (next: unknown[]) => binder.set(rel, next.length ? next : undefined);
  const move = (i: number, by: number) => {
    const next = steps.slice();
    const [s] = next.splice(i, 1);
    next.splice(i + by, 0, s);
    write(next);
  };
  return (
    <FieldGroup binder={binder} rel={rel} legend="Processing steps (jq)" docs="processing">
      {steps.length > 0 && (
        <>
          <SampleEditor text={sampleText} error={sample.error} fromPreview={fromPreview !== undefined} onChange={setSampleText} />
          <p className="field-hint">
            Outputs below are computed in the browser with a subset of jq, as a guide; the engine runs jaq, and
            the preview shows its real output.
          </p>
        </>
      )}
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
              {outputs[i] && <StepOutput result={outputs[i]} index={i} />}
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
    </FieldGroup>
  );
}
