// A resource's name. Applied when the field is left (or Enter): renaming rewrites every
// `{resources.<old>.…}` placeholder and resolve param in the document.
import { useId, useState } from 'react';
import { renameResource } from '../sources/placeholders';
import { resourceIndex } from '../sources/resourceDoc';
import { resourceNames, useSource } from '../sources/state';
import { FieldShell } from './fields/FieldShell';

export function renameProblem(names: string[], from: string, to: string): string | null {
  if (to === from) return null;
  if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(to)) return 'Use letters, digits, _ and -, starting with a letter or _.';
  if (names.includes(to)) return `A resource named ${to} exists already.`;
  return null;
}

export function RenameField({ name }: { name: string }) {
  const id = useId();
  const { document, edit, select } = useSource();
  const [draft, setDraft] = useState<{ for: string; text: string } | null>(null);
  const text = draft?.for === name ? draft.text : name;
  const names = resourceNames(document);
  const problem = renameProblem(names, name, text);
  const index = resourceIndex(document, name);

  function commit() {
    setDraft(null);
    if (!document || problem || text === name) return;
    edit(renameResource(document, name, text));
    select(text);
  }

  return (
    <FieldShell path={['resources', index, 'name']} label="Name" htmlFor={id} hint={problem ?? 'Renaming updates every placeholder that refers to it.'}>
      <input
        id={id}
        className="input code"
        value={text}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft({ for: name, text: e.target.value })}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
    </FieldShell>
  );
}
