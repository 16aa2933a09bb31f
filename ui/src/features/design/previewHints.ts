// What the last preview of a resource tells the forms: where its records were (data_selector
// suggestions), which fields its records have (include_from_parent, parent fields), and a
// sample record for the processing-step editor. Read from the preview cache, never fetched
// here: the forms only suggest what a preview already showed.
import { useHost, type PreviewTrace } from '../../host';
import { previewCache } from '../preview/previewCache';
import { isObject } from '../sources/docPath';

/** The last preview trace of `resource`, if one ran in this session. */
export function usePreviewTrace(resource: string | null | undefined): PreviewTrace | null {
  const host = useHost();
  if (!resource) return null;
  return previewCache(host).get(resource)?.trace ?? null;
}

/** dlt-style paths (`data`, `results.items`) to every list of objects in a body, shallow
 * first; `$` when the body itself is such a list. */
export function listPaths(body: unknown, maxDepth = 4): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string[], depth: number) => {
    if (Array.isArray(v)) {
      if (v.some(isObject)) out.push(path.length ? path.join('.') : '$');
      return;
    }
    if (!isObject(v) || depth >= maxDepth) return;
    for (const [k, x] of Object.entries(v)) {
      // Keys a dotted path cannot spell are left out (the user can still type them bracketed).
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) walk(x, [...path, k], depth + 1);
    }
  };
  walk(body, [], 0);
  return out;
}

/** Selector suggestions: what detection chose first, then every list in the first page. */
export function selectorSuggestions(trace: PreviewTrace | null): string[] {
  if (!trace) return [];
  const found = [trace.detected_selector, trace.pages[0]?.selector, ...listPaths(trace.pages[0]?.body)];
  return [...new Set(found.filter((s): s is string => typeof s === 'string' && s !== ''))];
}

/** Top-level field names of some records, in first-seen order. */
export function recordFields(records: readonly unknown[], limit = 50): string[] {
  const seen = new Set<string>();
  for (const r of records.slice(0, limit)) if (isObject(r)) Object.keys(r).forEach((k) => seen.add(k));
  return [...seen];
}

/** The record a resource's processing steps start from: the first record as the API sent
 * it (before the steps), from the last preview. */
export function sampleRecord(trace: PreviewTrace | null): unknown {
  if (!trace) return undefined;
  return trace.raw_records?.[0] ?? trace.records[0];
}
