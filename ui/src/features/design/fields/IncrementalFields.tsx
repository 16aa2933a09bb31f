// The endpoint's incremental loading: which field is the cursor, where it starts and ends,
// and which request parameters carry it.
import { isObject, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { objectBinder } from '../objectBinder';
import { SelectField } from './SelectField';
import { FieldGroup } from './FieldGroup';
import { TextField } from './TextField';

export function IncrementalFields({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const value = binder.get(rel);
  const sub = objectBinder(binder, rel);
  const inherited = binder.inherited(rel);
  return (
    <FieldGroup binder={binder} rel={rel} legend="Incremental loading" docs="incremental" showInherited={false}>
      {!isObject(value) ? (
        <>
          {inherited && <p className="field-hint">Inherits incremental on {String((inherited.value as { cursor_path?: unknown }).cursor_path)} from {inherited.from}.</p>}
          <button type="button" onClick={() => binder.set(rel, { cursor_path: 'updated_at', initial_value: '1970-01-01T00:00:00Z' })}>
            Load incrementally
          </button>
        </>
      ) : (
        <>
          <div className="subfields">
            <TextField binder={sub} rel={['cursor_path']} label="cursor_path" code keepEmpty hint="Field of each record that grows: updated_at, id…" />
            <TextField binder={sub} rel={['initial_value']} label="initial_value" kind="scalar" />
            <TextField binder={sub} rel={['end_value']} label="end_value" kind="scalar" />
            <TextField binder={sub} rel={['start_param']} label="start_param" code hint="Request parameter that receives the start value" />
            <TextField binder={sub} rel={['end_param']} label="end_param" code />
            <TextField binder={sub} rel={['convert']} label="convert (jq)" code hint="jq applied to the cursor value before it is sent, e.g. todate" />
            <SelectField binder={sub} rel={['last_value_func']} label="last_value_func" options={['max', 'min']} unsetLabel="(max)" />
            <SelectField binder={sub} rel={['row_order']} label="row_order" options={['asc', 'desc']} />
          </div>
          <button type="button" onClick={() => binder.set(rel, undefined)}>
            Stop loading incrementally
          </button>
        </>
      )}
    </FieldGroup>
  );
}
