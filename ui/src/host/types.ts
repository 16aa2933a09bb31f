// The UI's whole view of the backend. Features depend on this interface only, so they run
// unchanged against the real Tauri host, the fake host in browser tests, and test doubles.
// Wire names are snake_case, exactly as the Rust commands in src-tauri/src/commands/ send them.

/** Mirrors `app_info` in src-tauri/src/commands/app.rs. */
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

/** A source document as the user wrote it: a dlt RESTAPIConfig, JSON value. */
export type SourceDocument = Record<string, unknown>;

export type SourceFormat = 'json' | 'yaml';

/** An open source file. */
export interface SourceFile {
  /** Absolute path of the file. */
  path: string;
  /** Source name: the file stem (pipeline and secret names derive from it). */
  name: string;
  format: SourceFormat;
  /** The document; edits go through here and are written back key order intact. */
  document: SourceDocument;
  /** The file's text as read (for the lossless JSON/YAML view). */
  text: string;
}

/** An entry of the recent-sources list kept in the app store. */
export interface RecentSource {
  path: string;
  name: string;
  opened_at: string;
}

export type Severity = 'error' | 'warning';

/** One validation problem (`resources[2].endpoint.paginator: ...`). */
export interface Problem {
  path: string;
  message: string;
  severity: Severity;
}

export interface ValidationResult {
  valid: boolean;
  problems: Problem[];
  /** One-line summary of resources, parents and paginators when valid. */
  summary: string | null;
}

/** Why pagination stopped. */
export type StopReason =
  | 'no_next_link'
  | 'no_cursor'
  | 'total_reached'
  | 'empty_page'
  | 'maximum_reached'
  | 'has_more_false'
  | 'single_page'
  | 'repeated_page'
  | 'max_pages'
  | 'ignored'
  | 'record_limit';

export type RequestBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: [string, string][] }
  | { kind: 'raw'; value: string };

export interface RequestTrace {
  method: string;
  url: string;
  headers: [string, string][];
  body: RequestBody;
}

export interface RetryTrace {
  status: number | null;
  reason: string;
  waited_ms: number;
}

export interface ResponseTrace {
  status: number;
  elapsed_ms: number;
  size: number;
  headers: [string, string][];
  body_excerpt: string;
  retries: RetryTrace[];
}

export interface PageTrace {
  index: number;
  request: RequestTrace;
  response: ResponseTrace;
  records: unknown[];
  selector: string;
  note: string | null;
  position: unknown;
  stop: StopReason | null;
  /** The whole JSON body (previews keep it). */
  body?: unknown;
  /** For a child preview: index into `PreviewTrace.parent_records` of the parent record this
   * page was requested for; null for a top-level resource. */
  parent: number | null;
}

export interface Detection {
  /** The chosen paginator as config (what "Apply" writes into the source). */
  config: Record<string, unknown>;
  evidence: string;
  score: number;
}

export interface PreviewTrace {
  resource: string;
  parents: { resource: string; record: unknown }[];
  pages: PageTrace[];
  records: unknown[];
  raw_records: unknown[];
  stop: StopReason | null;
  detected_paginator: Detection | null;
  detected_selector: string | null;
  error: string | null;
  /** For a child: the nearest parent's records it was previewed for (first N, or the chosen). */
  parent_records: unknown[];
  /** The tables a load of `records` would create, computed by the engine's normalizer. */
  schema: SchemaPreview;
  /** True when the preview was stopped by `cancelPreview` (pages before it are kept). */
  cancelled: boolean;
}

/** One column of a previewed table, named and typed exactly as the load would. */
export interface ColumnPreview {
  name: string;
  /** dlt data type: text, bigint, double, bool, timestamp, date, time, decimal, wei, json, binary. */
  data_type: string;
  nullable: boolean;
  /** A variant column (`<name>__v_<type>`) created because values of another type arrived. */
  variant: boolean;
  /** Null (or missing) in every sampled record: dlt would not create it (type unknown). */
  all_null: boolean;
}

export interface TablePreview {
  name: string;
  /** Parent table, for a nested (child) table. */
  parent: string | null;
  rows: number;
  columns: ColumnPreview[];
}

