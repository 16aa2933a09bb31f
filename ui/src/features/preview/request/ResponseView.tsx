// What came back for one page: status, time, size, headers, retries and the body.
import { useMemo, useState } from 'react';
import type { PageTrace } from '../../../host';
import { HeaderActionsBar } from '../configure/HeaderActionsBar';
import { headerKind, type HeaderKind } from '../configure/headerActions';
import { BodyView } from '../json/BodyView';
import type { Segment } from '../json/jsonPath';
import { formatBytes, formatMs } from '../timeline/format';
import { HeadersTable } from './HeadersTable';

export interface ResponseViewProps {
  page: PageTrace;
  recordsPath: Segment[] | null;
  selected: Segment[] | null;
  onSelect: (path: Segment[], value: unknown) => void;
  /** The previewed resource: given, the response headers offer click-to-configure actions. */
  resource?: string;
  /** Records on the page (a guess for an offset paginator's limit). */
  pageSize?: number;
}

const HINTS: Record<HeaderKind, string> = {
  link: 'next link',
  cursor: 'cursor',
  total: 'total',
  pages: 'total pages',
};

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function ResponseView({ page, recordsPath, selected, onSelect, resource, pageSize = 0 }: ResponseViewProps) {
  const { response } = page;
  // The header picked for click-to-configure, on the page it was picked on.
  const [picked, setPicked] = useState<{ page: number; index: number } | null>(null);
  const pickedIndex = picked?.page === page.index ? picked.index : null;
  const pickedHeader = pickedIndex !== null ? response.headers[pickedIndex] : undefined;
  const hinted = useMemo(
    () => response.headers.filter(([k, v]) => headerKind(k, v) !== null).map(([k]) => k),
    [response.headers],
  );
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
        <summary>
          Headers ({response.headers.length})
          {resource && hinted.length > 0 && <span className="muted"> · paging hints: {hinted.join(', ')}</span>}
        </summary>
        <HeadersTable
          headers={response.headers}
          label="Response headers"
          action={
            resource
              ? (name, value, index) => {
                  const kind = headerKind(name, value);
                  return (
                    <span className="row">
                      {kind && <span className="badge badge-info">{HINTS[kind]}</span>}
                      <button
                        type="button"
                        aria-label={`Configure from ${name}`}
                        aria-pressed={pickedIndex === index}
                        onClick={() => setPicked(pickedIndex === index ? null : { page: page.index, index })}
                      >
                        Configure
                      </button>
                    </span>
                  );
                }
              : undefined
          }
        />
        {resource && pickedHeader && (
          <HeaderActionsBar
            key={`${page.index}-${pickedIndex}`}
            resource={resource}
            header={{ name: pickedHeader[0], value: pickedHeader[1] }}
            pageSize={pageSize}
          />
        )}
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
