// The processing steps run on one sample record as you type: the record from the resource's
// last preview (as the API sent it), or one the user writes. The steps run in the browser with
// a jq subset, labelled as such: the engine (jaq) has the final word in validation and preview.
import { useId } from 'react';
import { applyStep } from '../jq/miniJq';

export const DEFAULT_SAMPLE = { id: 1, title: 'Example', state: 'open', updated_at: '2024-05-01T12:00:00Z', tags: ['a', 'b'] };

export type StepResult = { ok: true; records: unknown[] } | { ok: false; error: string };

/** The records after each step, starting from `sample`; a step after a failed one is not run. */
export function stepOutputs(steps: { kind: string; expr: string }[], sample: unknown): StepResult[] {
  const out: StepResult[] = [];
  let records: unknown[] = [sample];
  for (const s of steps) {
    if (out.length && !out[out.length - 1].ok) {
      out.push({ ok: false, error: 'not run: an earlier step failed' });
      continue;
    }
    const r = applyStep(s.kind, s.expr, records);
    out.push(r);
    if (r.ok) records = r.records;
  }
  return out;
}

function shown(records: unknown[]): string {
  const text = records.length === 1 ? JSON.stringify(records[0], null, 1) : JSON.stringify(records, null, 1);
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

export function StepOutput({ result, index }: { result: StepResult; index: number }) {
  return (
    <div className={`step-output ${result.ok ? '' : 'step-output-error'}`} aria-label={`Step ${index + 1} output on the sample`} role="region">
      {result.ok ? (
        result.records.length === 0 ? (
          <span className="muted">→ no record (dropped)</span>
        ) : (
          <>
            <span className="muted">→ {result.records.length} record{result.records.length === 1 ? '' : 's'}:</span>
            <pre>{shown(result.records)}</pre>
          </>
        )
      ) : (
        <span>→ cannot run here: {result.error}</span>
      )}
    </div>
  );
}

export function SampleEditor({ text, error, fromPreview, onChange }: {
  text: string;
  error: string | null;
  fromPreview: boolean;
  onChange: (text: string) => void;
}) {
  const id = useId();
  return (
    <details className="step-sample">
      <summary>
        Sample record {fromPreview ? '(first record of the last preview)' : '(edit it, or preview the resource to use a real one)'}
      </summary>
      <label htmlFor={id} className="field-label">Sample record (JSON)</label>
      <textarea id={id} className="input code" rows={6} value={text} onChange={(e) => onChange(e.target.value)} />
      {error && <div className="field-problem">{error}</div>}
    </details>
  );
}
