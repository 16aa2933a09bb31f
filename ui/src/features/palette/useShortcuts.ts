// The keyboard shortcuts of the commands, anywhere in the window (inputs included: undo is the
// app's, shared by the forms and the code view).
import { useEffect, useRef } from 'react';
import { matches, type Command } from './commands';

export function useShortcuts(commands: Command[]) {
  const latest = useRef(commands);
  useEffect(() => {
    latest.current = commands;
  });
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent) {
      if (e.defaultPrevented) return;
      const cmd = latest.current.find(
        (c) => (c.shortcut && matches(e, c.shortcut)) || (c.alternate && matches(e, c.alternate)),
      );
      if (!cmd) return;
      e.preventDefault();
      if (cmd.enabled) cmd.run();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
