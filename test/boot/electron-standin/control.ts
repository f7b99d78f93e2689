/**
 * The test's side of the stand-in: set the platform up before a boot, make the app ready, act
 * as the user, the OS or a page would (a second instance, a permission request, an IPC call from
 * a frame, a navigation, a key press, a click in a menu), and read what the app did. Nothing
 * here is reachable as `electron` by the app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Input } from 'electron';
import { appImpl, preventable } from './app';
import { nativeThemeImpl, powerMonitorImpl, safeStorageImpl } from './index';
import { ipcMainImpl, type SenderFrame } from './ipc';
import {
  applicationMenu,
  installDefaultMenuIfUnset,
  resetMenusAndTrays,
  trays,
  type StandinMenu,
  type StandinMenuItem,
} from './menu-tray';
import { notifications } from './platform';
import { protocolImpl } from './protocol';
import { callsTo, lifecycle, resetLifecycle } from './recorder';
import { rawSession, resetSessions } from './session';
import { resetWindows, windows, type StandinBrowserWindow, type StandinWebContents } from './windows';
import { defaultConfig, resetWorld, world, type StandinConfig } from './world';

export { display, defaultConfig, type StandinConfig } from './world';
export type { SenderFrame } from './ipc';

/** A fresh platform: no listeners, handlers, windows, trays or calls from an earlier boot. */
export function reset(config: StandinConfig): void {
  resetLifecycle();
  resetWorld(config);
  appImpl.reset();
  ipcMainImpl.reset();
  protocolImpl.reset();
  resetSessions();
  resetWindows();
  resetMenusAndTrays();
  notifications.length = 0;
  safeStorageImpl.reset();
  powerMonitorImpl.removeAllListeners();
  nativeThemeImpl.removeAllListeners();
  nativeThemeImpl.themeSource = 'system';
  if (config.resourcesPath === undefined) delete (process as { resourcesPath?: string }).resourcesPath;
  else (process as { resourcesPath?: string }).resourcesPath = config.resourcesPath;
}

/**
 * For a unit test of one shell piece: a fresh platform (in a new temporary home) that is
 * already ready, with `overrides` to the machine's answers.
 */
export async function readyPlatform(overrides: Partial<StandinConfig> = {}): Promise<void> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-standin-'));
  reset({ ...defaultConfig(home, process.cwd()), ...overrides });
  await ready();
}

/** Electron's start: 'ready', whenReady() resolves, and the default menu if the app set none. */
export async function ready(): Promise<void> {
  await appImpl.emitReady();
  installDefaultMenuIfUnset();
}

export const state = {
  get world() {
    return world;
  },
  get gaps(): readonly string[] {
    return lifecycle.gaps;
  },
  get exitCode(): number | null {
    return world.exitCode;
  },
  get quit(): boolean {
    return world.quit;
  },
};

export { callsTo };

/** Where Electron keeps this app's data (after any app.setPath the app made). */
export function userDataPath(): string {
  return appImpl.getPath('userData');
}

export function allWindows(): StandinBrowserWindow[] {
  return [...windows];
}

/** A user starting the app again while it runs. */
export function secondInstance(argv: string[] = ['tokenkeeper'], workingDirectory = world.config.home): void {
  appImpl.emit('second-instance', preventable(), argv, workingDirectory, null);
}

export function emitApp(event: string, ...args: unknown[]): boolean {
  return appImpl.emit(event, ...args);
}

/** The user quits (app menu, tray, Ctrl+Q): resolves once 'quit' came or the quit was held off. */
export function quit(): void {
  appImpl.quit();
}

export function emitPower(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen'): void {
  powerMonitorImpl.emit(event);
}

/** What a page gets for `url` through the app's protocol handler. */
export function requestProtocol(url: string): Promise<Response> {
  return protocolImpl.request(url);
}

export function privilegedSchemes() {
  return [...protocolImpl.privileged];
}

export function handledChannels(): string[] {
  return [...ipcMainImpl.handlers.keys()];
}

/** A renderer's ipcRenderer.invoke from `frame` (a top frame of the given URL by default). */
export function invoke(channel: string, payload: unknown, frame: SenderFrame | string): Promise<unknown> {
  const sender = typeof frame === 'string' ? { url: frame, parent: null } : frame;
  return ipcMainImpl.invoke(channel, sender, windows[0]?.webContents ?? null, payload);
}

/** A page asks the session for a permission: what the app's handler answers (null: no handler). */
export function requestPermission(
  partition: string,
  permission: string,
  contents?: StandinWebContents,
): Promise<boolean | null> {
  const handler = rawSession(partition).permissionRequestHandler;
  if (handler === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    (handler as (c: unknown, p: string, cb: (granted: boolean) => void, d: unknown) => void)(
      contents?.proxy ?? null,
      permission,
      resolve,
      { requestingUrl: contents?.getURL() ?? '', isMainFrame: true },
    );
  });
}

