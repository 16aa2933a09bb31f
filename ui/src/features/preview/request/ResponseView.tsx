// What came back for one page: status, time, size, headers, retries and the body.
import { useMemo } from 'react';
import type { PageTrace } from '../../../host';
import { BodyView } from '../json/BodyView';
import type { Segment } from '../json/jsonPath';
import { formatBytes, formatMs } from '../timeline/format';
import { HeadersTable } from './HeadersTable';

export interface ResponseViewProps {
  page: PageTrace;
  recordsPath: Segment[] | null;
  selected: Segment[] | null;
  onSelect: (path: Segment[], value: unknown) => void;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function ResponseView({ page, recordsPath, selected, onSelect }: ResponseViewProps) {
  const { response } = page;
  const json = useMemo(() => (page.body !== undefined ? page.body : parse(response.body_excerpt)), [page.body, response.body_excerpt]);
  // Open the records array and its first record, where click-to-configure happens.
  const initiallyExpanded = useMemo(() => (recordsPath ? [recordsPath, [...recordsPath, 0]] : []), [recordsPath]);
  return (
    <section aria-label="Response" className="card">
      <p className="row">
        <span className={`badge ${response.status < 400 ? 'badge-done' : 'badge-warn'}`}>{response.status}</span>
        <span>{formatMs(response.elapsed_ms)}</span>
        <span>{formatBytes(response.size)}</span>
        {response.retries.length > 0 && (
          <span className="badge badge-warn">
            {response.retries.length} {response.retries.length === 1 ? 'retry' : 'retries'}
          </span>
        )}
      </p>
      {response.retries.length > 0 && (
        <ul className="retries" aria-label="Retries">
          {response.retries.map((r, i) => (
            <li key={i}>
              attempt {i + 1}: {r.status ?? 'connection error'} — {r.reason}, waited {formatMs(r.waited_ms)}
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>Headers ({response.headers.length})</summary>
        <HeadersTable headers={response.headers} label="Response headers" />
      </details>
      <BodyView
        key={page.index}
        json={json}
        text={response.body_excerpt}
        initiallyExpanded={initiallyExpanded}
        selected={selected}
        onSelect={onSelect}
      />
    </section>
  );
}
