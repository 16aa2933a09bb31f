// The Design tab: the resources (graph and the selected resource's form), the client, the
// resource defaults, and the JSON/YAML view of the same document.
import { lazy, Suspense, useRef } from 'react';
import { Tabs } from '../../components/Tabs';
import { ResourceGraph } from '../graph/ResourceGraph';
import { useFieldFocus } from '../problems/focusField';
import { useNavigation, type DesignSection } from '../shell/navigation';
import { useTheme } from '../shell/theme';
import { resourceNames, useSource } from '../sources/state';
import { ClientForm } from './ClientForm';
import { DefaultsForm, ResourceForm } from './ResourceForm';
import { SecretStatusProvider } from './secretStatus';
import { SchemaHelpProvider } from './help/SchemaHelp';
import './design.css';

// CodeMirror and the schema tools load when the view is first shown.
const CodeView = lazy(() => import('../editor/CodeView'));

const SECTIONS: readonly { id: DesignSection; title: string }[] = [
  { id: 'resources', title: 'Resources' },
  { id: 'client', title: 'Client' },
  { id: 'defaults', title: 'Defaults' },
  { id: 'code', title: 'JSON/YAML' },
];

export function DesignTab() {
  const { document, selectedResource } = useSource();
  const { section, setSection } = useNavigation();
  const { theme } = useTheme();
  const root = useRef<HTMLDivElement>(null);
  useFieldFocus(root);
  if (!document) {
    return (
      <div className="empty-state">
        <h2>No source open</h2>
        <p>Open a recent source, start from a template or import one from the sidebar.</p>
      </div>
    );
  }
  const names = resourceNames(document);
  const current = selectedResource && names.includes(selectedResource) ? selectedResource : names[0];
  return (
    <SecretStatusProvider>
      <SchemaHelpProvider>
      <div className="design" ref={root}>
        <Tabs label="Design sections" idPrefix="design" tabs={SECTIONS} active={section} onChange={setSection} />
        <div className="design-body" role="tabpanel" id={`design-panel-${section}`} aria-labelledby={`design-tab-${section}`}>
          {section === 'resources' && (
            <div className="resources-view">
              <ResourceGraph theme={theme} />
              {current ? <ResourceForm key={current} name={current} /> : <p className="muted">No resources yet: add one.</p>}
            </div>
          )}
          {section === 'client' && <ClientForm />}
          {section === 'defaults' && <DefaultsForm />}
          {section === 'code' && (
            <Suspense fallback={<p className="muted">Loading editor…</p>}>
              <CodeView />
            </Suspense>
          )}
        </div>
      </div>
      </SchemaHelpProvider>
    </SecretStatusProvider>
  );
}
