/** Applies the theme: the user's choice, or the OS's when the choice is "system". */
import { useEffect, useLayoutEffect, useState } from 'react';
import { useApp } from '../stores/app';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

export function useTheme(): 'light' | 'dark' {
  const choice = useApp((s) => s.settings?.theme ?? 'system');
  const [systemDark, setSystemDark] = useState(() => query().matches);
  useEffect(() => {
    const media = query();
    const onChange = () => setSystemDark(media.matches);
    media.addEventListener('change', onChange);
    // The OS may have switched between the first render and this subscription.
    onChange();
    return () => media.removeEventListener('change', onChange);
  }, []);
  const resolved = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  // Before the browser paints, so the first frame is already in the right theme.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = resolved;
  }, [resolved]);
  return resolved;
}
