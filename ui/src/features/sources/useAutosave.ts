// Autosave: a source that has a file is written a moment after the last edit, so closing the
// app or the machine loses at most that moment. A new source (template, import) has no path
// yet and waits for "Save as". The state is what the status bar shows.
import { useEffect, useRef, useState } from 'react';
import { useSource } from './state';
import type { SaveApi } from './useSave';

export const AUTOSAVE_MS = 1200;
const STORAGE_KEY = 'pipewright.autosave';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'error' | 'new';

export function saveState(s: { untitled: boolean; dirty: boolean; busy: boolean; error: string | null }): SaveState {
  if (s.busy) return 'saving';
  if (s.untitled) return 'new';
  if (s.error && s.dirty) return 'error';
  return s.dirty ? 'unsaved' : 'saved';
}

function storedChoice(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) !== 'off';
  } catch {
    return true;
  }
}

export interface Autosave {
  enabled: boolean;
  setEnabled(on: boolean): void;
  state: SaveState;
}

export function useAutosave(save: SaveApi): Autosave {
  const { file, document, dirty, untitled } = useSource();
  const [enabled, setEnabledState] = useState(storedChoice);
  const latest = useRef(save);
  useEffect(() => {
    latest.current = save;
  });

  // Re-armed by every edit (document) and every save (file); a failed save is not retried
  // until the next edit, so an unwritable file does not loop.
  useEffect(() => {
    if (!enabled || !file || untitled || !dirty) return;
    const timer = setTimeout(() => latest.current.save(), AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [enabled, file, document, untitled, dirty]);

  const setEnabled = (on: boolean) => {
    setEnabledState(on);
    try {
      localStorage.setItem(STORAGE_KEY, on ? 'on' : 'off');
    } catch {
      // private mode: the choice lasts for this session only
    }
  };
  return { enabled, setEnabled, state: saveState({ untitled, dirty, busy: save.busy, error: save.error }) };
}
