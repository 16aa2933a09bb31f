// A binder for an object field that may be written in a short string form (`paginator:
// header_link`, `auth: bearer`): read as `{type: ...}`, expanded only when a field is set.
import { getIn, isObject, setIn, type DocPath } from '../sources/docPath';
import type { Binder } from './binder';

export function asTyped(v: unknown): Record<string, unknown> {
  if (typeof v === 'string') return { type: v };
  return isObject(v) ? v : {};
}

export function objectBinder(parent: Binder, rel: DocPath): Binder {
  const current = () => asTyped(parent.get(rel));
  return {
    path: (sub) => parent.path([...rel, ...sub]),
    get: (sub) => getIn(current(), sub),
    set: (sub, value) => parent.set(rel, setIn(current(), sub, value)),
    update: parent.update,
    inherited: () => undefined,
  };
}
