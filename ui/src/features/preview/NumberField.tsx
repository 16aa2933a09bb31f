// A number input for a limit. It keeps what is typed (an empty field while retyping) and reports
// only whole numbers within [min, max]; a controlled input that clamped every keystroke would turn
// "clear, type 3" into 13.
import { useState } from 'react';

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
  onFocus?: () => void;
}

export function NumberField({ label, value, min, max, onChange, onFocus }: NumberFieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      aria-label={label}
      min={min}
      max={max}
      value={draft ?? String(value)}
      onFocus={onFocus}
      onChange={(e) => {
        setDraft(e.target.value);
        const n = Math.trunc(Number(e.target.value));
        if (e.target.value.trim() !== '' && Number.isFinite(n)) onChange(Math.min(max, Math.max(min, n)));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
