// Click-to-configure: the actions for the node selected in the response tree.
import { useState } from 'react';
import { useSource } from '../../sources/state';
import { formatPath, type Segment } from '../json/jsonPath';
import { nodeActions } from './nodeActions';

export interface NodeActionsBarProps {
  resource: string;
  node: { path: Segment[]; value: unknown } | null;
  recordsPath: Segment[] | null;
  pageSize: number;
  bodies?: readonly unknown[];
}

export function NodeActionsBar({ resource, node, recordsPath, pageSize, bodies }: NodeActionsBarProps) {
  const { document, edit } = useSource();
  const [done, setDone] = useState<string | null>(null);
  if (!document) return null;
  if (!node) return <p className="muted actions-bar">Click a node of the body to configure from it.</p>;
  const actions = nodeActions({ doc: document, resource, path: node.path, value: node.value, recordsPath, pageSize, bodies });
  return (
    <div className="actions-bar" role="group" aria-label="Configure from selection">
      <code>{formatPath(node.path)}</code>
      {actions.length === 0 && <span className="muted">nothing to configure from this node</span>}
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
  );
}
