// The runs, outside React so a run keeps going (and keeps its progress) while the user looks at
// other tabs. One store per host; finished runs are kept in storage for the History.
import { useSyncExternalStore } from 'react';
import type { Host, RunHandle, RunRequest } from '../../host';
import { defaultStorage, loadHistory, saveHistory, type HistoryStorage } from './history';
import { applyEvent, failRun, finishRun, newRun, type RunRecord } from './progress';

export interface RunStore {
  subscribe(listener: () => void): () => void;
  getSnapshot(): readonly RunRecord[];
  start(request: RunRequest & { db: string }): Promise<void>;
  cancel(id: string): Promise<void>;
}

function ipcError(e: unknown): { code?: string; message: string } {
  if (e && typeof e === 'object' && 'message' in e) {
    const o = e as { code?: unknown; message: unknown };
    return { code: typeof o.code === 'string' ? o.code : undefined, message: String(o.message) };
  }
  return { message: String(e) };
}

export function createRunStore(host: Host, clock: () => number = Date.now, storage: HistoryStorage | null = null): RunStore {
  let runs: readonly RunRecord[] = loadHistory(storage);
  const handles = new Map<string, RunHandle>();
  const listeners = new Set<() => void>();
  // Ids stay unique across restarts: the persisted runs used some already.
  let counter = runs.length;

  const update = (id: string, fn: (r: RunRecord) => RunRecord) => {
    const before = runs.find((r) => r.id === id);
    runs = runs.map((r) => (r.id === id ? fn(r) : r));
    const after = runs.find((r) => r.id === id);
    if (before?.status === 'running' && after && after.status !== 'running') saveHistory(storage, runs);
    listeners.forEach((l) => l());
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => runs,
    async start(request) {
      const id = `run-${clock()}-${++counter}`;
      runs = [...runs, newRun(id, request.source_path, request.db, clock())];
      listeners.forEach((l) => l());
      try {
        const handle = await host.startRun(request, (e) => update(id, (r) => (r.status === 'running' ? applyEvent(r, e, clock()) : r)));
        handles.set(id, handle);
        const summary = await handle.done;
        update(id, (r) => finishRun(r, summary, clock()));
      } catch (e) {
        update(id, (r) => failRun(r, ipcError(e), clock()));
      } finally {
        handles.delete(id);
      }
    },
    async cancel(id) {
      update(id, (r) => ({ ...r, cancelRequested: true }));
      await handles.get(id)?.cancel();
    },
  };
}

const stores = new WeakMap<Host, RunStore>();

export function runStoreFor(host: Host): RunStore {
  let store = stores.get(host);
  if (!store) {
    store = createRunStore(host, Date.now, defaultStorage());
    stores.set(host, store);
  }
  return store;
}

export function useRuns(store: RunStore): readonly RunRecord[] {
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
