// Click-to-configure: the actions for the node selected in the response tree.
import { useSource } from '../../sources/state';
import { formatPath, type Segment } from '../json/jsonPath';
import { ActionButtons } from './ActionButtons';
import { nodeActions } from './nodeActions';

export interface NodeActionsBarProps {
  resource: string;
  node: { path: Segment[]; value: unknown } | null;
  recordsPath: Segment[] | null;
  pageSize: number;
  bodies?: readonly unknown[];
}

export function NodeActionsBar({ resource, node, recordsPath, pageSize, bodies }: NodeActionsBarProps) {
  const { document } = useSource();
  if (!document) return null;
  if (!node) return <p className="muted actions-bar">Click a node of the body to configure from it.</p>;
  const actions = nodeActions({ doc: document, resource, path: node.path, value: node.value, recordsPath, pageSize, bodies });
  return (
    <div className="actions-bar" role="group" aria-label="Configure from selection">
      <code>{formatPath(node.path)}</code>
      <ActionButtons actions={actions} empty="nothing to configure from this node" />
    </div>
  );
}
