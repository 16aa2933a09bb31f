// Ctrl+K: every command and resource, filtered by what is typed; Enter runs the highlighted one.
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { shortcutText, type Command } from './commands';

export function filterCommands(commands: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands.filter((c) => {
    const hay = `${c.title} ${c.group}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }) {
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const shown = filterCommands(commands.filter((c) => c.id !== 'palette'), query);
  const current = Math.min(active, Math.max(0, shown.length - 1));

  function run(c: Command | undefined) {
    if (!c || !c.enabled) return;
    onClose();
    c.run();
  }

  return (
    <Dialog title="Commands" onClose={onClose}>
      <input
        className="input palette-input"
        role="combobox"
        aria-label="Search commands"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={shown[current] ? `${listId}-${current}` : undefined}
        placeholder="Type a command or a resource name"
        autoFocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const step = e.key === 'ArrowDown' ? 1 : -1;
            setActive((current + step + shown.length) % Math.max(1, shown.length));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            run(shown[current]);
          }
        }}
      />
      <ul className="palette-list" role="listbox" id={listId} aria-label="Commands">
        {shown.map((c, i) => (
          <li
            key={c.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === current}
            aria-disabled={!c.enabled || undefined}
            className={`palette-item ${i === current ? 'active' : ''} ${c.enabled ? '' : 'disabled'}`}
            onMouseEnter={() => setActive(i)}
            onClick={() => run(c)}
          >
            <span className="palette-group">{c.group}</span>
            <span className="palette-title">{c.title}</span>
            {c.shortcut && <kbd>{shortcutText(c.shortcut)}</kbd>}
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No matching command</li>}
      </ul>
    </Dialog>
  );
}