export function checkPermission(partition: string, permission: string): boolean | null {
  const handler = rawSession(partition).permissionCheckHandler;
  if (handler === null) return null;
  return (handler as (c: unknown, p: string, origin: string, d: unknown) => boolean)(
    null,
    permission,
    'https://example.test',
    {},
  );
}

export function deviceAllowed(partition: string): boolean | null {
  const handler = rawSession(partition).devicePermissionHandler;
  if (handler === null) return null;
  return (handler as (d: unknown) => boolean)({
    deviceType: 'usb',
    origin: 'https://example.test',
    device: {},
  });
}

export { rawSession as session };

/** A page (or a link in it, or a frame in it: 'will-frame-navigate') tries to navigate: whether the app let it. */
export function navigate(
  contents: StandinWebContents,
  url: string,
  kind: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate',
): boolean {
  const isMainFrame = kind !== 'will-frame-navigate';
  const event = preventable({ url, isSameDocument: false, isMainFrame, frame: null, initiator: null });
  contents.emit(kind, event, url, false, true, 1, 1);
  return !event.defaultPrevented;
}

/** A page asks for a new window (window.open, a target=_blank link): the app's answer. */
export function openWindowFrom(contents: StandinWebContents, url: string): 'allow' | 'deny' | 'no handler' {
  const handler = contents.windowOpenHandler;
  if (handler === null) return 'no handler';
  return handler({
    url,
    frameName: '',
    features: '',
    disposition: 'foreground-tab',
    referrer: { url: '', policy: 'default' },
  }).action;
}

/**
 * Any other webContents event (e.g. 'render-process-gone', 'did-fail-load'), with a preventable
 * event first as Electron passes it: whether a listener prevented it.
 */
export function emitWebContents(contents: StandinWebContents, event: string, ...args: unknown[]): boolean {
  const electronEvent = preventable();
  contents.emit(event, electronEvent, ...args);
  return electronEvent.defaultPrevented;
}

/** A page starts a download in the session: whether the app let it. */
export function download(partition: string): boolean {
  const event = preventable();
  rawSession(partition).emit('will-download', event, {}, null);
  return !event.defaultPrevented;
}

/** A page tries to attach a <webview>: whether the app let it. */
export function attachWebview(contents: StandinWebContents): boolean {
  const event = preventable();
  contents.emit('will-attach-webview', event, {}, {});
  return !event.defaultPrevented;
}

/** A key press reaching the page (before-input-event): whether it got through to the page. */
export function pressKey(contents: StandinWebContents, input: Partial<Input> & { key: string }): boolean {
  const event = preventable();
  const full: Input = {
    type: 'keyDown',
    code: input.key,
    isAutoRepeat: false,
    isComposing: false,
    shift: false,
    control: false,
    alt: false,
    meta: false,
    location: 0,
    modifiers: [],
    ...input,
  };
  contents.emit('before-input-event', event, full);
  return !event.defaultPrevented;
}

export interface MenuEntry {
  id: string;
  label: string;
  role: string | undefined;
  type: string;
  enabled: boolean;
  checked: boolean;
  accelerator: string | null;
  submenu: MenuEntry[] | undefined;
}

function entries(menu: StandinMenu): MenuEntry[] {
  return menu.items.map((item) => ({
    id: item.id,
    label: item.label,
    role: item.role,
    type: item.type,
    enabled: item.enabled,
    checked: item.checked,
    accelerator: item.accelerator,
    submenu: item.submenu === undefined ? undefined : entries(item.submenu),
  }));
}

/** Every item of a menu tree, flattened (submenus included). */
export function flatten(menu: MenuEntry[]): MenuEntry[] {
  return menu.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

/** The application menu the user gets: Electron's default one if the app set none. */
export function applicationMenuEntries(): { source: 'none' | 'default' | 'app'; items: MenuEntry[] } {
  return {
    source: applicationMenu.source,
    items: applicationMenu.current === null ? [] : entries(applicationMenu.current),
  };
}

export function allTrays() {
  return [...trays];
}

export function trayMenuEntries(index = 0): MenuEntry[] {
  const menu = trays[index]?.contextMenu;
  return menu == null ? [] : entries(menu);
}

/** The user picks the item with this id in the tray's menu. */
export function clickTrayItem(id: string, index = 0): void {
  const item: StandinMenuItem | null | undefined = trays[index]?.contextMenu?.findItem(id);
  if (item == null) throw new Error(`the tray menu has no item '${id}'`);
  item.click();
}

export function shownNotifications() {
  return notifications.filter((n) => n.shown);
}

export function appendedSwitches(): Map<string, string> {
  return new Map(appImpl.commandLineState.switches);
}
