// A resource's card on the canvas: name, method and path, paginator, incremental and write
// disposition badges, and for a child the requests it will send. Drag from the right handle to
// create a child of it, or onto another card's left handle to make that card its child.
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ResourceCard } from './model';
import { estimateText, estimateTitle, type RequestEstimate } from './requests';

export type ResourceNodeData = ResourceCard & { problems: number; estimate?: (RequestEstimate & { parent: string }) | null };
export type ResourceNodeType = Node<ResourceNodeData, 'resource'>;

export function ResourceNode({ data, selected }: NodeProps<ResourceNodeType>) {
  return (
    <div
      className={`rnode ${selected ? 'selected' : ''} ${data.selected ? '' : 'deselected'}`}
      data-testid={`node-${data.name}`}
      title={data.path}
    >
      <Handle type="target" position={Position.Left} title="Drop a parent's handle here to make this a child" />
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
        {data.estimate && (
          <span className="badge badge-info" data-testid={`requests-${data.name}`} title={estimateTitle(data.estimate, data.estimate.parent)}>
            {estimateText(data.estimate)}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} title="Drag to create a child resource" />
    </div>
  );
}
