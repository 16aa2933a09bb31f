// Renders a feature inside the providers the app gives it, plus a probe that shows the edited
// document so tests can assert what an action wrote into the config.
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { HostProvider, type Host, type SourceDocument, type SourceFile } from '../../../host';
import { SourceProvider, useSource } from '../../sources/state';

export function sourceFile(document: SourceDocument, name = 'demo'): SourceFile {
  return { path: `/home/ada/sources/${name}.json`, name, format: 'json', document, text: JSON.stringify(document, null, 2) };
}

function DocProbe() {
  const { document } = useSource();
  return (
    <pre data-testid="doc-probe" hidden>
      {JSON.stringify(document)}
    </pre>
  );
}

export function renderWithSource(ui: ReactNode, host: Host, file: SourceFile | undefined) {
  return render(
    <HostProvider host={host}>
      <SourceProvider initial={file}>
        {ui}
        <DocProbe />
      </SourceProvider>
    </HostProvider>,
  );
}

/** The document as edited so far. */
export function probedDocument(container: HTMLElement): SourceDocument {
  const el = container.querySelector('[data-testid="doc-probe"]');
  return JSON.parse(el?.textContent ?? 'null') as SourceDocument;
}
