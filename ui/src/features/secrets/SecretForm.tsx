// A write-only input for one secret value: it is sent to the host and never shown or kept.
import { useState } from 'react';

export function SecretForm({ name, onSave, onCancel }: { name: string; onSave: (value: string) => Promise<void>; onCancel: () => void }) {
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="row"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!value) return;
        setBusy(true);
        try {
          await onSave(value);
        } finally {
          setValue('');
          setBusy(false);
        }
      }}
    >
      <input
        type="password"
        autoComplete="new-password"
        spellCheck={false}
        aria-label={`Value of ${name}`}
        placeholder="value (write-only)"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        autoFocus
      />
      <button type="submit" className="primary" disabled={!value || busy}>
        Save to keychain
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
