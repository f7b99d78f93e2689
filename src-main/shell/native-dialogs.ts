/**
 * The native dialogs main shows by itself: the confirmation before a setting that weakens
 * security changes (the core's `Confirmer` port), and the answer to a menu command such as
 * Help › Check for Updates. Cancel is the default button, so Enter or Escape changes nothing.
 */
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { Confirmer } from '../core/ports';

function show(getWindow: () => BrowserWindow | null, options: MessageBoxOptions) {
  const win = getWindow();
  return win === null || win.isDestroyed()
    ? dialog.showMessageBox(options)
    : dialog.showMessageBox(win, options);
}

export function nativeConfirmer(getWindow: () => BrowserWindow | null): Confirmer {
  return {
    async confirm(request) {
      const { response } = await show(getWindow, {
        type: 'warning',
        title: request.title,
        message: request.title,
        detail: `${request.message}\n\n${request.detail}`,
        buttons: ['Cancel', request.confirmLabel],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    },
  };
}

export async function showFeedback(
  getWindow: () => BrowserWindow | null,
  feedback: { title: string; message: string },
): Promise<void> {
  await show(getWindow, {
    type: 'info',
    title: feedback.title,
    message: feedback.title,
    detail: feedback.message,
  });
}
