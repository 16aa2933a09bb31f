// Click-to-configure: the actions for the response header picked in the headers table.
import { useState } from 'react';
import { useSource } from '../../sources/state';
import { headerActions } from './headerActions';

export interface HeaderActionsBarProps {
  resource: string;
  header: { name: string; value: string };
  pageSize: number;
}

export function HeaderActionsBar({ resource, header, pageSize }: HeaderActionsBarProps) {
  const { document, edit } = useSource();
  const [done, setDone] = useState<string | null>(null);
  if (!document) return null;
  const { actions, note } = headerActions({ doc: document, resource, name: header.name, value: header.value, pageSize });
  return (
    <div className="header-actions">
      <div className="actions-bar" role="group" aria-label="Configure from header">
        <code>{header.name}</code>
        {actions.length === 0 && <span className="muted">nothing to configure from this header</span>}
        {actions.map((a) => (
          <button
            key={a.id}
            type="button"
            onClick={() => {
              edit(a.apply(document));
              setDone(a.label);
            }}
          >
            {a.label}
          </button>
        ))}
        {done && (
          <span role="status" className="muted">
            Set {done}
          </span>
        )}
      </div>
      {note && (
        <p className="muted header-note" data-testid="header-note">
          {note}
        </p>
      )}
    </div>
  );
}
