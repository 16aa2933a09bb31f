// Validation of the open document by the engine (host.validate), debounced while typing, shared
// by the problems panel, the status bar, the forms (messages beside fields) and the graph.
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useHost, type Problem, type ValidationResult } from '../../host';
import { useSource } from '../sources/state';
import { isWithin } from '../sources/docPath';
import { messageOf } from '../../components/messageOf';

export const VALIDATE_DEBOUNCE_MS = 300;

export type ValidationStatus = 'idle' | 'pending' | 'done' | 'failed';

export interface ProblemsApi {
  status: ValidationStatus;
  result: ValidationResult | null;
  /** Why validation could not run (host error). */
  error: string | null;
  problems: Problem[];
  /** Problems at `path` or inside it. */
  problemsAt(path: string): Problem[];
}

const EMPTY: ProblemsApi = { status: 'idle', result: null, error: null, problems: [], problemsAt: () => [] };
const ProblemsContext = createContext<ProblemsApi>(EMPTY);

interface Checked {
  document: unknown;
  result: ValidationResult | null;
  error: string | null;
}

export function ProblemsProvider({ children }: { children: ReactNode }) {
  const host = useHost();
  const { document } = useSource();
  const [checked, setChecked] = useState<Checked | null>(null);

  useEffect(() => {
    if (!document) return;
    let live = true;
    const timer = setTimeout(() => {
      Promise.resolve()
        .then(() => host.validate(document))
        .then(
          (result) => live && setChecked({ document, result, error: null }),
          (e: unknown) => live && setChecked({ document, result: null, error: messageOf(e) }),
        );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [host, document]);

  const api = useMemo<ProblemsApi>(() => {
    if (!document) return EMPTY;
    // The last result stays visible while the next one is on its way.
    const result = checked?.result ?? null;
    const problems = result?.problems ?? [];
    const status: ValidationStatus =
      checked === null || checked.document !== document ? 'pending' : checked.error ? 'failed' : 'done';
    return {
      status,
      result,
      error: checked?.error ?? null,
      problems,
      problemsAt: (path: string) => problems.filter((p) => isWithin(p.path, path)),
    };
  }, [document, checked]);

  return <ProblemsContext.Provider value={api}>{children}</ProblemsContext.Provider>;
}

export function useProblems(): ProblemsApi {
  return useContext(ProblemsContext);
}
