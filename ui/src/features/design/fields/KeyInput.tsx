// The name of a map entry (a header, a param). Renames in place as you type; while the text
// is empty or names another entry, it stays a draft and the entry keeps its old name.
import { useState } from 'react';

export function KeyInput({ value, taken, onRename, label }: {
  value: string;
  taken: (key: string) => boolean;
  onRename: (to: string) => void;
  label: string;
}) {
  const [draft, setDraft] = useState<{ text: string; for: string } | null>(null);
  const text = draft && (draft.for === value || draft.text === value) ? draft.text : value;
  const invalid = text !== value;
  return (
    <input
      className="input code"
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={text}
      onChange={(e) => {
        const next = e.target.value;
        if (next && next !== value && !taken(next)) {
          setDraft({ text: next, for: next });
          onRename(next);
        } else {
          setDraft({ text: next, for: value });
        }
      }}
      onBlur={() => setDraft(null)}
    />
  );
}
