// The resources as a graph (React Flow): click a card to edit it, drag from a card's right
// handle into empty space to create a child whose path fills in the parent's id.
import { useMemo, useState } from 'react';
import {
  Background,
  Controls,
  ReactFlow,
  type Edge,
  type NodeChange,
  type OnConnectEnd,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { parsePath } from '../sources/docPath';
import { addChild, addResource } from '../sources/placeholders';
import { useSource } from '../sources/state';
import { useProblems } from '../problems/ProblemsProvider';
import { layout, resourceCards, resourceEdges } from './model';
import { ResourceNode, type ResourceNodeType } from './ResourceNode';

const nodeTypes = { resource: ResourceNode };

export function ResourceGraph({ theme }: { theme: 'light' | 'dark' }) {
  const { document, edit, select, selectedResource } = useSource();
  const { problems } = useProblems();
  const [moved, setMoved] = useState<Record<string, { x: number; y: number }>>({});

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
    return {
      nodes: cards.map<ResourceNodeType>((card) => ({
        id: card.name,
        type: 'resource',
        position: moved[card.name] ?? auto[card.name],
        data: { ...card, problems: counts.get(card.index) ?? 0 },
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
  }, [document, problems, moved, selectedResource]);

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
    // Dropped on empty canvas: a new child of the node the drag started from.
    if (!document || state.isValid || !state.fromNode || state.fromHandle?.type !== 'source') return;
    const { doc, name } = addChild(document, state.fromNode.id);
    edit(doc);
    select(name);
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
        onConnectEnd={onConnectEnd}
        isValidConnection={() => false}
        deleteKeyCode={null}
        colorMode={theme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.3}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
