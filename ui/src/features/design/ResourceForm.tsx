// The form of one resource, or (mode "defaults") of resource_defaults: every field the
// language has for a resource, each bound to its path in the document.
import { isObject } from '../sources/docPath';
import { parentRefs } from '../sources/placeholders';
import { resourceList, resourceObject } from '../sources/resourceDoc';
import { resourceNames, useSource } from '../sources/state';
import { useResourceBinder, useDefaultsBinder, type Binder } from './binder';
import { AuthPicker } from './fields/AuthPicker';
import { IncrementalFields } from './fields/IncrementalFields';
import { JsonField } from './fields/JsonField';
import { KeyValueTable } from './fields/KeyValueTable';
import { PaginatorPicker } from './fields/PaginatorPicker';
import { ParamsTable } from './fields/ParamsTable';
import { PlaceholderInput, placeholderOptions } from './fields/PlaceholderInput';
import { ProcessingSteps } from './fields/ProcessingSteps';
import { BoolField, SelectField } from './fields/SelectField';
import { TextField } from './fields/TextField';
import { WriteDispositionFields } from './fields/WriteDispositionFields';
import { RenameField } from './RenameField';
import { ResponseActions } from './fields/ResponseActions';
import { ColumnHints } from './fields/ColumnHints';
import { DeleteResource } from './DeleteResource';
import { DocsLink } from './help/SchemaHelp';
import { IncludeFromParent } from './fields/IncludeFromParent';
import { selectorSuggestions, usePreviewTrace } from './previewHints';

/** Keys a form shows; anything else is listed as "edit in the JSON/YAML view". */
const RESOURCE_KEYS = new Set(['name', 'endpoint', 'write_disposition', 'primary_key', 'merge_key', 'table_name',
  'max_table_nesting', 'selected', 'parallelized', 'include_from_parent', 'processing_steps', 'columns']);
const ENDPOINT_KEYS = new Set(['path', 'method', 'params', 'json', 'data', 'headers', 'paginator', 'data_selector',
  'incremental', 'auth', 'max_pages', 'response_actions']);

export function otherKeys(resource: Record<string, unknown>): string[] {
  const ep = isObject(resource.endpoint) ? resource.endpoint : {};
  return [
    ...Object.keys(resource).filter((k) => !RESOURCE_KEYS.has(k)),
    ...Object.keys(ep).filter((k) => !ENDPOINT_KEYS.has(k)).map((k) => `endpoint.${k}`),
  ];
}

export function ResourceForm({ name }: { name: string }) {
  const { document } = useSource();
  const index = resourceList(document).findIndex((e) => resourceObject(e).name === name || e === name);
  const binder = useResourceBinder(index);
  const trace = usePreviewTrace(name);
  if (index < 0 || !document) return null;
  const entry = resourceList(document)[index];
  const names = resourceNames(document);
  const others = names.filter((n) => n !== name);
  const parents = [...new Set([...parentRefs(entry).map((r) => r.parent), ...others])];
  // Hooks stay above the early return below.
  const suggestions = selectorSuggestions(trace);
  const extra = otherKeys(resourceObject(entry));
  const refs = parentRefs(entry);
  const nearest = refs.find((r) => names.includes(r.parent))?.parent ?? null;
  return (
    <form className="resource-form" aria-label={`Resource ${name}`} onSubmit={(e) => e.preventDefault()}>
      <div className="form-head">
        <h3>{name}</h3>
        <DeleteResource name={name} />
      </div>
      <section className="form-section">
        <h4>Resource <DocsLink topic="resource" /></h4>
        <RenameField name={name} />
        <PlaceholderInput binder={binder} rel={['endpoint', 'path']} label="Endpoint path" options={placeholderOptions(others)} placeholder={typeof entry === 'string' ? entry : 'issues'} />
        <SelectField binder={binder} rel={['endpoint', 'method']} label="Method" options={['GET', 'POST']} unsetLabel="(GET)" />
        <TextField
          binder={binder}
          rel={['endpoint', 'data_selector']}
          label="Data selector"
          code
          docs="selector"
          placeholder="auto-detected, e.g. data.items"
          suggestions={suggestions}
          hint={suggestions.length ? `From the last preview: ${suggestions.join(', ')}` : 'Preview the resource to get suggestions.'}
        />
      </section>
      <RequestFields binder={binder} parents={parents} />
      <LoadingFields binder={binder} parent={{ name: nearest, fields: refs.filter((r) => r.parent === nearest).map((r) => r.field) }} />
      <ProcessingSteps binder={binder} rel={['processing_steps']} resource={name} />
      {extra.length > 0 && <p className="field-hint">Also set (edit them in the JSON/YAML view): {extra.join(', ')}</p>}
    </form>
  );
}

