// Where the user is: the main tab, the Design tab's section, and a request to focus the field
// at a config path (a clicked problem). Kept apart from the document so that moving around is
// never an undo step.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { parsePath } from '../sources/docPath';
import type { TabId } from './panels';

export type DesignSection = 'resources' | 'client' | 'defaults' | 'code';

export interface FocusRequest {
  /** Engine spelling: `resources[0].endpoint.paginator`. */
  path: string;
  /** A new request each time, even for the same path. */
  seq: number;
}

/** Work a command asked a tab to start (the tab's own button does the same). */
export interface StartRequest {
  what: 'preview';
  seq: number;
}

export interface NavigationApi {
  tab: TabId;
  setTab(tab: TabId): void;
  section: DesignSection;
  setSection(section: DesignSection): void;
  focus: FocusRequest | null;
  /** Shows the Design section holding `path` and asks it to focus that field. */
  focusPath(path: string): void;
  start: StartRequest | null;
  /** Shows the tab of `what` and starts it there (Ctrl+P previews). */
  requestStart(what: StartRequest['what']): void;
}

const NavigationContext = createContext<NavigationApi | null>(null);

/** The Design section that shows a config path. */
export function sectionOf(path: string): DesignSection {
  const [head] = parsePath(path);
  if (head === 'client') return 'client';
  if (head === 'resource_defaults') return 'defaults';
  if (head === 'resources') return 'resources';
  return 'code';
}

export function NavigationProvider({ children }: { children: ReactNode }) {
  const [tab, setTab] = useState<TabId>('design');
  const [section, setSection] = useState<DesignSection>('resources');
  const [focus, setFocus] = useState<FocusRequest | null>(null);
  const [start, setStart] = useState<StartRequest | null>(null);
  const requestStart = useCallback((what: StartRequest['what']) => {
    setTab(what);
    setStart((prev) => ({ what, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const focusPath = useCallback((path: string) => {
    setTab('design');
    setSection(sectionOf(path));
    setFocus((prev) => ({ path, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const api = useMemo(
    () => ({ tab, setTab, section, setSection, focus, focusPath, start, requestStart }),
    [tab, section, focus, focusPath, start, requestStart],
  );
  return <NavigationContext.Provider value={api}>{children}</NavigationContext.Provider>;
}

export function useNavigation(): NavigationApi {
  const api = useContext(NavigationContext);
  // A missing provider is a wiring bug, not a runtime condition to recover from.
  if (!api) throw new Error('useNavigation() called outside <NavigationProvider>');
  return api;
}
