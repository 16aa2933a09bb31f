// A list of names typed as "a, b": primary keys, merge keys, include_from_parent. A single name
// stays a plain string where the language allows it (`primary_key: id`).
import { useId, useState } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell, showValue } from './FieldShell';
import type { DocsTopic } from '../help/docsLinks';

export function listText(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  return typeof v === 'string' ? v : '';
}

export function parseList(text: string, previous: unknown, alwaysList: boolean): unknown {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) return undefined;
  if (items.length === 1 && !alwaysList && !Array.isArray(previous)) return items[0];
  return items;
}

export function ListField({ binder, rel, label, alwaysList = false, hint, docs }: {
  binder: Binder;
  rel: DocPath;
  label: string;
  alwaysList?: boolean;
  hint?: string;
  docs?: DocsTopic;
}) {
  const id = useId();
  const value = binder.get(rel);
  const [draft, setDraft] = useState<{ text: string; value: unknown } | null>(null);
  const typed = draft && draft.value === value ? draft.text : null;
  const inherited = binder.inherited(rel);
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
        className="input"
        value={typed ?? listText(value)}
        placeholder={inherited && value === undefined ? listText(inherited.value) : 'a, b'}
        onChange={(e) => {
          const parsed = parseList(e.target.value, value, alwaysList);
          setDraft({ text: e.target.value, value: parsed });
          binder.set(rel, parsed);
        }}
        onBlur={() => setDraft(null)}
      />
    </FieldShell>
  );
}
