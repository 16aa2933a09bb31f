// The list of the engine's problems with the open document; a click goes to the field.
import type { Problem } from '../../host';
import { parsePath } from '../sources/docPath';
import { resourceList, resourceName } from '../sources/resourceDoc';
import { useSource } from '../sources/state';
import { useNavigation } from '../shell/navigation';
import { useProblems } from './ProblemsProvider';

/** Selects the resource a problem is in and focuses its field. */
export function useGoToProblem(): (p: Problem) => void {
  const { document, select } = useSource();
  const { focusPath } = useNavigation();
  return (p: Problem) => {
    const [head, index] = parsePath(p.path);
    if (head === 'resources' && typeof index === 'number') {
      const name = resourceName(resourceList(document)[index]);
      if (name) select(name);
    }
    focusPath(p.path);
  };
}

export function ProblemsPanel() {
  const { document } = useSource();
  const { status, problems, error } = useProblems();
  const goTo = useGoToProblem();
  if (!document) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title" className="problems-title">
        Problems
        <span className="count">
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
        {status === 'pending' && <span className="count">· checking…</span>}
      </h2>
      {error && <p className="validation-failed">Validation unavailable: {error}</p>}
      {problems.length === 0 && !error && status !== 'pending' && <p className="muted">No problems.</p>}
      <ul className="problem-list">
        {problems.map((p, i) => (
          <li key={`${p.path}:${i}`}>
            <button type="button" className={`problem problem-${p.severity}`} onClick={() => goTo(p)}>
              <span className="problem-icon" aria-hidden="true">{p.severity === 'error' ? '✖' : '⚠'}</span>
              <code className="problem-path">{p.path}</code>
              <span className="problem-message">{p.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
