// What an export would do, shown before it does it: the leak lint's result, problems that
// refuse the export, and the files it would write, replace or keep.
import type { ExportPlan, PlannedFile } from '../../host';

function fileState(f: PlannedFile): string {
  if (f.kept) return 'kept (may hold your values)';
  return f.overwrites ? 'replaces the existing file' : 'new';
}

function size(bytes: number): string {
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} kB` : `${bytes} B`;
}

export function ExportPlanView({ plan }: { plan: ExportPlan }) {
  return (
    <div className="export-plan">
      <section aria-label="Leak lint" className={plan.leaks.length > 0 ? 'lint lint-bad' : 'lint lint-ok'}>
        <strong>Leak lint:</strong>{' '}
        {plan.leaks.length === 0 ? (
          <span data-testid="lint-result">no literal secrets — secret values stay out of the exported files.</span>
        ) : (
          <>
            <span data-testid="lint-result">
              {plan.leaks.length} literal {plan.leaks.length === 1 ? 'secret' : 'secrets'} would be copied into the export:
            </span>
            <ul>
              {plan.leaks.map((l) => (
                <li key={l.path}>
                  <code>{l.path}</code> holds <code>{l.masked}</code>: replace it with a <code>{'{secrets.NAME}'}</code> reference and
                  set the value in the Secrets panel.
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {plan.refused && (
        <p role="alert" className="error">
          Not exportable: {plan.refused}
        </p>
      )}
      {plan.problems.length > 0 && (
        <ul aria-label="Problems">
          {plan.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path}</code>: {p.message}
            </li>
          ))}
        </ul>
      )}
      {plan.files.length > 0 && (
        <table aria-label="Files to write" className="small">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
              <th scope="col">On disk</th>
            </tr>
          </thead>
          <tbody>
            {plan.files.map((f) => (
              <tr key={f.path} className={f.overwrites ? 'overwrites' : undefined}>
                <td className="mono">{f.path}</td>
                <td>{size(f.bytes)}</td>
                <td>{fileState(f)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.notes.length > 0 && (
        <details>
          <summary>Changes to fit dlt ({plan.notes.length})</summary>
          <ul>
            {plan.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
