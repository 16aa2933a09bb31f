import { DataTab } from '../data/DataTab';
import { DesignTab } from '../design/DesignTab';
import { PreviewTab } from '../preview/PreviewTab';
import { RunsTab } from '../runs/RunsTab';

export const TABS = [
  { id: 'design', title: 'Design' },
  { id: 'preview', title: 'Preview' },
  { id: 'runs', title: 'Runs' },
  { id: 'data', title: 'Data' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

function Panel({ tab }: { tab: TabId }) {
  switch (tab) {
    case 'design':
      return <DesignTab />;
    case 'preview':
      return <PreviewTab />;
    case 'runs':
      return <RunsTab />;
    case 'data':
      return <DataTab />;
  }
}

export function TabPanel({ tab }: { tab: TabId }) {
  return (
    <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className={`panel panel-${tab}`}>
      <Panel tab={tab} />
    </section>
  );
}