export interface SchemaPreview {
  tables: TablePreview[];
  /** Null-only columns, variant columns and similar, one sentence each naming table.column. */
  warnings: string[];
}

export interface PreviewRequest {
  /** The document to preview (unsaved edits included). */
  document: SourceDocument;
  /** The source name (for secret lookup). */
  source_name: string;
  /** Path of the source file, when saved (secrets.toml lookup beside it). */
  source_path: string | null;
  resource: string;
  pages: number;
  records: number;
  /** For a child: preview it for the first N records of its parent (default 1). */
  parents: number;
  /** For a child: preview it for these records of the nearest parent instead of fetching them. */
  parent_records: unknown[] | null;
  /** Names this preview so that `cancelPreview` can stop it. */
  preview_id: string | null;
}

/** Progress of a run, streamed over a channel (engine `RunEvent`). */
export type RunEvent =
  | { event: 'run_started'; pipeline: string; resources: string[] }
  | { event: 'resource_started'; resource: string }
  | { event: 'request_sent'; resource: string; method: string; url: string }
  | { event: 'request_answered'; resource: string; url: string; status: number; elapsed_ms: number; bytes: number }
  | { event: 'retry'; resource: string; url: string; attempt: number; status: number | null; reason: string; wait_ms: number }
  | { event: 'page'; resource: string; records: number; url: string; retries: number; elapsed_ms: number }
  | { event: 'sequence_done'; resource: string; stop: StopReason | null }
  | { event: 'warning'; resource: string; message: string }
  | { event: 'resource_finished'; resource: string; rows: Record<string, number>; pages: number; requests: number }
  | { event: 'run_finished'; summary: RunSummary }
  | { event: 'run_failed'; error: string; cancelled: boolean };

export interface RunRequest {
  source_path: string;
  /** SQLite file; default `<source dir>/<source name>.sqlite`. */
  db: string | null;
  resources: string[];
  full_refresh: boolean;
}

export interface RunSummary {
  pipeline: string;
  load_id: string | null;
  rows: Record<string, number>;
  elapsed_ms: number;
}

/** A load recorded in `_dlt_loads`. */
export interface LoadInfo {
  load_id: string;
  schema_name: string;
  status: number;
  inserted_at: string;
  schema_version_hash: string;
}

export interface TableInfo {
  name: string;
  parent: string | null;
  rows: number;
}

export interface RowPage {
  columns: string[];
  rows: unknown[][];
  total: number;
}

export interface QueryResult {
  columns: string[];
  rows: unknown[][];
  truncated: boolean;
}

/** Incremental state of one resource. */
export interface CursorState {
  resource: string;
  cursor_path: string;
  initial_value: unknown;
  last_value: unknown;
  start_value: unknown;
  unique_hashes: string[];
  /** A child whose cursor is per parent: the cursor kept for each parent (key: the parent
   * values the child's request uses, e.g. `number=12`). Empty otherwise. */
  per_parent: ParentCursor[];
}

export interface ParentCursor {
  parent: string;
  last_value: unknown;
}

/** Where a secret reference resolves from; never the value. */
export interface SecretStatus {
  name: string;
  resolves_from: 'environment' | 'secrets_toml' | 'keychain' | 'missing';
  place: string | null;
}

export type ExportTarget = 'python' | 'json' | 'yaml';
export type ImportFormat = 'auto' | 'json' | 'yaml' | 'python' | 'curl' | 'openapi';

export interface ImportResult {
  document: SourceDocument;
  /** What the importer guessed, with evidence. */
  notes: string[];
  /** Per resource (OpenAPI imports; empty for the others): the guesses to pick endpoints by. */
  endpoints: EndpointGuess[];
  validation: ValidationResult;
}

/** How sure an import guess is (engine `import::Confidence`). */
export type Confidence = 'high' | 'medium' | 'low';

export interface Guessed {
  /** In config terms: `page_number`, `data`, `id`, a parent resource name. */
  value: string;
  confidence: Confidence;
  evidence: string;
}

