// Tables as a tree: child tables (lists) under their parents; dlt's system tables apart.
import type { TableInfo } from '../../host';

export interface TableNode {
  table: TableInfo;
  children: TableNode[];
}

export function isSystemTable(name: string): boolean {
  return name.startsWith('_dlt_');
}

export function buildTableTree(tables: TableInfo[]): { data: TableNode[]; system: TableInfo[] } {
  const nodes = new Map<string, TableNode>();
  for (const t of tables) if (!isSystemTable(t.name)) nodes.set(t.name, { table: t, children: [] });
  const roots: TableNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.table.parent ? nodes.get(node.table.parent) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const byName = (a: TableNode, b: TableNode) => a.table.name.localeCompare(b.table.name);
  const sort = (list: TableNode[]) => {
    list.sort(byName);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return { data: roots, system: tables.filter((t) => isSystemTable(t.name)) };
}

/** The direct child tables of a table. */
export function childTables(tables: TableInfo[], name: string): string[] {
  return tables.filter((t) => t.parent === name).map((t) => t.name);
}
