// A JSON tree that stays responsive on multi-megabyte bodies: rows are computed only for expanded
// containers and rendered through a virtualizer. Search expands the ancestors of each match.
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useDebounced } from './useDebounced';
import { useVirtualizer } from '@tanstack/react-virtual';
import { formatPath, pathKey, type Segment } from './jsonPath';
import { searchJson } from './search';
import { ancestorKeys, preview, visibleRows, type TreeRow } from './treeRows';

export interface JsonTreeProps {
  value: unknown;
  label: string;
  /** Paths open at first (their ancestors open too). */
  initiallyExpanded?: Segment[][];
  selected?: Segment[] | null;
  onSelect?: (path: Segment[], value: unknown) => void;
  height?: number;
}

const ROW_HEIGHT = 22;

function initialSet(paths: Segment[][]): Set<string> {
  const set = new Set<string>([pathKey([])]);
  for (const p of paths) {
    for (const k of ancestorKeys(p)) set.add(k);
    set.add(pathKey(p));
  }
  return set;
}

export function JsonTree({ value, label, initiallyExpanded = [], selected, onSelect, height = 420 }: JsonTreeProps) {
  const [expanded, setExpanded] = useState(() => initialSet(initiallyExpanded));
  // Collapsed by hand: wins over the openings a search makes.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const deferred = useDeferredValue(useDebounced(query, 150));
  const scrollRef = useRef<HTMLDivElement>(null);

  const search = useMemo(() => searchJson(value, deferred), [value, deferred]);
  const matchKeys = useMemo(() => new Set(search.matches.map(pathKey)), [search]);
  const open = useMemo(() => {
    if (search.matches.length === 0) return expanded;
    const all = new Set(expanded);
    for (const m of search.matches) for (const k of ancestorKeys(m)) if (!collapsed.has(k)) all.add(k);
    return all;
  }, [expanded, collapsed, search]);
  const rows = useMemo(() => visibleRows(value, open), [value, open]);
  const selectedKey = selected ? pathKey(selected) : null;
  const currentKey = search.matches.length > 0 ? pathKey(search.matches[current % search.matches.length]) : null;

  // TanStack Virtual returns functions the React Compiler cannot memoise; that is expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  function toggle(row: TreeRow) {
    const change = (set: ReadonlySet<string>, add: boolean) => {
      const next = new Set(set);
      if (add) next.add(row.key);
      else next.delete(row.key);
      return next;
    };
    setExpanded((prev) => change(prev, !row.expanded));
    setCollapsed((prev) => change(prev, row.expanded));
  }

  function goTo(step: number) {
    if (search.matches.length === 0) return;
    const n = (current + step + search.matches.length) % search.matches.length;
    setCurrent(n);
    const key = pathKey(search.matches[n]);
    const index = rows.findIndex((r) => r.key === key);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }

  return (
    <div className="json-tree">
      <div className="grid-toolbar">
        <input
          type="search"
          aria-label={`Search ${label}`}
          placeholder="Search keys and values…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCurrent(0);
            setCollapsed(new Set());
          }}
          onKeyDown={(e) => e.key === 'Enter' && goTo(e.shiftKey ? -1 : 1)}
        />
        {deferred.trim() && (
          <span className="muted" aria-live="polite">
            {search.matches.length === 0
              ? 'no match'
              : `${(current % search.matches.length) + 1} / ${search.matches.length}${search.capped ? '+' : ''}`}
          </span>
        )}
        <button type="button" onClick={() => goTo(-1)} disabled={search.matches.length === 0} aria-label="Previous match">
          ↑
        </button>
        <button type="button" onClick={() => goTo(1)} disabled={search.matches.length === 0} aria-label="Next match">
          ↓
        </button>
      </div>
      <div ref={scrollRef} className="tree-scroll" style={{ height }}>
        <div role="tree" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            const container = row.kind === 'object' || row.kind === 'array';
            const classes = ['tree-row', `kind-${row.kind}`];
            if (matchKeys.has(row.key)) classes.push('match');
            if (row.key === currentKey) classes.push('current');
            return (
              <div
                key={row.key}
                role="treeitem"
                aria-label={formatPath(row.path)}
                aria-level={row.depth + 1}
                aria-expanded={container ? row.expanded : undefined}
                aria-selected={row.key === selectedKey}
                tabIndex={-1}
                className={classes.join(' ')}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, paddingLeft: 6 + row.depth * 16 }}
                onClick={() => onSelect?.(row.path, row.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onSelect?.(row.path, row.value);
                  if ((e.key === 'ArrowRight' && !row.expanded) || (e.key === 'ArrowLeft' && row.expanded)) toggle(row);
                }}
              >
                {container ? (
                  <button
                    type="button"
                    className="twisty"
                    aria-label={row.expanded ? 'Collapse' : 'Expand'}
                    onClick={(e) => {
                      e.stopPropagation();
                      toggle(row);
                    }}
                  >
                    {row.expanded ? '▾' : '▸'}
                  </button>
                ) : (
                  <span className="twisty" />
                )}
                {row.label !== null && <span className="tree-key">{typeof row.label === 'number' ? row.label : JSON.stringify(row.label)}:</span>}
                <span className="tree-value">{container && row.expanded ? (row.kind === 'array' ? `[${row.size}]` : `{${row.size}}`) : preview(row)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
