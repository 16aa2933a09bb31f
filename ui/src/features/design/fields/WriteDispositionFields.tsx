// How rows are written: append, replace, merge (with a strategy) or skip; and the keys.
import { useId } from 'react';
import { isObject } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell, showValue } from './FieldShell';
import { ListField } from './ListField';

export const DISPOSITIONS = ['append', 'replace', 'merge', 'skip'] as const;
export const STRATEGIES = ['delete-insert', 'scd2', 'upsert', 'insert-only'] as const;

function parts(v: unknown): { disposition: string; strategy: string } {
  if (typeof v === 'string') return { disposition: v, strategy: '' };
  if (isObject(v)) return { disposition: String(v.disposition ?? ''), strategy: String(v.strategy ?? '') };
  return { disposition: '', strategy: '' };
}

/** The value for a disposition and strategy: the short string unless a strategy or other
 * options need the object form. */
export function dispositionValue(previous: unknown, disposition: string, strategy: string): unknown {
  if (disposition === '') return undefined;
  const rest = isObject(previous) ? previous : {};
  const useStrategy = disposition === 'merge' && strategy !== '';
  const extra = Object.keys(rest).filter((k) => k !== 'disposition' && k !== 'strategy');
  if (!useStrategy && extra.length === 0) return disposition;
  const next: Record<string, unknown> = { ...rest, disposition };
  if (useStrategy) next.strategy = strategy;
  else delete next.strategy;
  return next;
}

export function WriteDispositionFields({ binder }: { binder: Binder }) {
  const id = useId();
  const strategyId = useId();
  const rel = ['write_disposition'];
  const value = binder.get(rel);
  const { disposition, strategy } = parts(value);
  const inherited = binder.inherited(rel);
  return (
    <>
      <FieldShell path={binder.path(rel)} label="Write disposition" htmlFor={id} docs="loading">
        <select id={id} className="input" value={disposition} onChange={(e) => binder.set(rel, dispositionValue(value, e.target.value, strategy))}>
          <option value="">{inherited ? `(inherit: ${showValue(inherited.value)} from ${inherited.from})` : '(append)'}</option>
          {DISPOSITIONS.map((d) => (
            <option key={d} value={d}>{d}</option>
          ))}
        </select>
      </FieldShell>
      {disposition === 'merge' && (
        <FieldShell path={binder.path([...rel, 'strategy'])} label="Merge strategy" htmlFor={strategyId}>
          <select id={strategyId} className="input" value={strategy} onChange={(e) => binder.set(rel, dispositionValue(value, 'merge', e.target.value))}>
            <option value="">(delete-insert)</option>
            {STRATEGIES.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </FieldShell>
      )}
      <ListField binder={binder} rel={['primary_key']} label="Primary key" />
      {disposition === 'merge' && <ListField binder={binder} rel={['merge_key']} label="Merge key" />}
    </>
  );
}
