/**
 * Reminder notifications through Electron's Notification, behind a small factory so the wiring
 * is unit-tested. Each shown notification is kept referenced until it is clicked, closed or
 * fails: Electron drops the click handler of a notification that was garbage-collected.
 * A click brings the window forward and lets the core navigate to the token.
 *
 * Buttons ("Snooze a day", "Open") exist only where Electron has notification actions (macOS and
 * Windows); on Linux they are left out and a click opens, as before.
 */
import type { Logger } from '../core/log/logger';
import type { NotificationAction, Notifier } from '../core/ports';

export interface ShownNotification {
  on(event: 'click' | 'close' | 'failed', listener: () => void): void;
  /** A button was pressed: its index in the `actions` the notification was created with. */
  on(event: 'action', listener: (index: number) => void): void;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: {
    title: string;
    body: string;
    silent: boolean;
    actions?: { type: 'button'; text: string }[];
  }): ShownNotification;
}

/** The platforms whose Electron Notification shows `actions` (process.platform values). */
export const PLATFORMS_WITH_ACTIONS: readonly string[] = ['darwin', 'win32'];

export function createShellNotifier(options: {
  factory: NotificationFactory;
  focusWindow: () => void;
  log: Logger;
  /** process.platform: decides whether buttons are offered. */
  platform?: string;
}): Notifier & { readonly pending: number } {
  const alive = new Set<ShownNotification>();
  const withActions = PLATFORMS_WITH_ACTIONS.includes(options.platform ?? process.platform);
  return {
    get pending() {
      return alive.size;
    },
    show(request, onClick, onAction) {
      if (!options.factory.isSupported()) {
        options.log.info(
          'notifications are not supported here; the reminder shows in the window and tray only',
        );
        return;
      }
      const actions: readonly NotificationAction[] =
        withActions && onAction !== undefined ? (request.actions ?? []) : [];
      const notification = options.factory.create({
        title: request.title,
        body: request.body,
        silent: false,
        ...(actions.length > 0
          ? { actions: actions.map((a) => ({ type: 'button' as const, text: a.label })) }
          : {}),
      });
      alive.add(notification);
      const release = () => alive.delete(notification);
      notification.on('click', () => {
        release();
        options.focusWindow();
        onClick();
      });
      notification.on('action', (index) => {
        const action = actions[index];
        if (action === undefined) return;
        release();
        // Snoozing happens in the background; only "Open" brings the window forward.
        if (action.id === 'open') options.focusWindow();
        onAction?.(action.id);
      });
      notification.on('close', release);
      notification.on('failed', () => {
        release();
        options.log.warn('a notification could not be shown');
      });
      notification.show();
    },
  };
}
