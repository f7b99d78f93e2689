/**
 * One Tab stop for a whole list of buttons (the sidebar, the timeline's marks): Tab enters on the
 * current item, the arrow keys, Home and End move between items, Tab leaves. Items carry
 * `data-roving`; the container's onKeyDown is this hook's handler.
 */
import { useCallback, useLayoutEffect, type KeyboardEvent, type RefObject } from 'react';

type Focusable = HTMLElement | SVGElement;
const items = (container: Element) => [...container.querySelectorAll<Focusable>('[data-roving]')];

function makeCurrent(container: Element, target: Focusable) {
  for (const item of items(container)) item.tabIndex = item === target ? 0 : -1;
}

export function useRovingFocus(
  ref: RefObject<Element | null>,
  options: { orientation?: 'vertical' | 'horizontal' | 'both' } = {},
) {
  const orientation = options.orientation ?? 'vertical';
  // After every render: exactly one item is reachable by Tab (the current one, else the first).
  useLayoutEffect(() => {
    const container = ref.current;
    if (container === null) return;
    const all = items(container);
    const focused = all.find((item) => item === document.activeElement);
    const current = focused ?? all.find((item) => item.getAttribute('aria-current') !== null) ?? all[0];
    if (current !== undefined) makeCurrent(container, current);
  });

  return useCallback(
    (event: KeyboardEvent<Element>) => {
      const container = ref.current;
      if (
        container === null ||
        !(event.target instanceof HTMLElement || event.target instanceof SVGElement) ||
        !event.target.hasAttribute('data-roving')
      )
        return;
      const all = items(container);
      const at = all.indexOf(event.target);
      const next = (index: number) => all[Math.max(0, Math.min(all.length - 1, index))];
      const forward = orientation === 'horizontal' ? 'ArrowRight' : 'ArrowDown';
      const backward = orientation === 'horizontal' ? 'ArrowLeft' : 'ArrowUp';
      let target: Focusable | undefined;
      if (event.key === forward || (orientation === 'both' && event.key === 'ArrowRight'))
        target = next(at + 1);
      else if (event.key === backward || (orientation === 'both' && event.key === 'ArrowLeft'))
        target = next(at - 1);
      else if (event.key === 'Home') target = all[0];
      else if (event.key === 'End') target = all[all.length - 1];
      if (target === undefined) return;
      event.preventDefault();
      makeCurrent(container, target);
      target.focus();
    },
    [ref, orientation],
  );
}
