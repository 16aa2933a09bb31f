// The open source and its edits: one place every tab reads from, with undo/redo.
// Edits replace the whole document (small JSON values), so undo is a stack of snapshots.
// Typing into one field coalesces into one undo step; a file with an empty path is new
// (a template or an import) and counts as unsaved until it has one.
import { createContext, useCallback, useContext, useMemo, useReducer, type ReactNode } from 'react';
import type { SourceDocument, SourceFile } from '../../host';

export interface SourceState {
  /** The file as last opened or saved; null when nothing is open. */
  file: SourceFile | null;
  /** The document being edited (may differ from `file.document` until saved). */
  document: SourceDocument | null;
  /** The resource the Design/Preview tabs focus on. */
  selectedResource: string | null;
  past: SourceDocument[];
  future: SourceDocument[];
  /** The field the last edit typed into, and when: the next edit of it joins the same step. */
  lastEdit: { key: string; at: number } | null;
}

export interface EditOptions {
  /** Edits with the same key within COALESCE_MS of each other make one undo step. */
  coalesce?: string;
}

type Action =
  | { type: 'open'; file: SourceFile }
  | { type: 'edit'; document: SourceDocument; coalesce?: string; at?: number }
  | { type: 'saved'; file: SourceFile; sent?: SourceDocument }
  | { type: 'select'; resource: string | null }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'close' };

const EMPTY: SourceState = { file: null, document: null, selectedResource: null, past: [], future: [], lastEdit: null };
const HISTORY_LIMIT = 200;
export const COALESCE_MS = 1500;

export function reducer(state: SourceState, action: Action): SourceState {
  switch (action.type) {
    case 'open':
      return { ...EMPTY, file: action.file, document: action.file.document, selectedResource: firstResource(action.file.document) };
    case 'edit': {
      if (!state.document || action.document === state.document) return state;
      const at = action.at ?? 0;
      const last = state.lastEdit;
      const join = action.coalesce !== undefined && last?.key === action.coalesce && at - last.at < COALESCE_MS;
      return {
        ...state,
        document: action.document,
        past: join ? state.past : [...state.past, state.document].slice(-HISTORY_LIMIT),
        future: [],
        lastEdit: action.coalesce === undefined ? null : { key: action.coalesce, at },
      };
    }
    case 'saved': {
      // The document that was sent stays the one on screen (same object, so views do not
      // reset); edits made while saving stay unsaved.
      const sent = action.sent ?? action.file.document;
      const file = { ...action.file, document: sent };
      return { ...state, file, document: state.document === sent ? sent : (state.document ?? sent), lastEdit: null };
    }
    case 'select':
      return { ...state, selectedResource: action.resource };
    case 'undo': {
      const prev = state.past[state.past.length - 1];
      if (!prev || !state.document) return state;
      return { ...state, document: prev, past: state.past.slice(0, -1), future: [state.document, ...state.future], lastEdit: null };
    }
    case 'redo': {
      const next = state.future[0];
      if (!next || !state.document) return state;
      return { ...state, document: next, past: [...state.past, state.document], future: state.future.slice(1), lastEdit: null };
    }
    case 'close':
      return EMPTY;
  }
}

/** Names of the resources of a document, in order (string entries are names). */
export function resourceNames(doc: SourceDocument | null): string[] {
  const list = doc && Array.isArray(doc.resources) ? doc.resources : [];
  return list
    .map((r) => (typeof r === 'string' ? r : r && typeof r === 'object' && 'name' in r ? String((r as { name: unknown }).name) : ''))
    .filter((n) => n.length > 0);
}

function firstResource(doc: SourceDocument): string | null {
  return resourceNames(doc)[0] ?? null;
}

export interface SourceApi extends SourceState {
  dirty: boolean;
  /** The file has never been saved (a template or an import): saving asks for a path. */
  untitled: boolean;
  canUndo: boolean;
  canRedo: boolean;
  open(file: SourceFile): void;
  edit(document: SourceDocument, options?: EditOptions): void;
  /** `sent`: the document that was written (defaults to `file.document`). */
  saved(file: SourceFile, sent?: SourceDocument): void;
  select(resource: string | null): void;
  undo(): void;
  redo(): void;
  close(): void;
}

const SourceContext = createContext<SourceApi | null>(null);

export function SourceProvider({ children, initial }: { children: ReactNode; initial?: SourceFile }) {
  const [state, dispatch] = useReducer(reducer, initial ? reducer(EMPTY, { type: 'open', file: initial }) : EMPTY);
  const open = useCallback((file: SourceFile) => dispatch({ type: 'open', file }), []);
  const edit = useCallback(
    (document: SourceDocument, options?: EditOptions) =>
      dispatch({ type: 'edit', document, coalesce: options?.coalesce, at: Date.now() }),
    [],
  );
  const saved = useCallback((file: SourceFile, sent?: SourceDocument) => dispatch({ type: 'saved', file, sent }), []);
  const select = useCallback((resource: string | null) => dispatch({ type: 'select', resource }), []);
  const undo = useCallback(() => dispatch({ type: 'undo' }), []);
  const redo = useCallback(() => dispatch({ type: 'redo' }), []);
  const close = useCallback(() => dispatch({ type: 'close' }), []);
  const api = useMemo<SourceApi>(
    () => ({
      ...state,
      dirty: state.file !== null && (state.file.path === '' || state.document !== state.file.document),
      untitled: state.file !== null && state.file.path === '',
      canUndo: state.past.length > 0,
      canRedo: state.future.length > 0,
      open,
      edit,
      saved,
      select,
      undo,
      redo,
      close,
    }),
    [state, open, edit, saved, select, undo, redo, close],
  );
  return <SourceContext.Provider value={api}>{children}</SourceContext.Provider>;
}

/** The open source; every tab uses this. */
export function useSource(): SourceApi {
  const api = useContext(SourceContext);
  // A missing provider is a wiring bug, not a runtime condition to recover from.
  if (!api) throw new Error('useSource() called outside <SourceProvider>');
  return api;
}
