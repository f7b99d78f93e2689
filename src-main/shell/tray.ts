/**
 * The tray: an icon that turns to its attention variant when tokens need attention, a tooltip
 * with the count, and a menu (open, sync now, the next tokens to expire, pause reminders, quit).
 * Modelled on Signal Desktop's SystemTrayService: Electron's Tray, Menu and nativeImage arrive
 * through an injected factory (`tray-electron.ts` in the app, fakes in unit tests), so only
 * `type` imports from electron appear here.
 *
 * A tray can fail to exist (a Linux desktop without a StatusNotifier host, a creation error).
 * Then `available` stays false, nothing here throws, and the app works from its window alone.
 */
import path from 'node:path';
import type { Logger } from '../core/log/logger';
import type { TrayModel, TrayPort } from '../core/ports';

export interface TrayImage {
  isEmpty(): boolean;
}

export interface TrayMenuItem {
  id?: string;
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayHandle<I extends TrayImage, M> {
  setImage(image: I): void;
  setToolTip(text: string): void;
  setContextMenu(menu: M): void;
  /** A plain click on the icon (Windows, some Linux panels). */
  onClick(listener: () => void): void;
  destroy(): void;
}

/** What the tray needs from Electron; fakes implement it in tests. */
export interface TrayFactory<I extends TrayImage, M> {
  loadImage(file: string): I;
  createTray(image: I): TrayHandle<I, M>;
  buildMenu(template: TrayMenuItem[]): M;
}

export interface TrayActions {
  open(): void;
  openToken(tokenId: string): void;
  syncNow(): void;
  setPaused(paused: boolean): void;
  quit(): void;
}

export type IconState = 'normal' | 'attention';

/** The icon file for this OS and state: template images on macOS, .ico on Windows, PNG on Linux. */
export function trayIconFile(platform: NodeJS.Platform, state: IconState): string {
  if (platform === 'darwin') return state === 'attention' ? 'trayAttentionTemplate.png' : 'trayTemplate.png';
  if (platform === 'win32') return state === 'attention' ? 'tray-attention.ico' : 'tray-normal.ico';
  return state === 'attention' ? 'tray-attention.png' : 'tray-normal.png';
}

/** Where the tray icons are: copied to resources/tray when packaged, the repo's resources/tray in development. */
export function trayIconDir(options: {
  isPackaged: boolean;
  resourcesPath: string;
  appPath: string;
}): string {
  return options.isPackaged
    ? path.join(options.resourcesPath, 'tray')
    : path.join(options.appPath, 'resources', 'tray');
}

export const EMPTY_TRAY_MODEL: TrayModel = {
  attentionCount: 0,
  tooltip: 'Tokenkeeper',
  paused: false,
  upcoming: [],
};

/** The menu for a model; exported so the menu can also be rendered and looked at outside Electron. */
export function trayMenuTemplate(model: TrayModel, actions: TrayActions): TrayMenuItem[] {
  const summary =
    model.attentionCount === 0
      ? 'Nothing needs attention'
      : `${model.attentionCount} token${model.attentionCount === 1 ? ' needs' : 's need'} attention`;
  const tokens: TrayMenuItem[] =
    model.upcoming.length === 0
      ? [{ id: 'no-upcoming', label: 'No token expires soon', enabled: false }]
      : model.upcoming.map((item) => ({
          id: `token:${item.tokenId}`,
          label: item.label,
          click: () => actions.openToken(item.tokenId),
        }));
  return [
    { id: 'open', label: 'Open Tokenkeeper', click: () => actions.open() },
    { id: 'sync', label: 'Sync now', click: () => actions.syncNow() },
    { type: 'separator' },
    { id: 'summary', label: summary, enabled: false },
    ...tokens,
    { type: 'separator' },
    {
      id: 'pause',
      label: 'Pause reminders',
      type: 'checkbox',
      checked: model.paused,
      click: () => actions.setPaused(!model.paused),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Tokenkeeper', click: () => actions.quit() },
  ];
}

export class TrayService<I extends TrayImage, M> implements TrayPort {
  private tray: TrayHandle<I, M> | null = null;
  private model: TrayModel = EMPTY_TRAY_MODEL;
  private readonly images = new Map<IconState, I>();

  constructor(
    private readonly options: {
      factory: TrayFactory<I, M>;
      platform: NodeJS.Platform;
      iconDir: string;
      actions: TrayActions;
      log: Logger;
    },
  ) {}

  /** Creates the tray icon; false (and a log line) when this desktop cannot show one. */
  start(): boolean {
    if (this.tray !== null) return true;
    try {
      this.tray = this.options.factory.createTray(this.image('normal'));
      // On macOS a click opens the menu; elsewhere a click on the icon opens the window.
      if (this.options.platform !== 'darwin') this.tray.onClick(() => this.options.actions.open());
    } catch (error) {
      this.tray = null;
      this.options.log.warn('no tray on this desktop; Tokenkeeper works from its window alone', { error });
      return false;
    }
    this.render();
    return true;
  }

  get available(): boolean {
    return this.tray !== null;
  }

  update(model: TrayModel): void {
    this.model = model;
    this.render();
  }

  destroy(): void {
    const tray = this.tray;
    this.tray = null;
    try {
      tray?.destroy();
    } catch {
      // Already gone with the app.
    }
  }

  private image(state: IconState): I {
    let image = this.images.get(state);
    if (image === undefined) {
      const file = path.join(this.options.iconDir, trayIconFile(this.options.platform, state));
      image = this.options.factory.loadImage(file);
      if (image.isEmpty()) this.options.log.warn('tray icon missing or unreadable', { file });
      this.images.set(state, image);
    }
    return image;
  }

  private render(): void {
    const tray = this.tray;
    if (tray === null) return;
    try {
      tray.setImage(this.image(this.model.attentionCount > 0 ? 'attention' : 'normal'));
      tray.setToolTip(this.model.tooltip);
      tray.setContextMenu(this.options.factory.buildMenu(trayMenuTemplate(this.model, this.options.actions)));
    } catch (error) {
      this.options.log.warn('the tray could not be updated', { error });
    }
  }
}
