// The last trace per resource survives tab switches; one cache per host (tests get fresh ones).
// A child's parent picker reads its parent's entry here.
import type { Host, PreviewTrace, SourceDocument } from '../../host';

export interface CachedPreview {
  trace: PreviewTrace;
  /** The document the preview ran on (to tell when the config changed since). */
  document: SourceDocument;
  /** Tells two previews apart (the workbench resets its page and selection on a new one).
   * Optional so that other features and tests can seed the cache with a plain trace. */
  seq?: number;
}

const caches = new WeakMap<Host, Map<string, CachedPreview>>();
let seq = 0;

export function previewCache(host: Host): Map<string, CachedPreview> {
  let cache = caches.get(host);
  if (!cache) {
    cache = new Map();
    caches.set(host, cache);
  }
  return cache;
}

export function cachedPreview(trace: PreviewTrace, document: SourceDocument): CachedPreview {
  return { trace, document, seq: ++seq };
}
