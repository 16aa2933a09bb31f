// Headers and similar string maps: rows of name and value, renamed in place (order kept).
import { formatPath, isObject, renameKeyIn, setIn, deleteIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { KeyInput } from './KeyInput';
import { FieldGroup } from './FieldGroup';
import type { DocsTopic } from '../help/docsLinks';
import { useProblems } from '../../problems/ProblemsProvider';

export function uniqueKey(obj: Record<string, unknown>, base: string): string {
  if (!(base in obj)) return base;
  let i = 2;
  while (`${base}_${i}` in obj) i += 1;
  return `${base}_${i}`;
}

export function KeyValueTable({ binder, rel, label, keyLabel = 'Name', addLabel = 'Add header', newKey = 'X-Header', docs = 'headers' }: {
  binder: Binder;
  rel: DocPath;
  label: string;
  keyLabel?: string;
  addLabel?: string;
  /** Name given to an added row. */
  newKey?: string;
  docs?: DocsTopic;
}) {
  const raw = binder.get(rel);
  const obj = isObject(raw) ? raw : {};
  const entries = Object.entries(obj);
  const { problems } = useProblems();
  const write = (next: Record<string, unknown>) => binder.set(rel, Object.keys(next).length ? next : undefined);
  return (
    <FieldGroup binder={binder} rel={rel} legend={label} docs={docs}>
      {entries.length > 0 && (
        <table className="kv">
          <thead>
            <tr>
              <th>{keyLabel}</th>
              <th>Value</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {entries.map(([key, value], i) => {
              const path = formatPath(binder.path([...rel, key]));
              const messages = problems.filter((p) => p.path === path);
              return (
                <tr key={i} data-path={path} className={messages.length ? 'has-problem' : undefined}>
                  <td>
                    <KeyInput
                      label={`${label} ${i + 1} name`}
                      value={key}
                      taken={(k) => k in obj}
                      onRename={(to) => write(renameKeyIn(obj, [], key, to))}
                    />
                  </td>
                  <td>
                    <input
                      className="input code"
                      aria-label={`${label} ${i + 1} value`}
                      value={typeof value === 'string' ? value : JSON.stringify(value)}
                      onChange={(e) => write(setIn(obj, [key], e.target.value))}
                    />
                    {messages.map((p, j) => (
                      <div key={j} className="field-problem">{p.message}</div>
                    ))}
                  </td>
                  <td>
                    <button type="button" className="icon" aria-label={`Remove ${key}`} onClick={() => write(deleteIn(obj, [key]))}>
                      ✕
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => write({ ...obj, [uniqueKey(obj, newKey)]: '' })}>
        {addLabel}
      </button>
    </FieldGroup>
  );
}
