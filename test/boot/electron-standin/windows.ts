/**
 * `BrowserWindow`, its `webContents`, and `screen`. A window remembers the options it was built
 * with; a page load runs the app's protocol handler (app://), Node's fetch (http/https) or the
 * file loader, and then fires what Chromium fires: 'preload-error' when the preload file is
 * missing, 'did-fail-load' and a rejected loadURL on a network error, else 'did-navigate',
 * 'did-finish-load' and the window's 'ready-to-show'. Nothing is rendered: what the page does
 * with the response is for the browser tests (test/e2e) and a real Electron.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Display,
  HandlerDetails,
  Point,
  Rectangle,
  Screen,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';
import { appImpl, preventable } from './app';
import { netImpl, protocolImpl } from './protocol';
import { raw, recorded, requireReady } from './recorder';
import { rawSession, type StandinSession } from './session';
import { world } from './world';

/** Chromium's net error codes for the failures a load here can have. */
const NET_ERRORS: [RegExp, number, string][] = [
  [/ERR_FILE_NOT_FOUND/, -6, 'ERR_FILE_NOT_FOUND'],
  [/ERR_UNKNOWN_URL_SCHEME/, -301, 'ERR_UNKNOWN_URL_SCHEME'],
  [/ECONNREFUSED|fetch failed/, -102, 'ERR_CONNECTION_REFUSED'],
];

function netError(error: unknown): { code: number; description: string } {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const text = error instanceof Error ? `${error.message} ${cause}` : String(error);
  for (const [pattern, code, description] of NET_ERRORS) if (pattern.test(text)) return { code, description };
  return { code: -2, description: 'ERR_FAILED' };
}

export interface LoadedPage {
  url: string;
  status: number;
  headers: Headers;
  body: string;
}

type WindowOpenHandler = (details: HandlerDetails) => WindowOpenHandlerResponse;

let nextContentsId = 1;

export class StandinWebContents
  extends EventEmitter
  implements Pick<WebContents, 'id' | 'setWindowOpenHandler' | 'send' | 'isDestroyed' | 'getURL' | 'loadURL'>
{
  readonly id = nextContentsId++;
  readonly session: StandinSession;
  windowOpenHandler: WindowOpenHandler | null = null;
  /** Every webContents.send, in order: what the page was told. */
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** The last page load that got an answer. */
  loaded: LoadedPage | null = null;
  private url = '';
  private destroyed = false;
  readonly proxy: StandinWebContents;

  constructor(
    readonly owner: StandinBrowserWindow,
    partition: string,
    readonly preload: string | undefined,
  ) {
    super();
    const ses = rawSession(partition);
    this.session = ses.proxy;
    this.proxy = recorded(`WebContents#${this.id}`, this);
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }

  async loadURL(url: string): Promise<void> {
    let response: Response;
    try {
      const scheme = new URL(url).protocol.replace(/:$/, '');
      response = protocolImpl.handlers.has(scheme)
        ? await protocolImpl.request(url)
        : scheme === 'http' || scheme === 'https' || scheme === 'file'
          ? await netImpl.fetch(url)
          : await Promise.reject(new Error(`net::ERR_UNKNOWN_URL_SCHEME (${url})`));
      this.loaded = { url, status: response.status, headers: response.headers, body: await response.text() };
    } catch (error) {
      const { code, description } = netError(error);
      this.emit('did-fail-load', preventable(), code, description, url, true, 1, 1);
      throw new Error(`${description} (${code}) loading '${url}'`, { cause: error });
    }
    this.url = url;
    // The renderer runs the preload as the document is created, before the page's scripts.
    if (this.preload !== undefined && !fs.existsSync(this.preload)) {
      this.emit(
        'preload-error',
        preventable(),
        this.preload,
        new Error(`Cannot find module '${this.preload}'`),
      );
    }
    this.emit('did-navigate', preventable(), url, response.status, response.statusText);
    const title = /<title>([^<]*)<\/title>/i.exec(this.loaded.body)?.[1];
    if (title !== undefined) this.owner.pageTitle(title);
    this.emit('dom-ready', preventable());
    this.emit('did-finish-load');
    this.owner.pageLoaded();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }
}

type Modelled =
  | 'id'
  | 'loadURL'
  | 'show'
  | 'hide'
  | 'focus'
  | 'restore'
  | 'minimize'
  | 'isMinimized'
  | 'maximize'
  | 'unmaximize'
  | 'isMaximized'
  | 'isVisible'
  | 'isDestroyed'
  | 'getBounds'
  | 'getNormalBounds'
  | 'close'
  | 'destroy'
  | 'setContentProtection'
  | 'setTitle'
  | 'getTitle';

let nextWindowId = 1;
export const windows: StandinBrowserWindow[] = [];

export class StandinBrowserWindow extends EventEmitter implements Pick<BrowserWindow, Modelled> {
  readonly id = nextWindowId++;
  readonly contents: StandinWebContents;
  readonly webContents: StandinWebContents;
  readonly options: BrowserWindowConstructorOptions;
  private bounds: Rectangle;
  private visible: boolean;
  private minimized = false;
  private maximized = false;
  private destroyed = false;
  private shownOnce = false;
  contentProtection = false;
  private title: string;
  readonly proxy: StandinBrowserWindow;

