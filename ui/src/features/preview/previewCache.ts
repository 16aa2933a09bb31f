// The last trace per resource survives tab switches; one cache per host (tests get fresh ones).
import type { Host, PreviewTrace, SourceDocument } from '../../host';

export interface CachedPreview {
  trace: PreviewTrace;
  /** The document the preview ran on (to tell when the config changed since). */
  document: SourceDocument;
}

const caches = new WeakMap<Host, Map<string, CachedPreview>>();

export function previewCache(host: Host): Map<string, CachedPreview> {
  let cache = caches.get(host);
  if (!cache) {
    cache = new Map();
    caches.set(host, cache);
  }
  return cache;
}
