/**
 * The keys with which a browser (and Electron's development menu) reloads the page. While the
 * copy-once dialog shows a secret, a reload would lose it for good, so the dialog swallows these.
 * Main swallows them too, before the page sees them (core/menu/input-guard.ts, which judges
 * Electron's input events); this is the page's own guard, for wherever main's is not in front.
 */
export function isReloadKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (event.key === 'F5' || event.key === 'BrowserRefresh') return true;
  return event.key.toLowerCase() === 'r' && !event.altKey && (event.ctrlKey || event.metaKey);
}
