// A response body: the JSON tree (with search and click-to-select) or the raw text.
import { useMemo, useState } from 'react';
import type { Segment } from './jsonPath';
import { JsonTree } from './JsonTree';
import { RawView } from './RawView';

export interface BodyViewProps {
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
  /** The text to show in the raw view when there is no JSON. */
  text: string;
  initiallyExpanded?: Segment[][];
  selected?: Segment[] | null;
  onSelect?: (path: Segment[], value: unknown) => void;
}

export function BodyView({ json, text, initiallyExpanded, selected, onSelect }: BodyViewProps) {
  const [mode, setMode] = useState<'tree' | 'raw'>(json === undefined ? 'raw' : 'tree');
  const raw = useMemo(() => (mode === 'raw' && json !== undefined ? JSON.stringify(json, null, 2) : text), [mode, json, text]);
  return (
    <div className="body-view">
      <div role="radiogroup" aria-label="Body view" className="segmented">
        {(['tree', 'raw'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="radio"
            aria-checked={mode === m}
            disabled={m === 'tree' && json === undefined}
            onClick={() => setMode(m)}
          >
            {m === 'tree' ? 'Tree' : 'Raw'}
          </button>
        ))}
      </div>
      {mode === 'tree' && json !== undefined ? (
        <JsonTree value={json} label="Response body" initiallyExpanded={initiallyExpanded} selected={selected} onSelect={onSelect} />
      ) : (
        <RawView text={raw} label="Raw response body" />
      )}
    </div>
  );
}
