/** How the window is laid out right now: wide enough for the details beside the list, or not. */
import { useSyncExternalStore } from 'react';

/** Below this width (sidebar, a usable list and the details), the details replace the list. */
export const SIDE_BY_SIDE_MIN_PX = 1100;

const query = () => window.matchMedia(`(min-width: ${SIDE_BY_SIDE_MIN_PX}px)`);

export function useWideWindow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = query();
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => query().matches,
  );
}
