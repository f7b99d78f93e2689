/**
 * The main window, hardened per Electron's security checklist: sandboxed renderer, context
 * isolation, no Node integration, web security on, no navigation, no new windows, no webviews,
 * every permission request denied, DevTools only in development. Size and position are
 * remembered (and ignored when they no longer fit any display).
 */
import path from 'node:path';
import { BrowserWindow, screen, session } from 'electron';
import { denyAllPermissions, HARDENED_WEB_PREFERENCES } from './hardening';
import { APP_URL } from './protocol';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface BoundsStore {
  load(): WindowBounds | null;
  save(bounds: WindowBounds): void;
}

const DEFAULT_BOUNDS: WindowBounds = { width: 1200, height: 780, maximized: false };

function visible(bounds: WindowBounds): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return true;
  const area = screen.getDisplayMatching({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
  }).workArea;
  return (
    bounds.x < area.x + area.width - 50 &&
    bounds.y < area.y + area.height - 50 &&
    bounds.x + bounds.width > area.x + 50 &&
    bounds.y >= area.y - 10
  );
}

export function hardenSession(): void {
  denyAllPermissions(session.defaultSession);
}

export function createMainWindow(options: {
  preloadDir: string;
  devServerUrl: string | null;
  isDev: boolean;
  bounds: BoundsStore;
  icon?: string;
}): BrowserWindow {
  const saved = options.bounds.load();
  const bounds = saved !== null && visible(saved) ? saved : DEFAULT_BOUNDS;
  const win = new BrowserWindow({
    ...(bounds.x === undefined ? {} : { x: bounds.x }),
    ...(bounds.y === undefined ? {} : { y: bounds.y }),
    width: bounds.width,
    height: bounds.height,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Tokenkeeper',
    backgroundColor: '#00000000',
    autoHideMenuBar: true,
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    webPreferences: {
      ...HARDENED_WEB_PREFERENCES,
      sandbox: true,
      contextIsolation: true,
      // Middle-click would otherwise open links in a new window (Electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      preload: path.join(options.preloadDir, 'index.cjs'),
      devTools: options.isDev,
    },
  });
  if (bounds.maximized) win.maximize();

  const contents = win.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());

  const remember = () => {
    if (win.isDestroyed()) return;
    const normal = win.getNormalBounds();
    options.bounds.save({ ...normal, maximized: win.isMaximized() });
  };
  win.on('resized', remember);
  win.on('moved', remember);
  win.on('maximize', remember);
  win.on('unmaximize', remember);
  win.on('close', remember);
  win.once('ready-to-show', () => win.show());

  // A failed load also fires 'did-fail-load', which start-up handles (startup-failure.ts); the
  // rejected promise must not become an unhandled rejection on top of it.
  win.loadURL(options.devServerUrl ?? APP_URL).catch(() => undefined);
  return win;
}
