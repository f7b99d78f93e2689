/**
 * Guards on the main window that keep the copy-once promise: main's `before-input-event` check
 * (core/menu/input-guard.ts: no reload or DevTools keys in production, no reload while a secret
 * is held in development), and noticing that the page was replaced (a reload that got through
 * anyway), so the vault keeps what the lost page held for one more showing.
 * `will-navigate` is already refused for this window (window.ts).
 */
import type { WebContents } from 'electron';
import { blocksInput } from '../core/menu/input-guard';

export function guardMainWindow(
  contents: WebContents,
  options: {
    platform: string;
    development: boolean;
    secretHeld: () => boolean;
    /** The page is being replaced by a new one (not the first load). */
    onPageReplaced: () => void;
  },
): void {
  contents.on('before-input-event', (event, input) => {
    const state = {
      platform: options.platform,
      development: options.development,
      secretHeld: options.secretHeld(),
    };
    if (blocksInput(input, state)) event.preventDefault();
  });
  let documents = 0;
  contents.on('did-start-navigation', (details) => {
    if (!details.isMainFrame || details.isSameDocument) return;
    documents += 1;
    if (documents > 1) options.onPageReplaced();
  });
}
