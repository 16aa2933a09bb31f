// Query parameters: each a literal, a parent's field (`{resources.p.f}` or `type: resolve`),
// or an incremental value (`{incremental.start_value}` or `type: incremental`).
import { formatPath, isObject, renameKeyIn, setIn, deleteIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { KeyInput } from './KeyInput';
import { FieldGroup } from './FieldGroup';
import { useProblems } from '../../problems/ProblemsProvider';
import { parseText, toText } from './TextField';
import { uniqueKey } from './KeyValueTable';

export type ParamKind = 'literal' | 'parent' | 'incremental';

const PARENT = /^\{resources\.([^.{}]+)\.([^{}]*)\}$/;
const INCREMENTAL = /^\{incremental\.([a-z_]+)\}$/;

export function paramKind(v: unknown): ParamKind {
  if (isObject(v) && v.type === 'resolve') return 'parent';
  if (isObject(v) && v.type === 'incremental') return 'incremental';
  if (typeof v === 'string' && PARENT.test(v)) return 'parent';
  if (typeof v === 'string' && INCREMENTAL.test(v)) return 'incremental';
  return 'literal';
}

export function parentOf(v: unknown): { resource: string; field: string } {
  if (isObject(v)) return { resource: String(v.resource ?? ''), field: String(v.field ?? '') };
  const m = typeof v === 'string' ? PARENT.exec(v) : null;
  return m ? { resource: m[1], field: m[2] } : { resource: '', field: '' };
}

/** Writes a parent reference in the form the param already uses (placeholder by default). */
export function withParent(previous: unknown, resource: string, field: string): unknown {
  if (isObject(previous) && previous.type === 'resolve') return { ...previous, resource, field };
  return `{resources.${resource}.${field}}`;
}

export function initialFor(kind: ParamKind, parents: string[]): unknown {
  if (kind === 'parent') return `{resources.${parents[0] ?? 'parent'}.id}`;
  if (kind === 'incremental') return '{incremental.start_value}';
  return '';
}

export function ParamsTable({ binder, rel, parents }: { binder: Binder; rel: DocPath; parents: string[] }) {
  const raw = binder.get(rel);
  const obj = isObject(raw) ? raw : {};
  const { problems } = useProblems();
  const write = (next: Record<string, unknown>) => binder.set(rel, Object.keys(next).length ? next : undefined);
  const inherited = binder.inherited(rel);
  return (
    <FieldGroup binder={binder} rel={rel} legend="Query parameters" docs="params" showInherited={false}>
      {inherited && isObject(inherited.value) && (
        <p className="field-hint">
          Also sent, from {inherited.from}: {Object.entries(inherited.value).map(([k, v]) => `${k}=${toText(v)}`).join(', ')}
        </p>
      )}
      {Object.keys(obj).length > 0 && (
        <table className="kv params">
          <thead>
            <tr>
              <th>Name</th>
              <th>Kind</th>
              <th>Value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {Object.entries(obj).map(([key, value], i) => {
              const path = formatPath(binder.path([...rel, key]));
              const messages = problems.filter((p) => p.path.startsWith(path) && (p.path === path || p.path[path.length] === '.'));
              const kind = paramKind(value);
              const set = (v: unknown) => write(setIn(obj, [key], v));
              return (
                <tr key={i} data-path={path} className={messages.length ? 'has-problem' : undefined}>
                  <td>
                    <KeyInput
                      label={`Parameter ${i + 1} name`}
                      value={key}
                      taken={(k) => k in obj}
                      onRename={(to) => write(renameKeyIn(obj, [], key, to))}
                    />
                  </td>
                  <td>
                    <select
                      className="input"
                      aria-label={`Parameter ${key} kind`}
                      value={kind}
                      onChange={(e) => set(initialFor(e.target.value as ParamKind, parents))}
                    >
                      <option value="literal">literal</option>
                      <option value="parent">parent field</option>
                      <option value="incremental">incremental</option>
                    </select>
                  </td>
                  <td>
                    <ParamValue name={key} value={value} kind={kind} parents={parents} set={set} />
                    {messages.map((p, j) => (
                      <div key={j} className="field-problem">{p.message}</div>
                    ))}
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={`Remove parameter ${key}`} onClick={() => write(deleteIn(obj, [key]))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => write({ ...obj, [uniqueKey(obj, 'param')]: '' })}>
        Add parameter
      </button>
    </FieldGroup>
  );
}

function ParamValue({ name, value, kind, parents, set }: {
  name: string;
  value: unknown;
  kind: ParamKind;
  parents: string[];
  set: (v: unknown) => void;
}) {
  if (kind === 'parent') {
    const { resource, field } = parentOf(value);
    return (
      <div className="inline">
        <select className="input" aria-label={`Parameter ${name} parent`} value={resource} onChange={(e) => set(withParent(value, e.target.value, field))}>
          {!parents.includes(resource) && <option value={resource}>{resource || '(choose)'}</option>}
          {parents.map((p) => (
            <option key={p} value={p}>{p}</option>
          ))}
        </select>
        <span>.</span>
        <input className="input code" aria-label={`Parameter ${name} parent field`} value={field} onChange={(e) => set(withParent(value, resource, e.target.value))} />
      </div>
    );
  }
  if (kind === 'incremental' && isObject(value)) {
    return (
      <div className="inline">
        <input className="input code" aria-label={`Parameter ${name} cursor path`} placeholder="cursor_path" value={toText(value.cursor_path)} onChange={(e) => set({ ...value, cursor_path: e.target.value })} />
        <input className="input" aria-label={`Parameter ${name} initial value`} placeholder="initial_value" value={toText(value.initial_value)} onChange={(e) => set(setIn(value, ['initial_value'], parseText(e.target.value, 'scalar', value.initial_value)))} />
      </div>
    );
  }
  if (kind === 'incremental') {
    return (
      <select className="input" aria-label={`Parameter ${name} incremental value`} value={String(value)} onChange={(e) => set(e.target.value)}>
        {['{incremental.start_value}', '{incremental.end_value}'].map((o) => (
          <option key={o} value={o}>{o}</option>
        ))}
        {!['{incremental.start_value}', '{incremental.end_value}'].includes(String(value)) && <option value={String(value)}>{String(value)}</option>}
      </select>
    );
  }
  return (
    <input
      className="input"
      aria-label={`Parameter ${name} value`}
      value={toText(value)}
      onChange={(e) => {
        // A new (empty) parameter takes numbers as numbers (`per_page: 100`); one that holds
        // a string keeps typing strings.
        const parsed = parseText(e.target.value, 'scalar', value === '' ? undefined : value, true);
        set(parsed);
      }}
    />
  );
}
