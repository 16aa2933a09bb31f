// What auto-detection chose, on what evidence, and an Apply that writes it into the source.
import type { PreviewTrace } from '../../../host';
import { useSource } from '../../sources/state';
import { isAuto, setDataSelector, setPaginator } from './docEdits';

function describe(config: Record<string, unknown>): string {
  return Object.entries(config)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

export function DetectionPanel({ trace }: { trace: PreviewTrace }) {
  const { document, edit } = useSource();
  if (!document) return null;
  const resource = trace.resource;
  const paginator = trace.detected_paginator && isAuto(document, resource, 'paginator') ? trace.detected_paginator : null;
  const selector = trace.detected_selector && isAuto(document, resource, 'data_selector') ? trace.detected_selector : null;
  if (!paginator && !selector) return null;
  return (
    <section aria-labelledby="detected-title" className="card">
      <h3 id="detected-title">Detected settings</h3>
      {paginator && (
        <div className="detection" data-testid="detected-paginator">
          <p>
            <strong>Paginator</strong> (auto) → <code>{describe(paginator.config)}</code>{' '}
            <span className={`badge ${paginator.score >= 1 ? 'badge-done' : 'badge-warn'}`}>
              {paginator.score >= 1 ? 'sure' : paginator.score > 0 ? 'a guess to verify' : 'fallback'}
            </span>
          </p>
          <p className="muted">Evidence: {paginator.evidence}</p>
          <button type="button" onClick={() => edit(setPaginator(document, resource, paginator.config))}>
            Apply paginator
          </button>
        </div>
      )}
      {selector && (
        <div className="detection" data-testid="detected-selector">
          <p>
            <strong>data_selector</strong> (auto) → <code>{selector}</code>
          </p>
          <p className="muted">Evidence: the records of each page were found at {selector}.</p>
          <button type="button" onClick={() => edit(setDataSelector(document, resource, selector))}>
            Apply data_selector
          </button>
        </div>
      )}
    </section>
  );
}
