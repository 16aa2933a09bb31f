// The paginator of the client or of an endpoint: a type, then that type's fields.
import { useId } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { asTyped, objectBinder } from '../objectBinder';
import { FieldShell } from './FieldShell';

import { BoolField, unsetText } from './SelectField';
import { TextField, type TextKind } from './TextField';

interface Spec {
  name: string;
  kind: TextKind | 'bool';
  hint?: string;
}

const path = (name: string, hint?: string): Spec => ({ name, kind: 'text', hint });
const int = (name: string, hint?: string): Spec => ({ name, kind: 'integer', hint });
const bool = (name: string): Spec => ({ name, kind: 'bool' });
const stops = [path('has_more_path', 'JSONPath of a has-more flag'), bool('stop_after_empty_page')];

export const PAGINATORS: Record<string, { title: string; fields: Spec[]; required?: Record<string, unknown> }> = {
  auto: { title: 'auto (detect from the first response)', fields: [] },
  json_link: { title: 'json_link (next URL in the body)', fields: [path('next_url_path', 'e.g. next or pagination.next')] },
  header_link: { title: 'header_link (Link: rel="next")', fields: [path('links_next_key')] },
  header_cursor: { title: 'header_cursor (cursor in a header)', fields: [path('cursor_key'), path('cursor_param')] },
  cursor: {
    title: 'cursor (cursor in the body)',
    fields: [path('cursor_path', 'e.g. cursors.next'), path('cursor_param'), path('cursor_body_path'), ...stops],
  },
  offset: {
    title: 'offset (offset & limit)',
    required: { limit: 100 },
    fields: [int('limit'), int('offset'), path('offset_param'), path('limit_param'), path('offset_body_path'),
      path('limit_body_path'), path('total_path'), int('maximum_offset'), ...stops],
  },
  page_number: {
    title: 'page_number (page=1,2,3…)',
    fields: [int('base_page'), int('page'), path('page_param'), path('page_body_path'), path('total_path'),
      int('maximum_page'), ...stops],
  },
  single_page: { title: 'single_page (no paging)', fields: [] },
  json_response: { title: 'json_response (json_link, old name)', fields: [path('next_url_path')] },
};

/** The value a new choice of type writes: the short string form when nothing else is needed. */
export function paginatorFor(type: string, previous: unknown): unknown {
  const spec = PAGINATORS[type];
  if (spec?.required) return { type, ...spec.required };
  return typeof previous === 'object' && previous !== null ? { type } : type;
}

export function PaginatorPicker({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const id = useId();
  const value = binder.get(rel);
  const type = value === undefined ? '' : value === null ? 'null' : String(asTyped(value).type ?? '');
  const spec = PAGINATORS[type];
  const sub = objectBinder(binder, rel);
  return (
    <fieldset className="group">
      <FieldShell path={binder.path(rel)} label="Paginator" htmlFor={id} docs="pagination">
        <select
          id={id}
          className="input"
          value={type}
          onChange={(e) => binder.set(rel, e.target.value === '' ? undefined : paginatorFor(e.target.value, value))}
        >
          <option value="">{unsetText(binder, rel, '(not set: auto)')}</option>
          {Object.entries(PAGINATORS).map(([t, s]) => (
            <option key={t} value={t}>
              {s.title}
            </option>
          ))}
          {type !== '' && !spec && <option value={type}>{type}</option>}
        </select>
      </FieldShell>
      {spec && spec.fields.length > 0 && (
        <div className="subfields">
          {spec.fields.map((f) =>
            f.kind === 'bool' ? (
              <BoolField key={f.name} binder={sub} rel={[f.name]} label={f.name} />
            ) : (
              <TextField key={f.name} binder={sub} rel={[f.name]} label={f.name} kind={f.kind} hint={f.hint} code />
            ),
          )}
        </div>
      )}
    </fieldset>
  );
}
