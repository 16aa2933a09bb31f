// One row per page: URL, status, records, the paginator's next position, time, retries; the
// stop reason on the last row.
import type { PageTrace } from '../../../host';
import { formatMs, formatPosition } from './format';
import { StopBadge } from './StopBadge';

export interface PageTimelineProps {
  pages: PageTrace[];
  selected: number;
  onSelect: (index: number) => void;
}

function statusClass(status: number) {
  return status >= 400 ? 'status-bad' : status >= 300 ? 'status-redirect' : 'status-ok';
}

export function PageTimeline({ pages, selected, onSelect }: PageTimelineProps) {
  if (pages.length === 0) return <p className="muted">No page was fetched.</p>;
  return (
    <table className="timeline" aria-label="Page timeline">
      <colgroup>
        <col style={{ width: 36 }} />
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
          return (
            <tr
              key={p.index}
              aria-selected={i === selected}
              className="clickable"
              onClick={() => onSelect(i)}
              data-testid="timeline-row"
            >
              <td>{p.index + 1}</td>
              <td className="url" title={p.request.url}>
                <span className="method">{p.request.method}</span> {p.request.url}
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
  );
}
