// Asked when a resource is dragged onto another: which field of the parent the child uses
// (default `id`, choices from the parent's last preview) and where the child sends it.
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { recordFields, usePreviewTrace } from '../design/previewHints';
import { defaultParam, type LinkPlace, type LinkSpec } from './link';

export function LinkDialog({ parent, child, onLink, onClose }: {
  parent: string;
  child: string;
  onLink: (spec: LinkSpec) => void;
  onClose: () => void;
}) {
  const fieldId = useId();
  const listId = useId();
  const paramId = useId();
  const fields = recordFields(usePreviewTrace(parent)?.records ?? []);
  const [field, setField] = useState('id');
  const [place, setPlace] = useState<LinkPlace>('param');
  const [param, setParam] = useState<string | null>(null);
  const paramName = param ?? defaultParam(parent, field);
  return (
    <Dialog title={`Make ${child} a child of ${parent}`} onClose={onClose}>
      <form
        className="link-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (field.trim()) onLink({ parent, child, field: field.trim(), place, param: paramName.trim() || defaultParam(parent, field) });
        }}
      >
        <p className="field-hint">
          {child} will send one request (sequence of pages) per {parent} record, with the chosen field filled in.
        </p>
        <label htmlFor={fieldId} className="field-label">Parent field</label>
        <input id={fieldId} className="input code" list={listId} value={field} autoFocus onChange={(e) => setField(e.target.value)} />
        <datalist id={listId}>
          {fields.map((f) => <option key={f} value={f} />)}
        </datalist>
        <fieldset className="group">
          <legend>Send it as</legend>
          <label>
            <input type="radio" name="place" checked={place === 'param'} onChange={() => setPlace('param')} /> a query parameter
          </label>
          {place === 'param' && (
            <div className="inline">
              <label htmlFor={paramId}>named</label>
              <input id={paramId} className="input code" value={paramName} onChange={(e) => setParam(e.target.value)} />
            </div>
          )}
          <label>
            <input type="radio" name="place" checked={place === 'path'} onChange={() => setPlace('path')} /> the end of the endpoint path
          </label>
        </fieldset>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Link</button>
        </div>
      </form>
    </Dialog>
  );
}
