// The resources as a graph (React Flow): click a card to edit it, drag from a card's right
// handle into empty space to create a child whose path fills in the parent's id, or onto
// another card's left handle to make that resource a child (LinkDialog asks for the field).
// A child's card shows how many requests it will send once its parent has been previewed.
import { useMemo, useState } from 'react';
import {
  Background,
  Controls,
  ReactFlow,
  type Connection,
  type Edge,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { parsePath } from '../sources/docPath';
import { addChild, addResource } from '../sources/placeholders';
import { useSource } from '../sources/state';
import { useProblems } from '../problems/ProblemsProvider';
import { useHost } from '../../host';
import { previewCache } from '../preview/previewCache';
import { canLink, linkResources, type LinkSpec } from './link';
import { LinkDialog } from './LinkDialog';
import { estimateRequests } from './requests';
import { layout, resourceCards, resourceEdges } from './model';
import { ResourceNode, type ResourceNodeType } from './ResourceNode';

const nodeTypes = { resource: ResourceNode };

export function ResourceGraph({ theme }: { theme: 'light' | 'dark' }) {
  const { document, edit, select, selectedResource } = useSource();
  const { problems } = useProblems();
  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({});
  const [linking, setLinking] = useState<{ parent: string; child: string } | null>(null);
  const host = useHost();

  const { nodes, edges } = useMemo(() => {
    if (!document) return { nodes: [] as ResourceNodeType[], edges: [] as Edge[] };
    const cards = resourceCards(document);
    const links = resourceEdges(document);
    const auto = layout(cards, links);
    const counts = new Map<number, number>();
    for (const p of problems) {
      const [head, i] = parsePath(p.path);
      if (head === 'resources' && typeof i === 'number') counts.set(i, (counts.get(i) ?? 0) + 1);
    }
    // Read at render: the cache fills on the Preview tab, and this tab re-renders on return.
    const cache = previewCache(host);
    const estimate = (name: string) => {
      const parent = links.find((l) => l.child === name)?.parent;
      const e = parent ? estimateRequests(cache.get(parent)?.trace, cache.get(name)?.trace) : null;
      return e && parent ? { ...e, parent } : null;
    };
    return {
      nodes: cards.map<ResourceNodeType>((card) => ({
        id: card.name,
        type: 'resource',
        position: moved[card.name] ?? auto[card.name],
        data: { ...card, problems: counts.get(card.index) ?? 0, estimate: estimate(card.name) },
        selected: card.name === selectedResource,
      })),
      edges: links.map<Edge>((l) => ({
        id: l.id,
        source: l.parent,
        target: l.child,
        label: l.field,
        animated: false,
        className: 'redge',
      })),
    };
  }, [document, problems, moved, selectedResource, host]);

  function onNodesChange(changes: NodeChange<ResourceNodeType>[]) {
    for (const c of changes) {
      if (c.type === 'position' && c.position) {
        const pos = c.position;
        setMoved((m) => ({ ...m, [c.id]: pos }));
      }
      // Keyboard selection (Tab to a card, Enter) arrives as a select change.
      if (c.type === 'select' && c.selected && c.id !== selectedResource) select(c.id);
    }
  }

  const onConnectEnd: OnConnectEnd = (_event, state) => {
    // Dropped on empty canvas: a new child of the node the drag started from (a drop on a
    // card is onConnect's, or refused by isValidConnection).
    if (!document || state.isValid || state.toNode || !state.fromNode || state.fromHandle?.type !== 'source') return;
    const { doc, name } = addChild(document, state.fromNode.id);
    edit(doc);
    select(name);
  };

  const onConnect = (c: Connection) => {
    if (document && canLink(document, c.source, c.target)) setLinking({ parent: c.source, child: c.target });
  };

  const link = (spec: LinkSpec) => {
    if (!document) return;
    edit(linkResources(document, spec));
    select(spec.child);
    setLinking(null);
  };

  if (!document) return null;
  return (
    <div className="graph" data-testid="resource-graph">
      <div className="graph-toolbar">
        <button
          type="button"
          onClick={() => {
            const { doc, name } = addResource(document);
            edit(doc);
            select(name);
          }}
        >
          + Add resource
        </button>
        {selectedResource && (
          <button
            type="button"
            title="Or drag from a resource's right handle into empty space"
            onClick={() => {
              const { doc, name } = addChild(document, selectedResource);
              edit(doc);
              select(name);
            }}
          >
            + Child of {selectedResource}
          </button>
        )}
      </div>
      <ReactFlow<ResourceNodeType, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeClick={(_e, node) => select(node.id)}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={(c) => canLink(document, c.source, c.target)}
        connectionRadius={40}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.3}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {linking && <LinkDialog parent={linking.parent} child={linking.child} onLink={link} onClose={() => setLinking(null)} />}
    </div>
  );
}
