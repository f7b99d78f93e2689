import type { TrayPort } from '../core/ports';

/** Until the tray service lands, the attention model is simply not shown outside the window. */
export const noTray: TrayPort = { update: () => undefined };
