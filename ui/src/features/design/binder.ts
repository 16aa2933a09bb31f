// A binder ties a form to one object of the document (the client, the resource defaults, or
// one resource): fields read and write paths relative to it, and every write is one
// `edit()` of the whole document, so undo, validation and the JSON view follow.
import { useMemo } from 'react';
import type { SourceDocument } from '../../host';
import { formatPath, getIn, setIn, type DocPath } from '../sources/docPath';
import { getResourceField, setResourceField } from '../sources/resourceDoc';
import { useSource } from '../sources/state';

export interface Inherited {
  value: unknown;
  /** Where it comes from: "resource defaults", "client". */
  from: string;
}

export interface Binder {
  /** Absolute document path of a field. */
  path(rel: DocPath): DocPath;
  get(rel: DocPath): unknown;
  /** Writes a value (`undefined` removes the key). Typing edits of one field make one undo step. */
  set(rel: DocPath, value: unknown): void;
  /** Applies any change of the whole document (renames, several keys at once). */
  update(change: (doc: SourceDocument) => SourceDocument): void;
  /** The value a field has when it is not set here. */
  inherited(rel: DocPath): Inherited | undefined;
}

type Writer = (doc: SourceDocument, rel: DocPath, value: unknown) => SourceDocument;

function useBinder(
  base: DocPath,
  read: (doc: SourceDocument, rel: DocPath) => unknown,
  write: Writer,
  inherit: (doc: SourceDocument, rel: DocPath) => Inherited | undefined,
): Binder {
  const { document, edit } = useSource();
  return useMemo(() => {
    const doc = document ?? {};
    return {
      path: (rel) => [...base, ...rel],
      get: (rel) => read(doc, rel),
      set: (rel, value) => edit(write(doc, rel, value), { coalesce: formatPath([...base, ...rel]) }),
      update: (change) => edit(change(doc)),
      inherited: (rel) => inherit(doc, rel),
    };
  }, [document, edit, base, read, write, inherit]);
}

const plainRead = (base: DocPath) => (doc: SourceDocument, rel: DocPath) => getIn(doc, [...base, ...rel]);
const plainWrite = (base: DocPath) => (doc: SourceDocument, rel: DocPath, value: unknown) => setIn(doc, [...base, ...rel], value);
const CLIENT: DocPath = ['client'];
const DEFAULTS: DocPath = ['resource_defaults'];
const readClient = plainRead(CLIENT);
const writeClient = plainWrite(CLIENT);
const readDefaults = plainRead(DEFAULTS);
const writeDefaults = plainWrite(DEFAULTS);
const noInherit = () => undefined;

export function useClientBinder(): Binder {
  return useBinder(CLIENT, readClient, writeClient, noInherit);
}

export function useDefaultsBinder(): Binder {
  return useBinder(DEFAULTS, readDefaults, writeDefaults, inheritForDefaults);
}

export function useResourceBinder(index: number): Binder {
  const read = useMemo(() => (doc: SourceDocument, rel: DocPath) => getResourceField(doc, index, rel), [index]);
  const write = useMemo<Writer>(() => (doc, rel, value) => setResourceField(doc, index, rel, value), [index]);
  const base = useMemo<DocPath>(() => ['resources', index], [index]);
  return useBinder(base, read, write, inheritForResource);
}

/** Endpoint paginator and auth fall back to the client's. */
function fromClient(doc: SourceDocument, rel: DocPath): Inherited | undefined {
  const key = rel.join('.');
  if (key === 'endpoint.paginator' || key === 'auth' || key === 'endpoint.auth') {
    const value = getIn(doc, ['client', key === 'endpoint.paginator' ? 'paginator' : 'auth']);
    if (value !== undefined) return { value, from: 'client' };
  }
  return undefined;
}

function inheritForDefaults(doc: SourceDocument, rel: DocPath): Inherited | undefined {
  return fromClient(doc, rel);
}

function inheritForResource(doc: SourceDocument, rel: DocPath): Inherited | undefined {
  const value = getIn(doc, ['resource_defaults', ...rel]);
  if (value !== undefined) return { value, from: 'resource defaults' };
  return fromClient(doc, rel);
}
