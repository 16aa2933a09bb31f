// The UI's whole view of the backend. Features depend on this interface only, so they run
// unchanged against the real Tauri host, the fake host in browser tests, and test doubles.

/** Mirrors `app_info` in src-tauri/src/commands/app.rs (snake_case on the wire). */
export interface AppInfo {
  name: string;
  version: string;
  engine_version: string;
}

/** Mirrors `IpcError` in src-tauri/src/error.rs; `code` is what the UI branches on. */
export type IpcErrorCode = 'validation' | 'not_found' | 'auth' | 'network' | 'cancelled' | 'internal';

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  details: unknown;
}

export interface Host {
  appInfo(): Promise<AppInfo>;
}