/** One imported resource and what was guessed for it. */
export interface EndpointGuess {
  resource: string;
  /** e.g. `GET /posts/{id}/comments`. */
  operation: string;
  /** `auto` when no paginator was guessed. */
  paginator: Guessed;
  data_selector: Guessed;
  primary_key: Guessed | null;
  parent: Guessed | null;
}

/** A literal secret found by the export's leak lint; the value is masked. */
export interface Leak {
  path: string;
  masked: string;
}

export interface PlannedFile {
  path: string;
  bytes: number;
  /** A file is there already and would be replaced. */
  overwrites: boolean;
  /** An existing `.dlt/secrets.toml`: never overwritten. */
  kept: boolean;
}

/** What an export would write, computed without writing (`export_plan`). */
export interface ExportPlan {
  files: PlannedFile[];
  leaks: Leak[];
  problems: Problem[];
  notes: string[];
  /** Why the export would be refused; null when it can go ahead. */
  refused: string | null;
}

/** A choice in a file picker: `{ name: 'Sources', extensions: ['json', 'yaml'] }`. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

/** A run that is going on: cancel it, or wait for its summary. */
export interface RunHandle {
  run_id: string;
  done: Promise<RunSummary>;
  cancel(): Promise<void>;
}

export interface Host {
  appInfo(): Promise<AppInfo>;
  /** Asks `confirm` when the user closes the app window; the window closes only when it
   * resolves true (the UI asks about unsaved changes). Returns a function removing the guard.
   * Optional: a host without a window (tests) has nothing to guard. */
  onCloseRequested?(confirm: () => Promise<boolean>): () => void;
  /** Opens a documentation link in the system browser (a webview does not follow
   * `target=_blank`). Optional: in a browser the link opens by itself. */
  openExternal?(url: string): Promise<void>;
  /** Asks for a file with the system's file picker, offering `filters` (extensions without the
   * dot); resolves with its absolute path, or null when the user cancels. Optional: in a browser
   * there is no native picker, and the UI keeps its typed paths and `<input type=file>`. */
  pickFile?(filters: FileFilter[]): Promise<string | null>;
  /** Asks for a folder with the system's folder picker; its absolute path, or null when the
   * user cancels. Optional, as `pickFile`. */
  pickFolder?(): Promise<string | null>;
  /** The text of a file the user picked (UTF-8, at most 20 MB), for an import. Optional: only a
   * host with `pickFile` has paths to read. */
  readTextFile?(path: string): Promise<string>;

  // Sources: files on disk chosen by the user; the recent list lives in the app store.
  listRecent(): Promise<RecentSource[]>;
  openSource(path: string): Promise<SourceFile>;
  saveSource(path: string, document: SourceDocument, format: SourceFormat): Promise<SourceFile>;
  validate(document: SourceDocument): Promise<ValidationResult>;
  schema(): Promise<Record<string, unknown>>;

  // Preview and runs.
  preview(request: PreviewRequest): Promise<PreviewTrace>;
  /** Stops the preview started with this `preview_id`; it resolves with `cancelled: true`. */
  cancelPreview(preview_id: string): Promise<void>;
  startRun(request: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunHandle>;
  listLoads(db: string): Promise<LoadInfo[]>;

  // Data: read-only views of a source's database.
  listTables(db: string): Promise<TableInfo[]>;
  pageRows(db: string, table: string, offset: number, limit: number): Promise<RowPage>;
  query(db: string, sql: string): Promise<QueryResult>;
  incrementalState(db: string, pipeline: string, source_name: string): Promise<CursorState[]>;
  resetIncremental(db: string, pipeline: string, source_name: string, resource: string): Promise<void>;

  // Secrets: values go in, never come back.
  listSecrets(source_path: string): Promise<SecretStatus[]>;
  setSecret(source_name: string, name: string, value: string): Promise<void>;
  deleteSecret(source_name: string, name: string): Promise<void>;

  // Export and import.
  /** What exportSource would write and the leak lint's findings; writes nothing. */
  exportPlan(source_path: string, to: ExportTarget, out_dir: string): Promise<ExportPlan>;
  exportSource(source_path: string, to: ExportTarget, out_dir: string): Promise<string[]>;
  importSource(text: string, from: ImportFormat): Promise<ImportResult>;
}
