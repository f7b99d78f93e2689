/**
 * Reminder notifications through Electron's Notification, behind a small factory so the wiring
 * is unit-tested. Each shown notification is kept referenced until it is clicked, closed or
 * fails: Electron drops the click handler of a notification that was garbage-collected.
 * A click brings the window forward and lets the core navigate to the token.
 */
import type { Logger } from '../core/log/logger';
import type { Notifier } from '../core/ports';

export interface ShownNotification {
  on(event: 'click' | 'close' | 'failed', listener: () => void): void;
  show(): void;
}

export interface NotificationFactory {
  isSupported(): boolean;
  create(options: { title: string; body: string; silent: boolean }): ShownNotification;
}

export function createShellNotifier(options: {
  factory: NotificationFactory;
  focusWindow: () => void;
  log: Logger;
}): Notifier & { readonly pending: number } {
  const alive = new Set<ShownNotification>();
  return {
    get pending() {
      return alive.size;
    },
    show(request, onClick) {
      if (!options.factory.isSupported()) {
        options.log.info(
          'notifications are not supported here; the reminder shows in the window and tray only',
        );
        return;
      }
      const notification = options.factory.create({
        title: request.title,
        body: request.body,
        silent: false,
      });
      alive.add(notification);
      const release = () => alive.delete(notification);
      notification.on('click', () => {
        release();
        options.focusWindow();
        onClick();
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
