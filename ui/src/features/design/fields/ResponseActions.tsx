// response_actions: what to do with some responses (by status, body text or a jq condition):
// ignore them, or retry.
import { isObject, setIn, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { SelectField } from './SelectField';
import { FieldGroup } from './FieldGroup';
import { TextField } from './TextField';

export function ResponseActions({ binder, rel }: { binder: Binder; rel: DocPath }) {
  const raw = binder.get(rel);
  const actions = Array.isArray(raw) ? raw : [];
  const write = (next: unknown[]) => binder.set(rel, next.length ? next : undefined);
  return (
    <FieldGroup binder={binder} rel={rel} legend="Response actions" docs="responseActions">
      {actions.map((a, i) =>
        isObject(a) ? (
          <div key={i} className="subfields action-row">
            <TextField binder={binder} rel={[...rel, i, 'status_code']} label={`Action ${i + 1} status code`} kind="integer" placeholder="404" />
            <TextField binder={binder} rel={[...rel, i, 'content']} label="body contains" />
            <TextField binder={binder} rel={[...rel, i, 'condition']} label="condition (jq)" code placeholder='.error == "not found"' />
            <SelectField binder={binder} rel={[...rel, i, 'action']} label="action" options={['ignore', 'retry']} unsetLabel="(choose)" />
            <button type="button" className="icon" aria-label={`Remove action ${i + 1}`} onClick={() => write(actions.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        ) : (
          <p key={i} className="field-hint">Action {i + 1} is not an object: edit it in the JSON/YAML view.</p>
        ),
      )}
      <button type="button" onClick={() => write(setIn(actions, [actions.length], { status_code: 404, action: 'ignore' }))}>
        Add response action
      </button>
    </FieldGroup>
  );
}
