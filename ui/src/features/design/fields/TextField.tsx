// Text, number and scalar fields bound to one document path. The text being typed is kept as
// typed (`1.` stays `1.`); the document receives its parsed value on every keystroke.
import { useId, useState } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell, showValue } from './FieldShell';
import type { DocsTopic } from '../help/docsLinks';

export type TextKind = 'text' | 'integer' | 'scalar';

export interface TextFieldProps {
  binder: Binder;
  rel: DocPath;
  label: string;
  kind?: TextKind;
  placeholder?: string;
  hint?: string;
  /** Monospace (jq, JSONPath). */
  code?: boolean;
  /** Empty text writes "" instead of removing the key. */
  keepEmpty?: boolean;
  docs?: DocsTopic;
  /** Values offered while typing (a datalist). */
  suggestions?: readonly string[];
}

export function toText(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Parses typed text for a field of `kind`; `undefined` means "remove the key", `null` invalid. */
export function parseText(text: string, kind: TextKind, previous: unknown, keepEmpty = false): unknown {
  if (text === '') return keepEmpty ? '' : undefined;
  if (kind === 'integer') return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
  if (kind === 'scalar' && typeof previous !== 'string' && /^-?\d+(\.\d+)?$/.test(text.trim())) return Number(text.trim());
  return text;
}

export function TextField({ binder, rel, label, kind = 'text', placeholder, hint, code, keepEmpty, docs, suggestions }: TextFieldProps) {
  const id = useId();
  const listId = useId();
  const value = binder.get(rel);
  // What was typed, as long as the document still holds what it produced (undo drops it).
  const [draft, setDraft] = useState<{ text: string; value: unknown } | null>(null);
  const typed = draft && draft.value === value ? draft.text : null;
  const inherited = binder.inherited(rel);
  const shown = typed ?? toText(value);
  const invalid = typed !== null && parseText(typed, kind, value, keepEmpty) === null;
  return (
    <FieldShell
      path={binder.path(rel)}
      label={label}
      htmlFor={id}
      docs={docs}
      hint={hint ?? (inherited && value === undefined ? `Inherits ${showValue(inherited.value)} from ${inherited.from}` : undefined)}
    >
      <input
        id={id}
        list={suggestions?.length ? listId : undefined}
        className={`input ${code ? 'code' : ''}`}
        value={shown}
        aria-invalid={invalid || undefined}
        inputMode={kind === 'integer' ? 'numeric' : undefined}
        placeholder={inherited && value === undefined ? showValue(inherited.value) : placeholder}
        onChange={(e) => {
          const text = e.target.value;
          const parsed = parseText(text, kind, value, keepEmpty);
          setDraft({ text, value: parsed === null ? value : parsed });
          if (parsed !== null) binder.set(rel, parsed);
        }}
        onBlur={() => setDraft(null)}
      />
      {suggestions && suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </FieldShell>
  );
}
