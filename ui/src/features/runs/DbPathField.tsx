// The database file input: edits are a draft until Enter or leaving the field; empty restores
// the default.
import { useState } from 'react';

export function DbPathField({ db, onChange }: { db: string; onChange: (db: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null) onChange(draft);
    setDraft(null);
  };
  return (
    <label className="grow">
      Database{' '}
      <input
        className="path"
        aria-label="Database file"
        value={draft ?? db}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
