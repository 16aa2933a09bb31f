// The buttons of a click-to-configure bar (body node or response header): each applies its edit
// to the source and the bar says what was set.
import { useState } from 'react';
import { useSource } from '../../sources/state';
import type { NodeAction } from './nodeActions';

export function ActionButtons({ actions, empty }: { actions: NodeAction[]; empty: string }) {
  const { document, edit } = useSource();
  const [done, setDone] = useState<string | null>(null);
  if (!document) return null;
  return (
    <>
      {actions.length === 0 && <span className="muted">{empty}</span>}
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
    </>
  );
}
