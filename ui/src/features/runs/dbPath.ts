// The SQLite file a source loads into: `<source dir>/<source name>.sqlite` unless the user chose
// another, remembered per source for the session and shared by the Runs and Data tabs.
import { useCallback, useSyncExternalStore } from 'react';
import type { Host, SourceFile } from '../../host';

export function defaultDbPath(file: Pick<SourceFile, 'path' | 'name'>): string {
  const cut = Math.max(file.path.lastIndexOf('/'), file.path.lastIndexOf('\\'));
  const dir = cut >= 0 ? file.path.slice(0, cut + 1) : '';
  return `${dir}${file.name}.sqlite`;
}

class DbChoices {
  private chosen = new Map<string, string>();
  private listeners = new Set<() => void>();

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => {
      this.listeners.delete(l);
    };
  };

  get(path: string): string | undefined {
    return this.chosen.get(path);
  }

  set(path: string, db: string) {
    if (db.trim()) this.chosen.set(path, db.trim());
    else this.chosen.delete(path);
    this.listeners.forEach((l) => l());
  }
}

const stores = new WeakMap<Host, DbChoices>();

function storeFor(host: Host): DbChoices {
  let s = stores.get(host);
  if (!s) {
    s = new DbChoices();
    stores.set(host, s);
  }
  return s;
}

/** The database path of the open source and a setter (an empty value restores the default). */
export function useDbPath(host: Host, file: SourceFile | null): [string | null, (db: string) => void] {
  const store = storeFor(host);
  const chosen = useSyncExternalStore(store.subscribe, () => (file ? store.get(file.path) : undefined));
  const db = file ? (chosen ?? defaultDbPath(file)) : null;
  const set = useCallback((value: string) => file && store.set(file.path, value), [store, file]);
  return [db, set];
}
