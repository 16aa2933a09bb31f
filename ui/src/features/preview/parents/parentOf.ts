// Which resource a child takes its values from, and how to name one of that parent's records
// (by the fields the child's placeholders read, e.g. `number=12`), for the picker and timeline.
import type { SourceDocument } from '../../../host';
import { parentRefs } from '../../sources/placeholders';
import { resourceList, resourceName } from '../../sources/resourceDoc';

export interface ParentInfo {
  /** The nearest parent (dlt allows one parent resource per child). */
  parent: string;
  /** The parent fields the child's request uses, in order, without duplicates. */
  fields: string[];
}

export function nearestParent(doc: SourceDocument | null, resource: string): ParentInfo | null {
  const entry = resourceList(doc).find((r) => resourceName(r) === resource);
  if (entry === undefined) return null;
  const refs = parentRefs(entry);
  if (refs.length === 0) return null;
  const parent = refs[0].parent;
  const fields = [...new Set(refs.filter((r) => r.parent === parent).map((r) => r.field))];
  return { parent, fields };
}

function fieldValue(record: unknown, field: string): unknown {
  let v: unknown = record;
  for (const part of field.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? 'missing' : s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/** `number=12` (the fields the child reads), or the record itself, shortened, when it has none. */
export function parentLabel(record: unknown, fields: readonly string[]): string {
  if (fields.length === 0) return short(record);
  return fields.map((f) => `${f}=${short(fieldValue(record, f))}`).join(', ');
}

/** Requests a preview may send at most: one page sequence per parent (retries not counted). */
export function expectedRequests(pages: number, parents: number | null): number {
  return parents === null ? pages : pages * parents;
}
