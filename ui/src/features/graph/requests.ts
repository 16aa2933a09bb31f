// How many requests a child resource will send: one sequence of pages per parent record. Known
// only from previews: the parent's last preview gives the number of parent records, the
// child's own last preview (if any) the pages per parent; without it one page is assumed.
import type { PreviewTrace } from '../../host';

export interface RequestEstimate {
  parents: number;
  pagesPerParent: number;
  /** Whether pagesPerParent comes from a preview of the child (else it is a floor of 1). */
  measured: boolean;
  requests: number;
}

export function estimateRequests(parent: PreviewTrace | null | undefined, child: PreviewTrace | null | undefined): RequestEstimate | null {
  if (!parent) return null;
  const parents = parent.records.length;
  let pagesPerParent = 1;
  let measured = false;
  if (child && child.pages.length > 0) {
    // The child's preview ran for some parent records: its pages divided among them.
    const previewedFor = Math.max(1, child.parent_records?.length || new Set(child.pages.map((p) => p.parent ?? 0)).size);
    pagesPerParent = Math.max(1, Math.round(child.pages.length / previewedFor));
    measured = true;
  }
  return { parents, pagesPerParent, measured, requests: parents * pagesPerParent };
}

export function estimateText(e: RequestEstimate): string {
  return `${e.measured ? '≈' : '≥'} ${e.requests} request${e.requests === 1 ? '' : 's'}`;
}

export function estimateTitle(e: RequestEstimate, parent: string): string {
  return `${e.parents} ${parent} record${e.parents === 1 ? '' : 's'} in its last preview × ${e.pagesPerParent} page${e.pagesPerParent === 1 ? '' : 's'} each${e.measured ? ' (from the last preview of this resource)' : ' (at least one page each)'}`;
}
