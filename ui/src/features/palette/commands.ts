// Every action of the app in one list: the command palette shows it (with shortcuts), and the
// keyboard handler runs it.
import { useCallback, useMemo } from 'react';
import { useHost } from '../../host';
import { useDbPath } from '../runs/dbPath';
import { runStoreFor } from '../runs/runStore';
import { addResource } from '../sources/placeholders';
import { resourceNames, useSource } from '../sources/state';
import type { SaveApi } from '../sources/useSave';
import { useNavigation } from '../shell/navigation';
import { useTheme } from '../shell/theme';

export interface Shortcut {
  key: string;
  shift?: boolean;
}

export interface Command {
  id: string;
  title: string;
  group: 'File' | 'Edit' | 'View' | 'Source' | 'Resources';
  shortcut?: Shortcut;
  /** Another key for the same command (Ctrl+Y for redo). */
  alternate?: Shortcut;
  enabled: boolean;
  run(): void;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function shortcutText(s: Shortcut): string {
  const mod = isMac ? '⌘' : 'Ctrl+';
  return `${mod}${s.shift ? 'Shift+' : ''}${s.key.length === 1 ? s.key.toUpperCase() : s.key}`;
}

export function useCommands(save: SaveApi, openPalette: () => void): Command[] {
  const source = useSource();
  const nav = useNavigation();
  const { theme, toggle } = useTheme();
  const { document, file, canUndo, canRedo, undo, redo, edit, select, dirty, untitled } = source;
  const host = useHost();
  const [db] = useDbPath(host, file);
  const { saveAs } = save;
  const { setTab } = nav;
  // A run reads the saved file: unsaved edits are written first. A new source has no file
  // yet, and the Runs tab says so.
  const startRun = useCallback(async () => {
    setTab('runs');
    if (!file || untitled || !db) return;
    const store = runStoreFor(host);
    if (store.getSnapshot().some((r) => r.sourcePath === file.path && r.status === 'running')) return;
    if (dirty && !(await saveAs(file.path))) return;
    void store.start({ source_path: file.path, db, resources: [], full_refresh: false });
  }, [host, file, untitled, dirty, db, saveAs, setTab]);
  return useMemo(() => {
    const open = file !== null;
    const list: Command[] = [
      { id: 'save', title: 'Save source', group: 'File', shortcut: { key: 's' }, enabled: open, run: save.save },
      { id: 'undo', title: 'Undo', group: 'Edit', shortcut: { key: 'z' }, enabled: canUndo, run: undo },
      { id: 'redo', title: 'Redo', group: 'Edit', shortcut: { key: 'z', shift: true }, alternate: { key: 'y' }, enabled: canRedo, run: redo },
      { id: 'palette', title: 'Search commands and resources', group: 'View', shortcut: { key: 'k' }, enabled: true, run: openPalette },
      { id: 'preview', title: 'Preview the selected resource', group: 'Source', shortcut: { key: 'p' }, enabled: open, run: () => nav.requestStart('preview') },
      { id: 'run', title: 'Run the source', group: 'Source', shortcut: { key: 'r' }, enabled: open, run: () => void startRun() },
      { id: 'code', title: 'Show the JSON/YAML view', group: 'View', shortcut: { key: 'e' }, enabled: open, run: () => { nav.setTab('design'); nav.setSection('code'); } },
      { id: 'client', title: 'Edit the client (base URL, auth, paginator)', group: 'View', enabled: open, run: () => { nav.setTab('design'); nav.setSection('client'); } },
      { id: 'defaults', title: 'Edit the resource defaults', group: 'View', enabled: open, run: () => { nav.setTab('design'); nav.setSection('defaults'); } },
      { id: 'data', title: 'Browse the loaded data', group: 'View', enabled: open, run: () => nav.setTab('data') },
      { id: 'theme', title: theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme', group: 'View', shortcut: { key: 'l', shift: true }, enabled: true, run: toggle },
      {
        id: 'add-resource',
        title: 'Add a resource',
        group: 'Resources',
        enabled: document !== null,
        run: () => {
          if (!document) return;
          const { doc, name } = addResource(document);
          edit(doc);
          select(name);
          nav.setTab('design');
          nav.setSection('resources');
        },
      },
    ];
    for (const name of resourceNames(document)) {
      list.push({
        id: `resource:${name}`,
        title: `Go to resource ${name}`,
        group: 'Resources',
        enabled: true,
        run: () => {
          select(name);
          nav.setTab('design');
          nav.setSection('resources');
        },
      });
    }
    return list;
  }, [document, file, canUndo, canRedo, undo, redo, edit, select, save.save, openPalette, nav, theme, toggle, startRun]);
}

export function matches(e: KeyboardEvent, s: Shortcut): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  return mod && !e.altKey && e.key.toLowerCase() === s.key && Boolean(e.shiftKey) === Boolean(s.shift);
}
