/**
 * `Menu`, `MenuItem`, `Tray` and `nativeImage`. An application menu the app never sets is
 * Electron's default one (its documented View menu has Reload, Force Reload and Toggle Developer
 * Tools), installed when the app is ready, as Electron does. An image loads from a PNG, JPEG or
 * ICO file; anything else (a missing file, a wrong path) is an empty image, as Electron's is.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { Menu, MenuItemConstructorOptions, NativeImage, Size, Tray } from 'electron';
import { raw, recorded, requireReady } from './recorder';

export class StandinMenuItem {
  readonly id: string;
  readonly label: string;
  readonly role: MenuItemConstructorOptions['role'];
  readonly type: NonNullable<MenuItemConstructorOptions['type']>;
  checked: boolean;
  enabled: boolean;
  visible: boolean;
  readonly accelerator: string | null;
  readonly submenu: StandinMenu | undefined;
  private readonly onClick: MenuItemConstructorOptions['click'];

  constructor(options: MenuItemConstructorOptions) {
    this.id = options.id ?? '';
    this.label = options.label ?? '';
    this.role = options.role;
    this.type = options.type ?? (options.submenu === undefined ? 'normal' : 'submenu');
    this.checked = options.checked ?? false;
    this.enabled = options.enabled ?? true;
    this.visible = options.visible ?? true;
    this.accelerator = options.accelerator ?? null;
    const sub = options.submenu;
    this.submenu =
      sub === undefined
        ? undefined
        : Array.isArray(sub)
          ? StandinMenu.fromTemplate(sub)
          : own<StandinMenu>(sub);
    this.onClick = options.click;
  }

  /** control.ts: the user picks this item. */
  click(): void {
    if (!this.enabled) return;
    if (this.type === 'checkbox') this.checked = !this.checked;
    (this.onClick as (() => void) | undefined)?.();
  }
}

let nextMenu = 1;

/** The stand-in object behind what the app passes back (a menu, an image) under Electron's type. */
function own<T>(value: unknown): T {
  return raw(value) as T;
}

export class StandinMenu extends EventEmitter implements Pick<Menu, 'append' | 'getMenuItemById'> {
  readonly items: StandinMenuItem[] = [];
  readonly proxy: StandinMenu;

  constructor() {
    super();
    this.proxy = recorded(`Menu#${nextMenu++}`, this);
  }

  static fromTemplate(template: (MenuItemConstructorOptions | StandinMenuItem)[]): StandinMenu {
    const menu = new StandinMenu();
    for (const entry of template)
      menu.items.push(entry instanceof StandinMenuItem ? entry : new StandinMenuItem(entry));
    return menu;
  }

  static buildFromTemplate(template: (MenuItemConstructorOptions | StandinMenuItem)[]): StandinMenu {
    return StandinMenu.fromTemplate(template.map((entry) => raw(entry))).proxy;
  }
  static setApplicationMenu(menu: Menu | null): void {
    applicationMenu.current = menu === null ? null : own<StandinMenu>(menu);
    applicationMenu.source = 'app';
  }
  static getApplicationMenu(): StandinMenu | null {
    return applicationMenu.current?.proxy ?? null;
  }

  append(item: Electron.MenuItem): void {
    this.items.push(own<StandinMenuItem>(item));
  }
  getMenuItemById(id: string): Electron.MenuItem | null {
    return this.findItem(id) as unknown as Electron.MenuItem | null;
  }
  findItem(id: string): StandinMenuItem | null {
    for (const item of this.items) {
      if (item.id === id) return item;
      const inner = item.submenu?.findItem(id);
      if (inner != null) return inner;
    }
    return null;
  }
}

/** Electron's default application menu on Windows and Linux, as its documentation lists it. */
const DEFAULT_MENU: MenuItemConstructorOptions[] = [
  { label: 'File', submenu: [{ role: 'quit' }] },
  {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  },
  {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  },
  { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, { role: 'close' }] },
  { role: 'help', submenu: [{ label: 'Learn More' }] },
];

export const applicationMenu = {
  current: null as StandinMenu | null,
  /** 'none' before ready; 'default' when Electron put its own; 'app' once the app set one (or null). */
  source: 'none' as 'none' | 'default' | 'app',
};

/** At 'ready', after the app's own listeners ran: Electron's default menu unless the app set one. */
export function installDefaultMenuIfUnset(): void {
  if (applicationMenu.source !== 'none') return;
  applicationMenu.current = StandinMenu.fromTemplate(DEFAULT_MENU);
  applicationMenu.source = 'default';
}

function readableImage(file: string): boolean {
  try {
    const head = fs.readFileSync(file).subarray(0, 8);
    const png = head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = head[0] === 0xff && head[1] === 0xd8;
    const ico = head.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0]));
    return png || jpeg || ico;
  } catch {
    return false;
  }
}

export class StandinNativeImage implements Pick<NativeImage, 'isEmpty' | 'getSize'> {
  constructor(
    readonly path: string | null,
    private readonly empty: boolean,
  ) {}
  isEmpty(): boolean {
    return this.empty;
  }
  getSize(): Size {
    return this.empty ? { width: 0, height: 0 } : { width: 16, height: 16 };
  }
}

export const nativeImageModule = {
  createFromPath(file: string): StandinNativeImage {
    return new StandinNativeImage(file, !readableImage(file));
  },
  createEmpty(): StandinNativeImage {
    return new StandinNativeImage(null, true);
  },
};

export const trays: StandinTray[] = [];
let nextTray = 1;

export class StandinTray
  extends EventEmitter
  implements Pick<Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'destroy' | 'isDestroyed'>
{
  image: StandinNativeImage;
  toolTip = '';
  contextMenu: StandinMenu | null = null;
  destroyed = false;
  readonly proxy: StandinTray;

  constructor(image: NativeImage | string) {
    requireReady('Tray');
    super();
    this.image =
      typeof image === 'string' ? nativeImageModule.createFromPath(image) : own<StandinNativeImage>(image);
    trays.push(this);
    this.proxy = recorded(`Tray#${nextTray++}`, this);
  }
  setImage(image: NativeImage | string): void {
    this.image =
      typeof image === 'string' ? nativeImageModule.createFromPath(image) : own<StandinNativeImage>(image);
  }
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu === null ? null : own<StandinMenu>(menu);
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export function resetMenusAndTrays(): void {
  applicationMenu.current = null;
  applicationMenu.source = 'none';
  trays.length = 0;
}
