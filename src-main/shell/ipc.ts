/** Registers one `ipcMain.handle` per contract channel, and the typed event emitter. */
import { ipcMain, type BrowserWindow } from 'electron';
import { channelNames, channelWireName, eventWireName, events } from '../../src-preload/contract';
import type { Core } from '../core/core';
import type { Logger } from '../core/log/logger';
import type { EmitEvent } from '../core/ports';
import { handle } from './ipc-handle';

export function registerIpc(core: Core, devServerUrl: string | null): void {
  for (const name of channelNames) {
    ipcMain.handle(channelWireName(name), (event, payload: unknown) =>
      handle(core, name, event, payload, devServerUrl),
    );
  }
}

/** Sends an event to the window after checking its payload against the contract. */
export function createEmitter(getWindow: () => BrowserWindow | null, log: Logger): EmitEvent {
  return (event, payload) => {
    const checked = events[event].safeParse(payload);
    if (!checked.success) {
      log.error('event payload outside the contract', { event });
      return;
    }
    const win = getWindow();
    if (win !== null && !win.isDestroyed()) win.webContents.send(eventWireName(event), checked.data);
  };
}
