// Runs host.preview for a resource of the open source and keeps the result.
import { useCallback, useState } from 'react';
import { messageOf } from '../../components/messageOf';
import { useHost } from '../../host';
import { useSource } from '../sources/state';
import { previewCache, type CachedPreview } from './previewCache';

export interface PreviewLimits {
  pages: number;
  records: number;
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

  // A different resource shows its own last preview.
  let current = result.value;
  if (result.resource !== resource) {
    current = resource ? (cache.get(resource) ?? null) : null;
    setResult({ resource, value: current });
  }

  const run = useCallback(
    async (limits: PreviewLimits) => {
      if (!resource || !document) return;
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
        });
        const value = { trace, document };
        cache.set(resource, value);
        setResult({ resource, value });
      } catch (e) {
        setError(messageOf(e));
      } finally {
        setRunning(false);
      }
    },
    [host, cache, file, document, resource, untitled],
  );

  return { preview: current, running, error, run };
}
