// A child resource's cursors kept per parent record: where each parent's next request resumes.
import type { ParentCursor } from '../../host';

/** More than this many parents are folded behind a "show all" toggle. */
const FOLDED = 20;

function show(v: unknown): string {
  return v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

export function ParentCursors({ resource, cursors }: { resource: string; cursors: ParentCursor[] }) {
  if (cursors.length === 0) return null;
  const table = (list: ParentCursor[]) => (
    <table className="per-parent" aria-label={`Cursors of ${resource} per parent`}>
      <thead>
        <tr>
          <th scope="col">Parent</th>
          <th scope="col">Last value</th>
        </tr>
      </thead>
      <tbody>
        {list.map((c) => (
          <tr key={c.parent}>
            <td className="mono">{c.parent}</td>
            <td className="mono">{show(c.last_value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <details open={cursors.length <= FOLDED}>
      <summary>
        Per parent: {cursors.length} {cursors.length === 1 ? 'cursor' : 'cursors'}
      </summary>
      {table(cursors)}
    </details>
  );
}
