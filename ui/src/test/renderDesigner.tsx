// Renders part of the designer with every provider it needs, on a test host, with a probe
// that shows the document as JSON (what the JSON view would print).
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { HostProvider, type Host, type SourceFile } from '../host';
import { ProblemsProvider } from '../features/problems/ProblemsProvider';
import { NavigationProvider } from '../features/shell/navigation';
import { SourceProvider, useSource } from '../features/sources/state';
import { SecretStatusProvider } from '../features/design/secretStatus';
import { TextBaseProvider } from '../features/editor/textBase';

export function DocumentProbe() {
  const { document, undo, redo, canUndo } = useSource();
  return (
    <>
      <pre data-testid="doc">{JSON.stringify(document)}</pre>
      <button type="button" onClick={undo} disabled={!canUndo}>probe-undo</button>
      <button type="button" onClick={redo}>probe-redo</button>
    </>
  );
}

export function renderDesigner(host: Host, file: SourceFile, ui: ReactNode) {
  return render(
    <HostProvider host={host}>
      <SourceProvider initial={file}>
        <NavigationProvider>
          <ProblemsProvider>
            <TextBaseProvider>
              <SecretStatusProvider>
                {ui}
                <DocumentProbe />
              </SecretStatusProvider>
            </TextBaseProvider>
          </ProblemsProvider>
        </NavigationProvider>
      </SourceProvider>
    </HostProvider>,
  );
}

/** The document the probe shows. */
export function shownDoc(container: ParentNode = document): Record<string, unknown> {
  const el = container.querySelector('[data-testid="doc"]');
  return JSON.parse(el?.textContent ?? 'null') as Record<string, unknown>;
}
