// One row per page: URL, status, records, the paginator's next position, time, retries; the
// stop reason on the last row of each page sequence. A child's pages also name their parent record.
import type { PageTrace } from '../../../host';
import { commonBase, formatMs, formatPosition } from './format';
import { StopBadge } from './StopBadge';

export interface PageTimelineProps {
  pages: PageTrace[];
  selected: number;
  onSelect: (index: number) => void;
  /** Labels of the trace's parent records (a child preview); pages point into it. */
  parentLabels?: string[];
}

function statusClass(status: number) {
  return status >= 400 ? 'status-bad' : status >= 300 ? 'status-redirect' : 'status-ok';
}

export function PageTimeline({ pages, selected, onSelect, parentLabels = [] }: PageTimelineProps) {
  if (pages.length === 0) return <p className="muted">No page was fetched.</p>;
  const child = pages.some((p) => p.parent !== null && p.parent !== undefined);
  const base = commonBase(pages.map((p) => p.request.url));
  return (
    <>
      {base && (
        <p className="muted small timeline-base">
          URLs relative to <span className="mono">{base}</span>
        </p>
      )}
      <table className="timeline" aria-label="Page timeline">
        <colgroup>
          <col style={{ width: 36 }} />
          {child && <col style={{ width: 130 }} />}
          <col />
          <col style={{ width: 60 }} />
          <col style={{ width: 70 }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: 76 }} />
          <col style={{ width: 84 }} />
          <col style={{ width: 160 }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">#</th>
            {child && <th scope="col">Parent</th>}
            <th scope="col">URL</th>
            <th scope="col">Status</th>
            <th scope="col">Records</th>
            <th scope="col">Next position</th>
            <th scope="col">Time</th>
            <th scope="col">Retries</th>
            <th scope="col">Stop</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((p, i) => {
            const retries = p.response.retries;
            // A new parent starts a new page sequence: a rule above it shows the grouping.
            const newParent = child && i > 0 && pages[i - 1].parent !== p.parent;
            const label = p.parent === null || p.parent === undefined ? '' : (parentLabels[p.parent] ?? `#${p.parent + 1}`);
            return (
              <tr
                key={p.index}
                aria-selected={i === selected}
                className={newParent ? 'clickable parent-start' : 'clickable'}
                onClick={() => onSelect(i)}
                data-testid="timeline-row"
              >
                <td>{p.index + 1}</td>
                {child && (
                  <td className="mono clip" title={label}>
                    {label}
                  </td>
                )}
                <td className="url" title={p.request.url}>
                  <span className="method">{p.request.method}</span> {p.request.url.slice(base.length)}
                </td>
                <td className={statusClass(p.response.status)}>{p.response.status}</td>
                <td>
                  {p.records.length}
                  {p.note && <span className="muted" title={p.note}> ⓘ</span>}
                </td>
                <td className="mono clip" title={formatPosition(p.position)}>
                  {formatPosition(p.position)}
                </td>
                <td>{formatMs(p.response.elapsed_ms)}</td>
                <td>
                  {retries.length > 0 ? (
                    <span
                      className="badge badge-warn"
                      title={retries.map((r) => `${r.status ?? 'error'} ${r.reason}, waited ${formatMs(r.waited_ms)}`).join('\n')}
                    >
                      {retries.length} {retries.length === 1 ? 'retry' : 'retries'}
                    </span>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{p.stop ? <StopBadge reason={p.stop} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
