// The text the code view last showed for each open file, so that switching tabs and back, or
// editing in the forms, keeps what was typed (comments, layout) instead of reprinting.
import { createContext, useContext, useState, type ReactNode } from 'react';
import type { SourceFile } from '../../host';
import type { TextBase } from './documentText';

interface TextBaseApi {
  get(file: SourceFile): TextBase;
  set(file: SourceFile, base: TextBase): void;
}

const TextBaseContext = createContext<TextBaseApi | null>(null);

export function TextBaseProvider({ children }: { children: ReactNode }) {
  const [api] = useState<TextBaseApi>(() => {
    const store = new WeakMap<SourceFile, TextBase>();
    return {
      get: (file) => store.get(file) ?? { text: file.text, doc: file.document },
      set: (file, base) => void store.set(file, base),
    };
  });
  return <TextBaseContext.Provider value={api}>{children}</TextBaseContext.Provider>;
}

export function useTextBase(): TextBaseApi {
  const api = useContext(TextBaseContext);
  // A missing provider is a wiring bug, not a runtime condition to recover from.
  if (!api) throw new Error('useTextBase() called outside <TextBaseProvider>');
  return api;
}
