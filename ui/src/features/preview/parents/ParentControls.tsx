// For a child resource: preview it for the first N records of its parent, or for chosen ones.
import { NumberField } from '../NumberField';
import type { PreviewLimits } from '../usePreview';
import type { ParentInfo } from './parentOf';
import { ParentRecordList } from './ParentRecordList';

export type ParentMode = 'first' | 'chosen';

export interface ParentControlsProps {
  info: ParentInfo;
  mode: ParentMode;
  onMode: (mode: ParentMode) => void;
  count: number;
  onCount: (n: number) => void;
  chosen: unknown[];
  onChosen: (records: unknown[]) => void;
  /** Limits for fetching the parent's records when there is no preview of it yet. */
  limits: PreviewLimits;
}

export function ParentControls({ info, mode, onMode, count, onCount, chosen, onChosen, limits }: ParentControlsProps) {
  return (
    <fieldset className="card parents">
      <legend>
        Parent records from <strong>{info.parent}</strong>
      </legend>
      <div className="row" role="radiogroup" aria-label="Preview for">
        <label>
          <input type="radio" name="parent-mode" checked={mode === 'first'} onChange={() => onMode('first')} /> the first
        </label>
        <NumberField label="Number of parents" min={1} max={1000} value={count} onChange={onCount} onFocus={() => onMode('first')} />
        <span>records of {info.parent}</span>
        <label>
          <input type="radio" name="parent-mode" checked={mode === 'chosen'} onChange={() => onMode('chosen')} /> chosen
          parent records
        </label>
      </div>
      {mode === 'chosen' && (
        <ParentRecordList parent={info.parent} fields={info.fields} limits={limits} chosen={chosen} onChange={onChosen} />
      )}
    </fieldset>
  );
}
