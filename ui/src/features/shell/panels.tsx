export const TABS = [
  { id: 'design', title: 'Design' },
  { id: 'preview', title: 'Preview' },
  { id: 'runs', title: 'Runs' },
  { id: 'data', title: 'Data' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

// Placeholders until each feature folder provides its real view.
const BLURBS: Record<TabId, string> = {
  design: 'Design a REST API source: client, resources and their dependencies.',
  preview: 'Preview requests, pages and records without loading anything.',
  runs: 'Run a source into SQLite and follow its progress.',
  data: 'Browse the tables a run has loaded.',
};

export function TabPanel({ tab }: { tab: TabId }) {
  return (
    <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
      <p>{BLURBS[tab]}</p>
    </section>
  );
}
