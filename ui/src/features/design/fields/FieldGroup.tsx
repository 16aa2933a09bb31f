// A group of fields for one object or list of the document (query parameters, headers,
// processing steps...): its legend, the schema's help, a link to dlt's docs, where it sits in
// the document (`data-path`, so a clicked problem finds it), and what it inherits when unset.
import type { ReactNode } from 'react';
import { formatPath, type DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { DocsLink, HelpText, useFieldHelp } from '../help/SchemaHelp';
import type { DocsTopic } from '../help/docsLinks';
import { showValue } from './FieldShell';

export function FieldGroup({ binder, rel, legend, docs, showInherited = true, children }: {
  binder: Binder;
  rel: DocPath;
  legend: string;
  docs?: DocsTopic;
  /** false for maps the engine merges with the defaults (params): the group says so itself. */
  showInherited?: boolean;
  children: ReactNode;
}) {
  const path = binder.path(rel);
  const help = useFieldHelp(path);
  const inherited = showInherited && binder.get(rel) === undefined ? binder.inherited(rel) : undefined;
  return (
    <fieldset className="group" data-path={formatPath(path)}>
      <legend>
        {legend}
        {docs && <DocsLink topic={docs} />}
      </legend>
      {help && (
        <p className="field-help">
          <HelpText text={help} />
        </p>
      )}
      {inherited && (
        <p className="field-hint inherited" data-testid="inherited">
          Not set here: uses <code>{showValue(inherited.value)}</code> from {inherited.from}.
        </p>
      )}
      {children}
    </fieldset>
  );
}
