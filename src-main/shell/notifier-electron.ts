/** Electron's Notification behind the notifier's factory interface. */
import { Notification } from 'electron';
import type { NotificationFactory } from './notifier';

export const electronNotificationFactory: NotificationFactory = {
  isSupported: () => Notification.isSupported(),
  create(options) {
    const notification = new Notification(options);
    return {
      on: (event, listener) => {
        if (event === 'click') notification.on('click', () => listener());
        else if (event === 'close') notification.on('close', () => listener());
        else notification.on('failed', () => listener());
      },
      show: () => notification.show(),
    };
  },
};
