import { useEffect, useRef, type ReactNode } from 'react';
import { DataTab } from '../data/DataTab';
import { DesignTab } from '../design/DesignTab';
import { PreviewTab } from '../preview/PreviewTab';
import { RunsTab } from '../runs/RunsTab';
import { useNavigation } from './navigation';

export const TABS = [
  { id: 'design', title: 'Design' },
  { id: 'preview', title: 'Preview' },
  { id: 'runs', title: 'Runs' },
  { id: 'data', title: 'Data' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

/** Starts a tab's work when a command asks (Ctrl+P): presses the tab's own submit button once
 * it is on screen, so the command runs with the tab's settings (pages, records) and its
 * disabled state (already running) is respected. */
function StartOnRequest({ what, children }: { what: 'preview'; children: ReactNode }) {
  const { start } = useNavigation();
  const box = useRef<HTMLDivElement>(null);
  const done = useRef(0);
  useEffect(() => {
    if (!start || start.what !== what || start.seq === done.current) return;
    done.current = start.seq;
    box.current?.querySelector<HTMLButtonElement>('form button[type="submit"]:not(:disabled)')?.click();
  }, [start, what]);
  return <div ref={box} className="start-on-request">{children}</div>;
}

function Panel({ tab }: { tab: TabId }) {
  switch (tab) {
    case 'design':
      return <DesignTab />;
    case 'preview':
      return (
        <StartOnRequest what="preview">
          <PreviewTab />
        </StartOnRequest>
      );
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
