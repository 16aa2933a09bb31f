import { useState } from 'react';
import { Tabs } from './components/Tabs';
import { TABS, TabPanel, type TabId } from './features/shell/panels';
import { SourcesSidebar } from './features/sources/SourcesSidebar';
import { StatusBar } from './features/status/StatusBar';

export function App() {
  const [tab, setTab] = useState<TabId>('design');
  return (
    <div className="shell">
      <SourcesSidebar />
      <header className="header">
        <h1 className="brand">Pipewright</h1>
        <Tabs label="Views" tabs={TABS} active={tab} onChange={setTab} />
      </header>
      <main className="main">
        <TabPanel tab={tab} />
      </main>
      <StatusBar />
    </div>
  );
}
