// A resource's card on the canvas: name, method and path, paginator, incremental and write
// disposition badges. Drag from the right handle to create a child of it.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ResourceCard } from './model';

export type ResourceNodeData = ResourceCard & { problems: number };
export type ResourceNodeType = Node<ResourceNodeData, 'resource'>;

export function ResourceNode({ data, selected }: NodeProps<ResourceNodeType>) {
  return (
    <div
      className={`rnode ${selected ? 'selected' : ''} ${data.selected ? '' : 'deselected'}`}
      data-testid={`node-${data.name}`}
      title={data.path}
    >
      <Handle type="target" position={Position.Left} />
      <div className="rnode-head">
        <strong className="rnode-name">{data.name}</strong>
        {data.problems > 0 && (
          <span className="badge badge-error" title={`${data.problems} problem(s)`}>
            {data.problems}
          </span>
        )}
      </div>
      <div className="rnode-path">
        {data.seed ? <em>seed rows</em> : (
          <>
            <span className="method">{data.method}</span> {data.path || <em>(no path)</em>}
          </>
        )}
      </div>
      <div className="rnode-badges">
        <span className={`badge ${data.paginatorInherited ? 'badge-dim' : ''}`} title={data.paginatorInherited ? 'paginator (inherited)' : 'paginator'}>
          ⇉ {data.paginator}
        </span>
        {data.incremental && <span className="badge badge-info" title="incremental">↻ incremental</span>}
        <span className="badge" title="write disposition">{data.disposition}</span>
      </div>
      <Handle type="source" position={Position.Right} title="Drag to create a child resource" />
    </div>
  );
}
