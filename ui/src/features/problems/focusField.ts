// Finding the form field that shows a config path: every field and section carries
// `data-path` with the engine's spelling of its path. A problem at a path with no field of its
// own goes to the closest enclosing field or section, else to the first field inside it.
import { useEffect, type RefObject } from 'react';
import { isWithin } from '../sources/docPath';
import { useNavigation } from '../shell/navigation';

export function findField(root: ParentNode, path: string): HTMLElement | null {
  const all = Array.from(root.querySelectorAll<HTMLElement>('[data-path]'));
  const exact = all.find((el) => el.dataset.path === path);
  if (exact) return exact;
  let best: HTMLElement | null = null;
  for (const el of all) {
    const p = el.dataset.path as string;
    if (isWithin(path, p) && (!best || p.length > (best.dataset.path as string).length)) best = el;
  }
  return best ?? all.find((el) => isWithin(el.dataset.path as string, path)) ?? null;
}

const FOCUSABLE = 'input, select, textarea, button, [contenteditable="true"]';

/** Focuses the field (or its first control), scrolls to it and flashes it. */
export function focusField(el: HTMLElement) {
  const control = el.matches(FOCUSABLE) ? el : el.querySelector<HTMLElement>(FOCUSABLE);
  const target = control ?? el;
  if (!control && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  target.focus();
  if (typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center' });
  el.classList.remove('flash');
  // Restart the animation even when the same field is asked for twice.
  void el.offsetWidth;
  el.classList.add('flash');
  el.dataset.highlighted = 'true';
  setTimeout(() => {
    el.classList.remove('flash');
    delete el.dataset.highlighted;
  }, 2000);
}

/** Serves the navigation's focus requests inside `root` once it has rendered. */
export function useFieldFocus(root: RefObject<HTMLElement | null>) {
  const { focus } = useNavigation();
  useEffect(() => {
    if (!focus || !root.current) return;
    const el = findField(root.current, focus.path);
    if (el) focusField(el);
  }, [focus, root]);
}
