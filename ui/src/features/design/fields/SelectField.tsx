// A choice among fixed values, or "not set" (which shows what is inherited).
import { useId } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell, showValue } from './FieldShell';
import type { DocsTopic } from '../help/docsLinks';

export interface Option {
  value: string;
  label?: string;
}

export interface SelectFieldProps {
  binder: Binder;
  rel: DocPath;
  label: string;
  options: readonly (string | Option)[];
  /** Label of the empty choice; default "(not set)" or what is inherited. */
  unsetLabel?: string;
  hint?: string;
  docs?: DocsTopic;
}

export function unsetText(binder: Binder, rel: DocPath, fallback = '(not set)'): string {
  const inherited = binder.inherited(rel);
  return inherited ? `(inherit: ${showValue(inherited.value)} from ${inherited.from})` : fallback;
}

export function SelectField({ binder, rel, label, options, unsetLabel, hint, docs }: SelectFieldProps) {
  const id = useId();
  const value = binder.get(rel);
  const current = value === undefined ? '' : String(value);
  const opts = options.map((o) => (typeof o === 'string' ? { value: o } : o));
  return (
    <FieldShell path={binder.path(rel)} label={label} htmlFor={id} hint={hint} docs={docs}>
      <select id={id} className="input" value={current} onChange={(e) => binder.set(rel, e.target.value || undefined)}>
        <option value="">{unsetLabel ?? unsetText(binder, rel)}</option>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
        {current !== '' && !opts.some((o) => o.value === current) && <option value={current}>{current}</option>}
      </select>
    </FieldShell>
  );
}

/** true / false / not set. */
export function BoolField({ binder, rel, label, hint }: { binder: Binder; rel: DocPath; label: string; hint?: string }) {
  const id = useId();
  const value = binder.get(rel);
  return (
    <FieldShell path={binder.path(rel)} label={label} htmlFor={id} hint={hint}>
      <select
        id={id}
        className="input"
        value={value === true ? 'true' : value === false ? 'false' : ''}
        onChange={(e) => binder.set(rel, e.target.value === '' ? undefined : e.target.value === 'true')}
      >
        <option value="">{unsetText(binder, rel)}</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    </FieldShell>
  );
}
