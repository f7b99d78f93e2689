/**
 * The OS session ends (Windows logoff or shutdown: the window's `session-end`; macOS and Linux:
 * powerMonitor's `shutdown`). The app may be killed right after, before any quit handler runs,
 * so a copied secret still on the clipboard is cleared now and held secrets are wiped. Returns
 * the listener; the shell hooks it to both events.
 */
import type { Logger } from '../core/log/logger';

export function onSessionEnd(options: {
  vault: () => { shutdown(): Promise<void> } | null;
  log: Logger;
  /** Quitting starts: a hidden-instead-of-closed window must not block the logoff. */
  markQuitting: () => void;
}): () => void {
  let cleared = false;
  return () => {
    options.markQuitting();
    if (cleared) return;
    cleared = true;
    void options
      .vault()
      ?.shutdown()
      .catch((error: unknown) => options.log.warn('could not clear secrets as the session ended', { error }));
  };
}