  constructor(options: BrowserWindowConstructorOptions = {}) {
    requireReady('BrowserWindow');
    super();
    this.options = options;
    const primary = world.config.displays[0]?.workArea ?? { x: 0, y: 0, width: 1920, height: 1080 };
    const width = options.width ?? 800;
    const height = options.height ?? 600;
    this.bounds = {
      x: options.x ?? Math.round(primary.x + (primary.width - width) / 2),
      y: options.y ?? Math.round(primary.y + (primary.height - height) / 2),
      width,
      height,
    };
    this.visible = options.show !== false;
    this.title = options.title ?? '';
    const prefs = options.webPreferences ?? {};
    this.contents = new StandinWebContents(this, prefs.partition ?? '', prefs.preload);
    this.webContents = this.contents.proxy;
    this.proxy = recorded(`BrowserWindow#${this.id}`, this);
    windows.push(this);
    appImpl.emit('web-contents-created', preventable(), this.webContents);
    appImpl.emit('browser-window-created', preventable(), this.proxy);
  }

  setTitle(title: string): void {
    this.title = title;
  }
  getTitle(): string {
    return this.title;
  }

  /** A page's <title> (or document.title): the window takes it unless the app prevents it. */
  pageTitle(title: string): void {
    const event = preventable();
    this.emit('page-title-updated', event, title, true);
    if (!event.defaultPrevented) this.title = title;
  }

  /** windows.ts: the first page load painted. */
  pageLoaded(): void {
    if (this.shownOnce || this.destroyed) return;
    this.shownOnce = true;
    this.emit('ready-to-show');
  }

  static getAllWindows(): StandinBrowserWindow[] {
    return windows.filter((w) => !w.destroyed).map((w) => w.proxy);
  }
  static fromWebContents(contents: object): StandinBrowserWindow | null {
    const found = windows.find((w) => w.contents === raw(contents));
    return found === undefined ? null : found.proxy;
  }

  loadURL(url: string): Promise<void> {
    return this.contents.loadURL(url);
  }
  show(): void {
    this.visible = true;
    this.minimized = false;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  focus(): void {
    this.emit('focus');
  }
  restore(): void {
    this.minimized = false;
    this.emit('restore');
  }
  minimize(): void {
    this.minimized = true;
    this.emit('minimize');
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  maximize(): void {
    this.maximized = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getBounds(): Rectangle {
    return { ...this.bounds };
  }
  getNormalBounds(): Rectangle {
    return { ...this.bounds };
  }
  /** control.ts: the user moved or resized the window. */
  moveTo(bounds: Rectangle): void {
    this.bounds = { ...bounds };
    this.emit('resized');
    this.emit('moved');
  }
  setContentProtection(enable: boolean): void {
    this.contentProtection = enable;
  }

  /** The user (or app.quit) closes it: 'close' can be prevented; else it is destroyed. */
  close(): void {
    if (this.destroyed) return;
    const event = preventable();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
    if (!quittingNow && windows.every((w) => w.destroyed)) appImpl.emit('window-all-closed');
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.contents.destroy();
    this.emit('closed');
  }
}

let quittingNow = false;

/** app.quit(): every window gets 'close'; false when one of them prevented it. */
export function closeAllWindowsForQuit(): boolean {
  quittingNow = true;
  try {
    for (const w of windows) {
      w.close();
      if (!w.isDestroyed()) return false;
    }
    return true;
  } finally {
    quittingNow = false;
  }
}

/** app.exit(): gone at once, no 'close'. */
export function destroyAllWindows(): void {
  for (const w of windows) w.destroy();
}

export function resetWindows(): void {
  windows.length = 0;
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function distance(point: Point, rect: Rectangle): number {
  const dx = Math.max(rect.x - point.x, 0, point.x - (rect.x + rect.width));
  const dy = Math.max(rect.y - point.y, 0, point.y - (rect.y + rect.height));
  return Math.hypot(dx, dy);
}

export class StandinScreen
  extends EventEmitter
  implements
    Pick<Screen, 'getPrimaryDisplay' | 'getAllDisplays' | 'getDisplayMatching' | 'getDisplayNearestPoint'>
{
  private displays(): Display[] {
    requireReady('screen');
    if (world.config.displays.length === 0) throw new Error('the stand-in has no display configured');
    return world.config.displays;
  }
  getPrimaryDisplay(): Display {
    return this.displays()[0]!;
  }
  getAllDisplays(): Display[] {
    return [...this.displays()];
  }
  getDisplayNearestPoint(point: Point): Display {
    return [...this.displays()].sort((a, b) => distance(point, a.bounds) - distance(point, b.bounds))[0]!;
  }
  /** Electron's rule: the display the rectangle overlaps most, else the one nearest to it. */
  getDisplayMatching(rect: Rectangle): Display {
    const displays = this.displays();
    const best = [...displays].sort((a, b) => overlap(rect, b.bounds) - overlap(rect, a.bounds))[0]!;
    if (overlap(rect, best.bounds) > 0) return best;
    return this.getDisplayNearestPoint({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 });
  }
}

export const screenImpl = new StandinScreen();
