// Field help from the engine's JSON Schema, fetched once per host and shared by every field.
import { createContext, useContext, useEffect, useState, type MouseEvent, type ReactNode } from 'react';
import { useHost, type Host } from '../../../host';
import type { DocPath } from '../../sources/docPath';
import { describe } from './schemaHelp';
import { DOCS, type DocsTopic } from './docsLinks';

type Schema = Record<string, unknown>;

const fetched = new WeakMap<Host, Promise<Schema | null>>();

function schemaOf(host: Host): Promise<Schema | null> {
  let p = fetched.get(host);
  if (!p) {
    // No help is better than a broken form: a host without a schema gives none.
    p = Promise.resolve()
      .then(() => host.schema())
      .catch(() => null);
    fetched.set(host, p);
  }
  return p;
}

const SchemaContext = createContext<Schema | null>(null);

export function SchemaHelpProvider({ children }: { children: ReactNode }) {
  const host = useHost();
  const [schema, setSchema] = useState<Schema | null>(null);
  useEffect(() => {
    let live = true;
    schemaOf(host).then((s) => live && setSchema(s));
    return () => {
      live = false;
    };
  }, [host]);
  return <SchemaContext.Provider value={schema}>{children}</SchemaContext.Provider>;
}

/** The schema's description of the field at `path` (an absolute document path). */
export function useFieldHelp(path: DocPath): string | undefined {
  return describe(useContext(SchemaContext), path);
}

/** "dlt docs" link of a field group. */
export function DocsLink({ topic }: { topic: DocsTopic }) {
  const host = useHost();
  const open = (e: MouseEvent) => {
    if (!host.openExternal) return;
    e.preventDefault();
    void host.openExternal(DOCS[topic]);
  };
  return (
    <a className="docs-link" href={DOCS[topic]} target="_blank" rel="noreferrer" onClick={open} title="What dlt's documentation says about these fields">
      dlt docs ↗
    </a>
  );
}

/** A description with its `code` spans set as code. */
export function HelpText({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : p))}</>;
}
