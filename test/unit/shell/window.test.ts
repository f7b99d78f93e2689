/**
 * The main window on its own, under the Electron stand-in: where it opens (remembered bounds,
 * ignored when no display shows them any more), what it remembers, that its page cannot leave
 * (navigation, redirects, new windows, webviews), and its session's permission handlers.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as standin from '../../boot/electron-standin/control';
import { hardenSession, createMainWindow, type WindowBounds } from '../../../src-main/shell/window';
import { APP_URL } from '../../../src-main/shell/protocol';
import type { StandinBrowserWindow } from '../../boot/electron-standin/windows';

vi.mock('electron', () => import('../../boot/electron-standin/index'));

const LAPTOP = standin.display(
  1,
  { x: 0, y: 0, width: 1440, height: 900 },
  { x: 0, y: 25, width: 1440, height: 875 },
);
const MONITOR = standin.display(2, { x: 1440, y: 0, width: 2560, height: 1440 });

function open(saved: WindowBounds | null, options: { devServerUrl?: string | null } = {}) {
  const stored: WindowBounds[] = [];
  createMainWindow({
    preloadDir: '/app/out/preload',
    devServerUrl: options.devServerUrl ?? null,
    isDev: options.devServerUrl != null,
    bounds: { load: () => saved, save: (b) => stored.push(b) },
  });
  const win = standin.allWindows().at(-1) as StandinBrowserWindow;
  return { win, stored };
}

beforeEach(async () => {
  await standin.readyPlatform({ displays: [LAPTOP, MONITOR] });
});

describe('the main window', () => {
  it('opens where it was, on the second monitor, and maximized again', () => {
    const { win } = open({ x: 1600, y: 100, width: 1300, height: 900, maximized: true });
    expect(win.getBounds()).toEqual({ x: 1600, y: 100, width: 1300, height: 900 });
    expect(win.isMaximized()).toBe(true);
  });

  it('ignores remembered bounds that no display shows any more (a monitor unplugged)', () => {
    const { win } = open({ x: 4200, y: 100, width: 1300, height: 900, maximized: false });
    expect(win.options).toMatchObject({ width: 1200, height: 780 });
    expect(win.options.x).toBeUndefined();
  });

  it('ignores bounds above the top of the work area (the title bar out of reach)', () => {
    const { win } = open({ x: 100, y: -200, width: 1000, height: 700, maximized: false });
    expect(win.options.y).toBeUndefined();
  });

  it('remembers its size and place when moved, resized, maximized or closed', () => {
    const { win, stored } = open(null);
    win.moveTo({ x: 40, y: 60, width: 1000, height: 700 });
    win.maximize();
    win.close();
    expect(stored.at(0)).toEqual({ x: 40, y: 60, width: 1000, height: 700, maximized: false });
    expect(stored.at(-1)).toEqual({ x: 40, y: 60, width: 1000, height: 700, maximized: true });
  });

  it('stays hidden until its page painted, then shows', async () => {
    const { win } = open(null);
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });

  it('loads the app page, or the dev server in development with DevTools', () => {
    expect(standin.callsTo(/^BrowserWindow#/, 'loadURL')).toHaveLength(0);
    const packaged = open(null).win;
    expect(standin.callsTo(`BrowserWindow#${packaged.id}`, 'loadURL')[0]?.args).toEqual([APP_URL]);
    expect(packaged.options.webPreferences?.devTools).toBe(false);
    const dev = open(null, { devServerUrl: 'http://localhost:5173/' }).win;
    expect(standin.callsTo(`BrowserWindow#${dev.id}`, 'loadURL')[0]?.args).toEqual([
      'http://localhost:5173/',
    ]);
    expect(dev.options.webPreferences?.devTools).toBe(true);
  });

  it('keeps its page: no navigation, no redirect, no new window, no webview', () => {
    const contents = open(null).win.contents;
    expect(standin.navigate(contents, 'https://evil.example/')).toBe(false);
    expect(standin.navigate(contents, 'app://tokenkeeper/other.html')).toBe(false);
    expect(standin.navigate(contents, 'https://evil.example/', 'will-redirect')).toBe(false);
    expect(standin.openWindowFrom(contents, 'https://evil.example/')).toBe('deny');
    expect(standin.attachWebview(contents)).toBe(false);
  });

  it('runs sandboxed and isolated, with its CommonJS preload and no Node', () => {
    const prefs = open(null).win.options.webPreferences;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('hardens the default session: every permission request, check and device refused', async () => {
    hardenSession();
    expect(await standin.requestPermission('', 'media')).toBe(false);
    expect(standin.checkPermission('', 'clipboard-read')).toBe(false);
    expect(standin.deviceAllowed('')).toBe(false);
  });
});
