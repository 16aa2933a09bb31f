// Runs host.preview for a resource of the open source, keeps the result, and cancels it on demand.
import { useCallback, useRef, useState } from 'react';
import { messageOf } from '../../components/messageOf';
import { useHost } from '../../host';
import { useSource } from '../sources/state';
import { cachedPreview, previewCache, type CachedPreview } from './previewCache';

export interface PreviewLimits {
  pages: number;
  records: number;
  /** For a child: how many of its parent's first records to preview it for. */
  parents?: number;
  /** For a child: the parent records to preview it for (instead of the first `parents`). */
  parentRecords?: unknown[] | null;
}

let counter = 0;

/** A preview id unique in this window (the engine only compares them). */
function newPreviewId(): string {
  return `preview-${Date.now().toString(36)}-${++counter}`;
}

export function usePreview(resource: string | null) {
  const host = useHost();
  const { file, document, untitled } = useSource();
  const cache = previewCache(host);
  const [result, setResult] = useState<{ resource: string | null; value: CachedPreview | null }>(() => ({
    resource,
    value: resource ? (cache.get(resource) ?? null) : null,
  }));
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  // The id of the preview in flight, for cancel().
  const inFlight = useRef<string | null>(null);

  // A different resource shows its own last preview.
  let current = result.value;
  if (result.resource !== resource) {
    current = resource ? (cache.get(resource) ?? null) : null;
    setResult({ resource, value: current });
  }

  const run = useCallback(
    async (limits: PreviewLimits) => {
      if (!resource || !document) return;
      const preview_id = newPreviewId();
      inFlight.current = preview_id;
      setRunning(true);
      setError(null);
      try {
        const trace = await host.preview({
          document,
          source_name: file?.name ?? 'source',
          source_path: file && !untitled ? file.path : null,
          resource,
          pages: limits.pages,
          records: limits.records,
          parents: limits.parents ?? 1,
          parent_records: limits.parentRecords ?? null,
          preview_id,
        });
        const value = cachedPreview(trace, document);
        cache.set(resource, value);
        setResult({ resource, value });
      } catch (e) {
        setError(messageOf(e));
      } finally {
        inFlight.current = null;
        setRunning(false);
        setCancelling(false);
      }
    },
    [host, cache, file, document, resource, untitled],
  );

  /** Asks the engine to stop the preview in flight; it then resolves with the pages so far. */
  const cancel = useCallback(async () => {
    const id = inFlight.current;
    if (!id) return;
    setCancelling(true);
    try {
      await host.cancelPreview(id);
    } catch (e) {
      // A preview that finished meanwhile has nothing left to cancel: not worth an error.
      if (inFlight.current === id) {
        setError(messageOf(e));
        setCancelling(false);
      }
    }
  }, [host]);

  return { preview: current, running, cancelling, error, run, cancel };
}
