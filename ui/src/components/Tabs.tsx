import { useRef, type KeyboardEvent } from 'react';

export interface TabsProps<T extends string> {
  label: string;
  tabs: readonly { id: T; title: string }[];
  active: T;
  onChange: (id: T) => void;
  /** Prefix of the tab and panel ids (several tab lists on one page). */
  idPrefix?: string;
}

/** WAI-ARIA tablist: roles and arrow keys make it reachable by keyboard and by tests. */
export function Tabs<T extends string>({ label, tabs, active, onChange, idPrefix }: TabsProps<T>) {
  const tabId = (id: T) => (idPrefix ? `${idPrefix}-tab-${id}` : `tab-${id}`);
  const panelId = (id: T) => (idPrefix ? `${idPrefix}-panel-${id}` : `panel-${id}`);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(e: KeyboardEvent, index: number) {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = (index + step + tabs.length) % tabs.length;
    onChange(tabs[next].id);
    refs.current[next]?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className="tabs">
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          role="tab"
          id={tabId(tab.id)}
          aria-selected={tab.id === active}
          aria-controls={panelId(tab.id)}
          tabIndex={tab.id === active ? 0 : -1}
          className="tab"
          onClick={() => onChange(tab.id)}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          {tab.title}
        </button>
      ))}
    </div>
  );
}
