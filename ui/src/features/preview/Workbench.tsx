// One preview trace: timeline, detection, the selected page's request and response with
// click-to-configure, the records and the schema they would produce.
import { useMemo, useState } from 'react';
import type { PreviewTrace } from '../../host';
import { Tabs } from '../../components/Tabs';
import { useSource } from '../sources/state';
import { DetectionPanel } from './configure/DetectionPanel';
import { NodeActionsBar } from './configure/NodeActionsBar';
import { parsePath, type Segment } from './json/jsonPath';
import { nearestParent, parentLabel } from './parents/parentOf';
import { RecordsPanel } from './records/RecordsPanel';
import { SchemaPreview } from './records/SchemaPreview';
import { RequestView } from './request/RequestView';
import { ResponseView } from './request/ResponseView';
import { PageTimeline } from './timeline/PageTimeline';
import { StopBadge } from './timeline/StopBadge';

const VIEWS = [
  { id: 'response', title: 'Response' },
  { id: 'request', title: 'Request' },
  { id: 'records', title: 'Records' },
  { id: 'schema', title: 'Schema' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function Workbench({ trace }: { trace: PreviewTrace }) {
  const [pageIndex, setPageIndex] = useState(0);
  const [view, setView] = useState<View>('response');
  const [node, setNode] = useState<{ path: Segment[]; value: unknown } | null>(null);
  const page = trace.pages[Math.min(pageIndex, trace.pages.length - 1)] ?? null;
  const recordsPath = useMemo(() => (page ? parsePath(page.selector) : null), [page]);
  const total = trace.pages.reduce((n, p) => n + p.records.length, 0);
  const bodies = useMemo(() => trace.pages.map((p) => p.body), [trace.pages]);
  const { document } = useSource();
  const parent = nearestParent(document, trace.resource);
  const parentLabels = useMemo(
    () => trace.parent_records.map((r) => parentLabel(r, parent?.fields ?? [])),
    [trace.parent_records, parent?.fields],
  );

  return (
    <div className="workbench">
      <section aria-labelledby="timeline-title" className="card">
        <h3 id="timeline-title" className="row">
          Pages
          <span className="muted">
            {trace.pages.length} {trace.pages.length === 1 ? 'page' : 'pages'}, {total} records
          </span>
          {trace.stop && <StopBadge reason={trace.stop} />}
        </h3>
        {trace.parent_records.length > 0 && (
          <p className="muted" data-testid="preview-parents">
            For {trace.parent_records.length} {trace.parent_records.length === 1 ? 'record' : 'records'} of{' '}
            {parent?.parent ?? trace.parents[0]?.resource ?? 'the parent'}: {parentLabels.slice(0, 8).join('; ')}
            {parentLabels.length > 8 && '; …'}
          </p>
        )}
        {trace.cancelled && (
          <p className="notice" aria-live="polite" data-testid="preview-cancelled">
            Cancelled: showing the {trace.pages.length} {trace.pages.length === 1 ? 'page' : 'pages'} fetched before.
          </p>
        )}
        <PageTimeline
          parentLabels={parentLabels}
          pages={trace.pages}
          selected={pageIndex}
          onSelect={(i) => {
            setPageIndex(i);
            setNode(null);
          }}
        />
      </section>
      {trace.error && (
        <p role="alert" className="error">
          {trace.error}
        </p>
      )}
      <DetectionPanel trace={trace} />
      <Tabs label="Page details" tabs={VIEWS} active={view} onChange={setView} idPrefix="page" />
      <div role="tabpanel" id={`page-panel-${view}`} aria-labelledby={`page-tab-${view}`}>
        {view === 'response' && page && (
          <>
            <NodeActionsBar resource={trace.resource} node={node} recordsPath={recordsPath} pageSize={page.records.length} bodies={bodies} />
            <ResponseView
              page={page}
              recordsPath={recordsPath}
              selected={node?.path ?? null}
              onSelect={(path, value) => setNode({ path, value })}
              resource={trace.resource}
              pageSize={page.records.length}
            />
          </>
        )}
        {view === 'request' && page && <RequestView request={page.request} resource={trace.resource} />}
        {view === 'records' && <RecordsPanel records={trace.records} rawRecords={trace.raw_records} />}
        {view === 'schema' && <SchemaPreview schema={trace.schema} records={trace.records.length} />}
        {!page && view !== 'records' && view !== 'schema' && <p className="muted">No page to show.</p>}
      </div>
    </div>
  );
}
