// A JSON value typed as text (request bodies): written to the document whenever it parses.
import { useId, useState } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell } from './FieldShell';

export function JsonField({ binder, rel, label, hint }: { binder: Binder; rel: DocPath; label: string; hint?: string }) {
  const id = useId();
  const value = binder.get(rel);
  const inherited = value === undefined ? binder.inherited(rel) : undefined;
  const inheritedHint = inherited ? `Not set here: uses ${JSON.stringify(inherited.value)} from ${inherited.from}` : undefined;
  const [draft, setDraft] = useState<{ text: string; value: unknown; error: string | null } | null>(null);
  const typed = draft && draft.value === value ? draft : null;
  const text = typed ? typed.text : value === undefined ? '' : JSON.stringify(value, null, 2);
  return (
    <FieldShell path={binder.path(rel)} label={label} htmlFor={id} hint={typed?.error ?? hint ?? inheritedHint} docs="body">
      <textarea
        id={id}
        className="input code"
        rows={Math.min(10, Math.max(2, text.split('\n').length))}
        value={text}
        aria-invalid={typed?.error ? true : undefined}
        onChange={(e) => {
          const t = e.target.value;
          if (t.trim() === '') {
            setDraft({ text: t, value: undefined, error: null });
            binder.set(rel, undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(t);
            setDraft({ text: t, value: parsed, error: null });
            binder.set(rel, parsed);
          } catch (err) {
            setDraft({ text: t, value, error: `Not JSON yet: ${(err as Error).message}` });
          }
        }}
      />
    </FieldShell>
  );
}
