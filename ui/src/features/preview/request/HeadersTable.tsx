import type { ReactNode } from 'react';
import { maskHeader } from './mask';

export interface HeadersTableProps {
  headers: [string, string][];
  label: string;
  /** A last cell per header (click-to-configure in the response view). */
  action?: (name: string, value: string, index: number) => ReactNode;
}

export function HeadersTable({ headers, label, action }: HeadersTableProps) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {headers.map(([k, v], i) => (
          <tr key={`${k}-${i}`}>
            <th scope="row">{k}</th>
            <td className="mono">{maskHeader(k, v)}</td>
            {action && <td className="header-action">{action(k, v, i)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
