/**
 * What `import ... from 'electron'` gives the app under the stand-in (the boot test's loader
 * hook and the unit tests' `vi.mock('electron')` both point here): the main-process modules the
 * shell uses, as recording proxies, plus a default export for packages that import Electron
 * whole (electron-store). Each piece implements the part of Electron's own declaration it
 * models; anything else the app touches throws a StandinGap.
 */
import { appImpl } from './app';
import { StandinMenu, StandinMenuItem, StandinTray, nativeImageModule } from './menu-tray';
import { ipcMainImpl } from './ipc';
import {
  StandinClipboard,
  StandinClipboardItem,
  StandinDialog,
  StandinNativeTheme,
  StandinNotification,
  StandinPowerMonitor,
  StandinSafeStorage,
  StandinShell,
} from './platform';
import { netImpl, protocolImpl } from './protocol';
import { recorded } from './recorder';
import { sessionModule } from './session';
import { StandinBrowserWindow, screenImpl } from './windows';

export const safeStorageImpl = new StandinSafeStorage();
export const powerMonitorImpl = new StandinPowerMonitor();
export const nativeThemeImpl = new StandinNativeTheme();

export const app = recorded('app', appImpl);
export const BrowserWindow = recorded('BrowserWindow', StandinBrowserWindow);
export const ClipboardItem = recorded('ClipboardItem', StandinClipboardItem);
export const Menu = recorded('Menu', StandinMenu);
export const MenuItem = recorded('MenuItem', StandinMenuItem);
export const Notification = recorded('Notification', StandinNotification);
export const Tray = recorded('Tray', StandinTray);
export const clipboard = recorded('clipboard', new StandinClipboard());
export const dialog = recorded('dialog', new StandinDialog());
export const ipcMain = recorded('ipcMain', ipcMainImpl);
export const nativeImage = recorded('nativeImage', nativeImageModule);
export const nativeTheme = recorded('nativeTheme', nativeThemeImpl);
export const net = recorded('net', netImpl);
export const powerMonitor = recorded('powerMonitor', powerMonitorImpl);
export const protocol = recorded('protocol', protocolImpl);
export const safeStorage = recorded('safeStorage', safeStorageImpl);
export const screen = recorded('screen', screenImpl);
export const session = recorded('session', sessionModule);
export const shell = recorded('shell', new StandinShell());

const electron = {
  app,
  BrowserWindow,
  ClipboardItem,
  Menu,
  MenuItem,
  Notification,
  Tray,
  clipboard,
  dialog,
  ipcMain,
  nativeImage,
  nativeTheme,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
};

export default electron;