export function DefaultsForm() {
  const binder = useDefaultsBinder();
  return (
    <form className="resource-form" aria-label="Resource defaults" onSubmit={(e) => e.preventDefault()}>
      <p className="field-hint">
        Applied to every resource; a resource's own value wins. Each resource's form shows the value it inherits from here. <DocsLink topic="defaults" />
      </p>
      <section className="form-section">
        <h4>Request <DocsLink topic="endpoint" /></h4>
        <SelectField binder={binder} rel={['endpoint', 'method']} label="Method" options={['GET', 'POST']} unsetLabel="(GET)" />
        <TextField binder={binder} rel={['endpoint', 'data_selector']} label="Data selector" code docs="selector" />
      </section>
      <RequestFields binder={binder} parents={[]} />
      <LoadingFields binder={binder} />
      <ProcessingSteps binder={binder} rel={['processing_steps']} />
    </form>
  );
}

function RequestFields({ binder, parents }: { binder: Binder; parents: string[] }) {
  return (
    <>
      <section className="form-section">
        <h4>Parameters and body <DocsLink topic="endpoint" /></h4>
        <ParamsTable binder={binder} rel={['endpoint', 'params']} parents={parents} />
        <KeyValueTable binder={binder} rel={['endpoint', 'headers']} label="Headers" />
        <JsonField binder={binder} rel={['endpoint', 'json']} label="JSON body" hint="For POST endpoints; placeholders allowed in strings." />
        <BodyForm binder={binder} />
      </section>
      <section className="form-section">
        <h4>Pagination and auth <DocsLink topic="pagination" /></h4>
        <PaginatorPicker binder={binder} rel={['endpoint', 'paginator']} />
        <TextField binder={binder} rel={['endpoint', 'max_pages']} label="Max pages" kind="integer" />
        <AuthPicker binder={binder} rel={['endpoint', 'auth']} />
        <ResponseActions binder={binder} rel={['endpoint', 'response_actions']} />
      </section>
      <section className="form-section">
        <h4>Incremental <DocsLink topic="incremental" /></h4>
        <IncrementalFields binder={binder} rel={['endpoint', 'incremental']} />
      </section>
    </>
  );
}

function LoadingFields({ binder, parent }: { binder: Binder; parent?: { name: string | null; fields: string[] } }) {
  return (
    <section className="form-section">
      <h4>Loading <DocsLink topic="loading" /></h4>
      <WriteDispositionFields binder={binder} />
      <TextField binder={binder} rel={['table_name']} label="Table name" code />
      {parent && <IncludeFromParent binder={binder} parent={parent.name} referenced={parent.fields} />}
      <TextField binder={binder} rel={['max_table_nesting']} label="Max table nesting" kind="integer" />
      <BoolField binder={binder} rel={['selected']} label="Selected" />
      <BoolField binder={binder} rel={['parallelized']} label="Parallelized" />
      <ColumnHints binder={binder} rel={['columns']} />
    </section>
  );
}

/** `data`: a form-encoded body as name/value rows (a string body is edited in the code view). */
function BodyForm({ binder }: { binder: Binder }) {
  const data = binder.get(['endpoint', 'data']);
  if (data !== undefined && !isObject(data)) {
    return <p className="field-hint">The form body (data) is a string: edit it in the JSON/YAML view.</p>;
  }
  return <KeyValueTable binder={binder} rel={['endpoint', 'data']} label="Form body (data)" addLabel="Add form field" newKey="field" />;
}
