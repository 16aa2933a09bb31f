// SQL text the Data tab writes (read-only queries).

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function childRowsSql(child: string, parentId: string, limit = 1000): string {
  return `SELECT * FROM ${quoteIdent(child)} WHERE _dlt_parent_id = ${quoteLiteral(parentId)} ORDER BY _dlt_list_idx LIMIT ${limit}`;
}

/** A first guard in the UI; the host opens the database read-only either way. */
export function looksReadOnly(sql: string): boolean {
  const head = sql
    .replace(/--[^\n]*\n?/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .trim()
    .split(/\s+/)[0]
    ?.toLowerCase();
  return ['select', 'with', 'pragma', 'explain', 'values'].includes(head ?? '');
}
