// One labelled form field: carries `data-path` (so a clicked problem can find it), shows the
// engine's problems at exactly that path, the schema's description of the field (inline help),
// and what the field inherits when it is unset.
import type { ReactNode } from 'react';
import { formatPath, type DocPath } from '../../sources/docPath';
import { useProblems } from '../../problems/ProblemsProvider';
import { DocsLink, HelpText, useFieldHelp } from '../help/SchemaHelp';
import type { DocsTopic } from '../help/docsLinks';

export interface FieldShellProps {
  path: DocPath;
  label: string;
  /** id of the control the label names. */
  htmlFor?: string;
  hint?: ReactNode;
  className?: string;
  /** Links the label to this part of dlt's docs. */
  docs?: DocsTopic;
  children: ReactNode;
}

export function FieldShell({ path, label, htmlFor, hint, className, docs, children }: FieldShellProps) {
  const key = formatPath(path);
  const problems = useProblems().problems.filter((p) => p.path === key);
  const help = useFieldHelp(path);
  return (
    <div className={`field ${problems.length ? 'has-problem' : ''} ${className ?? ''}`} data-path={key}>
      <div className="field-head">
        <label className="field-label" htmlFor={htmlFor}>
          {label}
        </label>
        {docs && <DocsLink topic={docs} />}
      </div>
      <div className="field-control">{children}</div>
      {help && (
        <div className="field-help">
          <HelpText text={help} />
        </div>
      )}
      {hint && <div className="field-hint">{hint}</div>}
      {problems.map((p, i) => (
        <div key={i} className={`field-problem field-problem-${p.severity}`}>
          {p.message}
        </div>
      ))}
    </div>
  );
}

/** A short, readable rendering of an inherited value. */
export function showValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isShort(v)) return JSON.stringify(v);
  if (v && typeof v === 'object' && 'type' in v) return String((v as { type: unknown }).type);
  return JSON.stringify(v);
}

function isShort(v: unknown): boolean {
  return JSON.stringify(v)?.length <= 40;
}
