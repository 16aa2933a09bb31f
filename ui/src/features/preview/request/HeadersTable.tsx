import { maskHeader } from './mask';

export function HeadersTable({ headers, label }: { headers: [string, string][]; label: string }) {
  if (headers.length === 0) return <p className="muted">No headers.</p>;
  return (
    <table className="kv" aria-label={label}>
      <tbody>
        {headers.map(([k, v], i) => (
          <tr key={`${k}-${i}`}>
            <th scope="row">{k}</th>
            <td className="mono">{maskHeader(k, v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
