import { useCallback, useState } from 'react';
import { Tabs } from './components/Tabs';
import { TextBaseProvider } from './features/editor/textBase';
import { ExportDialog } from './features/export/ExportDialog';
import { CommandPalette } from './features/palette/CommandPalette';
import { shortcutText, useCommands } from './features/palette/commands';
import { useShortcuts } from './features/palette/useShortcuts';
import { ProblemsPanel } from './features/problems/ProblemsPanel';
import { ProblemsProvider } from './features/problems/ProblemsProvider';
import { NavigationProvider, useNavigation } from './features/shell/navigation';
import { TABS, TabPanel } from './features/shell/panels';
import { ThemeProvider, useTheme } from './features/shell/theme';
import { SaveAsDialog } from './features/sources/SaveAsDialog';
import { SourcesSidebar } from './features/sources/SourcesSidebar';
import { SourceProvider, useSource } from './features/sources/state';
import { useSave } from './features/sources/useSave';
import { useAutosave } from './features/sources/useAutosave';
import { CloseGuard } from './features/sources/CloseGuard';
import { StatusBar } from './features/status/StatusBar';

/** The whole app inside its providers (the host comes from outside: Tauri, fake or a test). */
export function App() {
  return (
    <ThemeProvider>
      <SourceProvider>
        <NavigationProvider>
          <ProblemsProvider>
            <TextBaseProvider>
              <Shell />
            </TextBaseProvider>
          </ProblemsProvider>
        </NavigationProvider>
      </SourceProvider>
    </ThemeProvider>
  );
}

function Shell() {
  const { tab, setTab } = useNavigation();
  const { file, dirty } = useSource();
  const { theme, toggle } = useTheme();
  const save = useSave();
  const autosave = useAutosave(save);
  const [palette, setPalette] = useState(false);
  const [exporting, setExporting] = useState(false);
  const openPalette = useCallback(() => setPalette(true), []);
  const commands = useCommands(save, openPalette);
  useShortcuts(commands);
  return (
    <div className="shell">
      <SourcesSidebar />
      <header className="header">
        <h1 className="brand">Pipewright</h1>
        <Tabs label="Views" tabs={TABS} active={tab} onChange={setTab} />
        <div className="header-actions">
          {file && (
            <button type="button" onClick={save.save} disabled={save.busy} title={shortcutText({ key: 's' })}>
              {dirty ? 'Save' : 'Saved'}
            </button>
          )}
          {file && (
            <button type="button" onClick={() => setExporting(true)}>
              Export…
            </button>
          )}
          <button type="button" onClick={openPalette} title={shortcutText({ key: 'k' })}>
            Commands <kbd>{shortcutText({ key: 'k' })}</kbd>
          </button>
          <button type="button" className="icon" onClick={toggle} aria-label={theme === 'dark' ? 'Light theme' : 'Dark theme'}>
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <main className="main">
        <TabPanel tab={tab} />
      </main>
      <ProblemsPanel />
      <StatusBar autosave={autosave} />
      <CloseGuard save={save} />
      {save.error && !save.asking && (
        <div className="toast" role="alert">
          Save failed: {save.error}
        </div>
      )}
      {save.asking && <SaveAsDialog api={save} />}
      <ExportDialog open={exporting} onClose={() => setExporting(false)} />
      {palette && <CommandPalette commands={commands} onClose={() => setPalette(false)} />}
    </div>
  );
}
