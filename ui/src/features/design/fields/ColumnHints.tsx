// columns: type hints for some columns of the resource's table (the map form; the list form
// is shown as-is and edited in the JSON/YAML view).
import { formatPath, isObject, renameKeyIn, setIn, deleteIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { KeyInput } from './KeyInput';
import { FieldGroup } from './FieldGroup';
import { uniqueKey } from './KeyValueTable';

export const DATA_TYPES = ['text', 'bigint', 'double', 'bool', 'timestamp', 'date', 'time', 'json', 'decimal', 'wei', 'binary'] as const;
const FLAGS = ['nullable', 'primary_key', 'merge_key', 'unique'] as const;

export function ColumnHints({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const raw = binder.get(rel);
  const path = formatPath(binder.path(rel));
  if (raw !== undefined && !isObject(raw)) {
    return (
      <FieldGroup binder={binder} rel={rel} legend="Column hints" docs="columns">
        <p className="field-hint">Written as a list: edit it in the JSON/YAML view.</p>
      </FieldGroup>
    );
  }
  const cols = raw ?? {};
  const write = (next: Record<string, unknown>) => binder.set(rel, Object.keys(next).length ? next : undefined);
  return (
    <FieldGroup binder={binder} rel={rel} legend="Column hints" docs="columns">
      {Object.keys(cols).length > 0 && (
        <table className="kv">
          <thead>
            <tr>
              <th>Column</th>
              <th>data_type</th>
              {FLAGS.map((f) => <th key={f}>{f}</th>)}
              <th />
            </tr>
          </thead>
          <tbody>
            {Object.entries(cols).map(([name, spec], i) => {
              const s = isObject(spec) ? spec : {};
              const set = (key: string, v: unknown) => write(setIn(cols, [name], setIn(s, [key], v)));
              return (
                <tr key={i} data-path={`${path}.${name}`}>
                  <td>
                    <KeyInput label={`Column ${i + 1} name`} value={name} taken={(k) => k in cols} onRename={(to) => write(renameKeyIn(cols, [], name, to))} />
                  </td>
                  <td>
                    <select className="input" aria-label={`Column ${name} data type`} value={String(s.data_type ?? '')} onChange={(e) => set('data_type', e.target.value || undefined)}>
                      <option value="">(infer)</option>
                      {DATA_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
                    </select>
                  </td>
                  {FLAGS.map((f) => (
                    <td key={f}>
                      <input type="checkbox" aria-label={`Column ${name} ${f}`} checked={s[f] === true} onChange={(e) => set(f, e.target.checked ? true : undefined)} />
                    </td>
                  ))}
                  <td>
                    <button type="button" className="icon" aria-label={`Remove column ${name}`} onClick={() => write(deleteIn(cols, [name]))}>✕</button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <button type="button" onClick={() => write({ ...cols, [uniqueKey(cols, 'column')]: { data_type: 'text' } })}>
        Add column hint
      </button>
    </FieldGroup>
  );
}
