/** Electron's Notification behind the notifier's factory interface. */
import { Notification } from 'electron';
import type { NotificationFactory, ShownNotification } from './notifier';

export const electronNotificationFactory: NotificationFactory = {
  isSupported: () => Notification.isSupported(),
  create(options) {
    const notification = new Notification(options);
    const shown: ShownNotification = {
      on: (event: 'click' | 'close' | 'failed' | 'action', listener: (index: number) => void) => {
        if (event === 'click') notification.on('click', () => listener(-1));
        else if (event === 'close') notification.on('close', () => listener(-1));
        else if (event === 'action') notification.on('action', (details) => listener(details.actionIndex));
        else notification.on('failed', () => listener(-1));
      },
      show: () => notification.show(),
    };
    return shown;
  },
};
