/**
 * `ipcMain`: `handle` refuses a second handler for the same channel, as Electron does
 * ("Attempted to register a second handler for ..."); `on` is a plain emitter. `invoke` (for
 * control.ts) is what a renderer's `ipcRenderer.invoke` amounts to: the handler runs with an
 * event naming the sending frame, and a handler that throws rejects the call.
 */
import { EventEmitter } from 'node:events';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** The frame a call comes from, as far as the app can see it. */
export interface SenderFrame {
  url: string;
  /** null: a top-level frame; else the frame it is embedded in. */
  parent: SenderFrame | null;
}

export class StandinIpcMain
  extends EventEmitter
  implements Pick<IpcMain, 'handle' | 'handleOnce' | 'removeHandler'>
{
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    if (typeof listener !== 'function') {
      throw new Error(`Expected handler to be a function, but found type '${typeof listener}'`);
    }
    this.handlers.set(channel, listener);
  }
  handleOnce(channel: string, listener: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return listener(event, ...args);
    });
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  async invoke(
    channel: string,
    frame: SenderFrame | null,
    sender: unknown,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    const toFrame = (f: SenderFrame | null): unknown =>
      f === null ? null : { url: f.url, origin: new URL(f.url).origin, parent: toFrame(f.parent), top: null };
    const event = {
      preventDefault: () => undefined,
      defaultPrevented: false,
      type: 'frame',
      processId: 1,
      frameId: 1,
      sender,
      senderFrame: toFrame(frame),
    } as unknown as IpcMainInvokeEvent;
    return handler(event, ...args);
  }

  reset(): void {
    this.removeAllListeners();
    this.handlers.clear();
  }
}

export const ipcMainImpl = new StandinIpcMain();
