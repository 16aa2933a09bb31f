// Linking two existing resources on the canvas: the child gets a placeholder of the parent's
// field, as a query parameter or at the end of its path (dlt's two ways for a child request).
import type { SourceDocument } from '../../host';
import { isObject } from '../sources/docPath';
import { descendants } from '../sources/placeholders';
import { endpointPath, getResourceField, resourceIndex, setResourceField } from '../sources/resourceDoc';

export type LinkPlace = 'param' | 'path';

export interface LinkSpec {
  parent: string;
  child: string;
  field: string;
  place: LinkPlace;
  /** Query parameter name (place "param"). */
  param: string;
}

/** A link is possible between two different resources when it makes no cycle. */
export function canLink(doc: SourceDocument, parent: string, child: string): boolean {
  if (!parent || !child || parent === child) return false;
  if (resourceIndex(doc, parent) < 0 || resourceIndex(doc, child) < 0) return false;
  return !descendants(doc, child).includes(parent);
}

export function defaultParam(parent: string, field: string): string {
  return `${parent}_${field}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The document with the child referring to the parent's field. */
export function linkResources(doc: SourceDocument, spec: LinkSpec): SourceDocument {
  const index = resourceIndex(doc, spec.child);
  if (index < 0) return doc;
  const placeholder = `{resources.${spec.parent}.${spec.field}}`;
  if (spec.place === 'path') {
    const path = endpointPath(resourceDocEntry(doc, index)).replace(/\/+$/, '');
    return setResourceField(doc, index, ['endpoint', 'path'], path ? `${path}/${placeholder}` : placeholder);
  }
  const params = getResourceField(doc, index, ['endpoint', 'params']);
  return setResourceField(doc, index, ['endpoint', 'params'], { ...(isObject(params) ? params : {}), [spec.param]: placeholder });
}

function resourceDocEntry(doc: SourceDocument, index: number): unknown {
  return Array.isArray(doc.resources) ? doc.resources[index] : undefined;
}
