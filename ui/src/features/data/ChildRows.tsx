// Drill-down: the child rows of one row (child tables' rows whose _dlt_parent_id is its _dlt_id).
import { useState } from 'react';
import { useHost } from '../../host';
import { childRowsSql } from './sql';
import { useAsync } from './useAsync';
import { VirtualGrid } from './VirtualGrid';

export function ChildRows({ db, parentId, children }: { db: string; parentId: string; children: string[] }) {
  const host = useHost();
  const [chosen, setChosen] = useState<string | null>(null);
  const child = chosen && children.includes(chosen) ? chosen : children[0];
  const sql = childRowsSql(child, parentId);
  const { value, error } = useAsync(`${db}\n${sql}`, () => host.query(db, sql));
  return (
    <section aria-label="Child rows" className="card">
      <div className="row">
        <strong>Child rows of {parentId}</strong>
        {children.map((c) => (
          <button key={c} type="button" aria-pressed={c === child} onClick={() => setChosen(c)}>
            {c}
          </button>
        ))}
      </div>
      <pre className="code small">{sql}</pre>
      {error && <p role="alert" className="error">{error}</p>}
      {value && <VirtualGrid label={`Child rows in ${child}`} columns={value.columns} rows={value.rows} height={240} />}
    </section>
  );
}
