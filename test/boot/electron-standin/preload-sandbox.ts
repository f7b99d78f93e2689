/**
 * The renderer side of a sandboxed preload, as far as main can tell: the built preload runs in
 * its own V8 context with the `require` Electron gives a sandboxed preload (only `electron`'s
 * renderer modules contextBridge and ipcRenderer here, plus `events`, `timers` and `url`;
 * anything else is "module not found"), and `ipcRenderer.invoke` reaches the app's ipcMain
 * handlers as a call from the window's top frame. Returns what the preload exposed.
 */
import events from 'node:events';
import fs from 'node:fs';
import timers from 'node:timers';
import url from 'node:url';
import vm from 'node:vm';
import { ipcMainImpl, type SenderFrame } from './ipc';
import type { StandinWebContents } from './windows';

export interface PreloadWorld {
  /** contextBridge.exposeInMainWorld(key, api), by key. */
  exposed: Map<string, unknown>;
  /** Channels the preload listens on (ipcRenderer.on). */
  listening: Set<string>;
}

export function runPreload(file: string, contents: StandinWebContents, frame: SenderFrame): PreloadWorld {
  const world: PreloadWorld = { exposed: new Map(), listening: new Set() };
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) =>
      ipcMainImpl.invoke(channel, frame, contents.proxy, ...args),
    on(channel: string) {
      world.listening.add(channel);
      return ipcRenderer;
    },
    removeListener(channel: string) {
      world.listening.delete(channel);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (world.exposed.has(key))
        throw new Error(`Cannot bind an API on top of an existing property on the window object`);
      world.exposed.set(key, api);
    },
  };
  const allowed: Record<string, unknown> = {
    electron: { contextBridge, ipcRenderer },
    events,
    timers,
    url,
  };
  const sandboxRequire = (id: string): unknown => {
    if (id in allowed) return allowed[id];
    throw new Error(`module not found: ${id}`);
  };
  const module = { exports: {} as unknown };
  const wrapper = vm.runInNewContext(
    `(function (exports, require, module, __filename, __dirname) {\n${fs.readFileSync(file, 'utf8')}\n})`,
    { console, setTimeout, clearTimeout, Promise },
    { filename: file },
  ) as (...args: unknown[]) => void;
  wrapper(module.exports, sandboxRequire, module, file, '.');
  return world;
}
