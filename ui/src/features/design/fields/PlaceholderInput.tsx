// The endpoint path with completion of `{resources.<parent>.<field>}` and `{incremental.…}`
// placeholders: typing `{` lists them, Enter or a click inserts one.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import type { DocPath } from '../../sources/docPath';
import type { Binder } from '../binder';
import { FieldShell } from './FieldShell';

/** The placeholders a resource can use: its possible parents' ids and the incremental values. */
export function placeholderOptions(otherResources: string[]): string[] {
  return [
    ...otherResources.map((r) => `{resources.${r}.id}`),
    '{incremental.start_value}',
    '{incremental.end_value}',
  ];
}

/** The unclosed `{…` right before the caret, if any. */
export function openPlaceholder(text: string, caret: number): { start: number; partial: string } | null {
  const before = text.slice(0, caret);
  const start = before.lastIndexOf('{');
  if (start < 0 || before.slice(start).includes('}')) return null;
  return { start, partial: before.slice(start) };
}

export function PlaceholderInput({ binder, rel, label, options, placeholder }: {
  binder: Binder;
  rel: DocPath;
  label: string;
  options: string[];
  placeholder?: string;
}) {
  const id = useId();
  const listId = useId();
  const ref = useRef<HTMLInputElement>(null);
  const raw = binder.get(rel);
  const value = typeof raw === 'string' ? raw : '';
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const open = caret === null ? null : openPlaceholder(value, caret);
  const matches = open ? options.filter((o) => o.startsWith(open.partial) && o !== open.partial) : [];
  const showList = matches.length > 0;

  function insert(option: string) {
    if (!open || caret === null) return;
    const next = value.slice(0, open.start) + option + value.slice(caret).replace(/^[^/{}]*\}/, '');
    binder.set(rel, next);
    const pos = open.start + option.length;
    setCaret(null);
    requestAnimationFrame(() => ref.current?.setSelectionRange(pos, pos));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (!showList) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(matches[Math.min(active, matches.length - 1)]);
    } else if (e.key === 'Escape') {
      setCaret(null);
    }
  }

  return (
    <FieldShell path={binder.path(rel)} label={label} htmlFor={id} docs="relationships" hint="Type { for placeholders: a parent's field, or the incremental cursor.">
      <div className="combo">
        <input
          ref={ref}
          id={id}
          className="input code"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          value={value}
          placeholder={placeholder}
          onChange={(e) => {
            binder.set(rel, e.target.value);
            setCaret(e.target.selectionStart);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setCaret(null)}
        />
        {showList && (
          <ul className="combo-list" role="listbox" id={listId}>
            {matches.map((m, i) => (
              <li
                key={m}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(m);
                }}
              >
                {m}
              </li>
            ))}
          </ul>
        )}
      </div>
    </FieldShell>
  );
}
