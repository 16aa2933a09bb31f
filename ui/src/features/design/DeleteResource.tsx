// Deleting a resource; when others depend on it, the user chooses whether they go too.
import { useState } from 'react';
import { deleteResource, descendants } from '../sources/placeholders';
import { resourceNames, useSource } from '../sources/state';

export function DeleteResource({ name }: { name: string }) {
  const { document, edit, select } = useSource();
  const [asking, setAsking] = useState(false);
  if (!document) return null;
  const children = descendants(document, name);

  function remove(cascade: boolean) {
    if (!document) return;
    const next = deleteResource(document, name, cascade);
    edit(next);
    select(resourceNames(next)[0] ?? null);
    setAsking(false);
  }

  if (!asking) {
    return (
      <button type="button" className="danger" onClick={() => (children.length ? setAsking(true) : remove(false))}>
        Delete resource
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label="Confirm delete">
      <span>{children.join(', ')} depend{children.length === 1 ? 's' : ''} on {name}.</span>
      <button type="button" className="danger" onClick={() => remove(true)}>Delete with dependents</button>
      <button type="button" onClick={() => remove(false)}>Delete only {name}</button>
      <button type="button" onClick={() => setAsking(false)}>Cancel</button>
    </div>
  );
}
