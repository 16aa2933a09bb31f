// The tables of the database, children under parents, with row counts.
import type { TableInfo } from '../../host';
import { buildTableTree, type TableNode } from './tableTree';

export interface TableTreeProps {
  tables: TableInfo[];
  selected: string | null;
  onSelect: (name: string) => void;
}

function Item({ node, level, selected, onSelect }: { node: TableNode; level: number; selected: string | null; onSelect: (n: string) => void }) {
  return (
    <li role="treeitem" aria-level={level} aria-selected={selected === node.table.name} aria-expanded={node.children.length > 0 ? true : undefined} aria-label={node.table.name}>
      <button type="button" className="tree-button" onClick={() => onSelect(node.table.name)}>
        <span className="mono">{node.table.name}</span> <span className="muted">{node.table.rows}</span>
      </button>
      {node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => (
            <Item key={c.table.name} node={c} level={level + 1} selected={selected} onSelect={onSelect} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function TableTree({ tables, selected, onSelect }: TableTreeProps) {
  const { data, system } = buildTableTree(tables);
  return (
    <nav aria-label="Tables" className="table-tree">
      {data.length === 0 && <p className="muted">No tables yet: run the source first.</p>}
      <ul role="tree" aria-label="Data tables">
        {data.map((n) => (
          <Item key={n.table.name} node={n} level={1} selected={selected} onSelect={onSelect} />
        ))}
      </ul>
      {system.length > 0 && (
        <details>
          <summary>System tables ({system.length})</summary>
          <ul role="tree" aria-label="System tables">
            {system.map((t) => (
              <Item key={t.name} node={{ table: t, children: [] }} level={1} selected={selected} onSelect={onSelect} />
            ))}
          </ul>
        </details>
      )}
    </nav>
  );
}
