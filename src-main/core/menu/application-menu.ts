/**
 * The application menu as plain data. The shell turns it into an Electron `Menu` (shell/menu.ts)
 * and the test host hands the same items to the page, so tests drive the menu the app really
 * has. Nothing here knows Electron: an item is an id, a label, an accelerator, and either one of
 * Electron's built-in roles (cut, copy, quit, ...) or one of the app's own commands, which the
 * core runs (`MenuCommand`).
 *
 * What is left out matters as much as what is in: without a custom menu Electron installs its
 * default one, whose View › Reload (Ctrl/Cmd+R) reloads the window and so loses a secret the
 * copy-once dialog is showing. A production build has no Reload, Force Reload or DevTools items
 * at all; development keeps them.
 *
 * Grown by adding items to the sections below (File, Edit, View, Window, Help); each keeps a
 * stable id (`<menu>.<item>`) that tests and the shell refer to. The window's own commands (New
 * token, Find, Sync now, density, theme, ...) come from src-preload/commands.ts through
 * window-items.ts, so the menu shows the labels and keys the window and its palette use.
 */
import type { CommandId } from '../../../src-preload/commands';
import { windowItem, windowItems, type MenuViewState } from './window-items';

/** Electron's built-in menu roles the app uses (a subset of `MenuItemConstructorOptions['role']`). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'window'
  | 'help';

/** The app's own commands; the core runs them (`Core.runMenuCommand`). */
export type MenuCommand = 'checkForUpdates' | 'installUpdate';

export interface MenuItemSpec {
  /** Stable: `<menu>.<item>` (e.g. `help.check-for-updates`). */
  id: string;
  label?: string;
  role?: MenuRole;
  command?: MenuCommand;
  /** One of the window's commands: a click sends it to the window as `menuCommand`. */
  windowCommand?: CommandId;
  /** Electron accelerator syntax, e.g. `CommandOrControl+Shift+R`. */
  accelerator?: string;
  /** False: the accelerator is shown, and the window handles the key itself. */
  registerAccelerator?: false;
  type?: 'checkbox' | 'radio';
  checked?: boolean;
  enabled?: boolean;
  separator?: true;
  submenu?: MenuItemSpec[];
}

/** What the Help menu says about updates (from the update service). */
export type UpdateMenuState =
  | { kind: 'unsupported' }
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'downloading'; version: string }
  | { kind: 'ready'; version: string };

export interface MenuOptions {
  platform: string;
  appName: string;
  version: string;
  /** Development (not packaged): Reload and DevTools stay, as any Electron developer expects. */
  development: boolean;
  updates: UpdateMenuState;
  /** The settings View shows as checks; without them, the choices are shown unchecked. */
  view?: MenuViewState;
}

const separator = (menu: string, n: number): MenuItemSpec => ({
  id: `${menu}.separator-${n}`,
  separator: true,
});

function appMenu(o: MenuOptions): MenuItemSpec {
  return {
    id: 'app',
    label: o.appName,
    submenu: [
      { id: 'app.about', role: 'about', label: `About ${o.appName}` },
      separator('app', 1),
      windowItem('app', 'showSettings'),
      separator('app', 4),
      { id: 'app.services', role: 'services', label: 'Services' },
      separator('app', 2),
      { id: 'app.hide', role: 'hide', label: `Hide ${o.appName}`, accelerator: 'Command+H' },
      { id: 'app.hide-others', role: 'hideOthers', label: 'Hide Others', accelerator: 'Command+Alt+H' },
      { id: 'app.unhide', role: 'unhide', label: 'Show All' },
      separator('app', 3),
      { id: 'app.quit', role: 'quit', label: `Quit ${o.appName}`, accelerator: 'Command+Q' },
    ],
  };
}

function fileMenu(o: MenuOptions): MenuItemSpec {
  const commands = windowItems('file', [
    ['newToken', 'trackToken', 'addConnection'],
    ['exportCsv', 'exportJson', 'exportCalendar'],
  ]);
  // On macOS Settings and Quit are in the app menu.
  if (o.platform === 'darwin') return { id: 'file', label: 'File', submenu: commands };
  const quit: MenuItemSpec =
    o.platform === 'win32'
      ? { id: 'file.quit', role: 'quit', label: 'Exit' }
      : { id: 'file.quit', role: 'quit', label: 'Quit', accelerator: 'CommandOrControl+Q' };
  return {
    id: 'file',
    label: 'File',
    submenu: [
      ...commands,
      separator('file', 1),
      windowItem('file', 'showSettings'),
      separator('file', 2),
      quit,
    ],
  };
}

function editMenu(): MenuItemSpec {
  return {
    id: 'edit',
    label: 'Edit',
    submenu: [
      { id: 'edit.undo', role: 'undo', label: 'Undo', accelerator: 'CommandOrControl+Z' },
      { id: 'edit.redo', role: 'redo', label: 'Redo', accelerator: 'Shift+CommandOrControl+Z' },
      separator('edit', 1),
      { id: 'edit.cut', role: 'cut', label: 'Cut', accelerator: 'CommandOrControl+X' },
      // The copy-once dialog turns this into its protected copy (it handles the page's copy event).
      { id: 'edit.copy', role: 'copy', label: 'Copy', accelerator: 'CommandOrControl+C' },
      { id: 'edit.paste', role: 'paste', label: 'Paste', accelerator: 'CommandOrControl+V' },
      { id: 'edit.select-all', role: 'selectAll', label: 'Select All', accelerator: 'CommandOrControl+A' },
      separator('edit', 2),
      windowItem('edit', 'find'),
    ],
  };
}

function viewMenu(o: MenuOptions): MenuItemSpec {
  const development: MenuItemSpec[] = o.development
    ? [
        { id: 'view.reload', role: 'reload', label: 'Reload', accelerator: 'CommandOrControl+R' },
        {
          id: 'view.force-reload',
          role: 'forceReload',
          label: 'Force Reload',
          accelerator: 'Shift+CommandOrControl+R',
        },
        {
          id: 'view.devtools',
          role: 'toggleDevTools',
          label: 'Toggle Developer Tools',
          accelerator: o.platform === 'darwin' ? 'Alt+Command+I' : 'Ctrl+Shift+I',
        },
        separator('view', 1),
      ]
    : [];
  return {
    id: 'view',
    label: 'View',
    submenu: [
      ...windowItems(
        'view',
        [
          ['syncNow'],
          ['densityCompact', 'densityComfortable'],
          ['themeSystem', 'themeLight', 'themeDark'],
          ['toggleDetails', 'commandPalette'],
          ['showTokens', 'showAttention', 'showUpcoming', 'showConnections', 'back'],
        ],
        o.view,
      ),
      separator('view', 3),
      ...development,
      { id: 'view.reset-zoom', role: 'resetZoom', label: 'Actual Size', accelerator: 'CommandOrControl+0' },
      { id: 'view.zoom-in', role: 'zoomIn', label: 'Zoom In', accelerator: 'CommandOrControl+Plus' },
      { id: 'view.zoom-out', role: 'zoomOut', label: 'Zoom Out', accelerator: 'CommandOrControl+-' },
      separator('view', 2),
      {
        id: 'view.fullscreen',
        role: 'togglefullscreen',
        label: 'Toggle Full Screen',
        accelerator: o.platform === 'darwin' ? 'Control+Command+F' : 'F11',
      },
    ],
  };
}

function windowMenu(o: MenuOptions): MenuItemSpec {
  const items: MenuItemSpec[] =
    o.platform === 'darwin'
      ? [
          { id: 'window.minimize', role: 'minimize', label: 'Minimize', accelerator: 'Command+M' },
          { id: 'window.zoom', role: 'zoom', label: 'Zoom' },
          separator('window', 1),
          { id: 'window.front', role: 'front', label: 'Bring All to Front' },
        ]
      : [
          { id: 'window.minimize', role: 'minimize', label: 'Minimize' },
          { id: 'window.close', role: 'close', label: 'Close', accelerator: 'CommandOrControl+W' },
        ];
  return {
    id: 'window',
    label: 'Window',
    ...(o.platform === 'darwin' ? { role: 'window' } : {}),
    submenu: items,
  };
}

function updateItem(state: UpdateMenuState): MenuItemSpec {
  switch (state.kind) {
    case 'ready':
      return {
        id: 'help.check-for-updates',
        label: `Restart to Install Version ${state.version}`,
        command: 'installUpdate',
      };
    case 'downloading':
      return {
        id: 'help.check-for-updates',
        label: `Downloading Version ${state.version}…`,
        command: 'checkForUpdates',
        enabled: false,
      };
    case 'checking':
      return {
        id: 'help.check-for-updates',
        label: 'Checking for Updates…',
        command: 'checkForUpdates',
        enabled: false,
      };
    case 'idle':
    case 'unsupported':
      return { id: 'help.check-for-updates', label: 'Check for Updates…', command: 'checkForUpdates' };
  }
}

function helpMenu(o: MenuOptions): MenuItemSpec {
  return {
    id: 'help',
    label: 'Help',
    role: 'help',
    submenu: [
      ...windowItems('help', [['shortcuts', 'openDataFolder']]),
      separator('help', 2),
      updateItem(o.updates),
      separator('help', 1),
      // macOS has About in the app menu; elsewhere it is the window's About box.
      ...(o.platform === 'darwin' ? [] : [windowItem('help', 'about')]),
      { id: 'help.version', label: `${o.appName} ${o.version}`, enabled: false },
    ],
  };
}

export function applicationMenu(options: MenuOptions): MenuItemSpec[] {
  return [
    ...(options.platform === 'darwin' ? [appMenu(options)] : []),
    fileMenu(options),
    editMenu(),
    viewMenu(options),
    windowMenu(options),
    helpMenu(options),
  ];
}

/**
 * The window's right-click menu: Edit's roles where they apply (Electron shows none by itself).
 * Copy from the copy-once dialog's field becomes its protected copy, as Edit › Copy does. Null
 * where there is nothing to edit or copy.
 */
export function contextMenu(at: { editable: boolean; selection: boolean }): MenuItemSpec[] | null {
  if (!at.editable && !at.selection) return null;
  return [
    { id: 'context.cut', role: 'cut', label: 'Cut', enabled: at.editable && at.selection },
    { id: 'context.copy', role: 'copy', label: 'Copy', enabled: at.selection },
    { id: 'context.paste', role: 'paste', label: 'Paste', enabled: at.editable },
    separator('context', 1),
    { id: 'context.select-all', role: 'selectAll', label: 'Select All' },
  ];
}

/** Every item, depth first (submenus after their parent). */
export function flattenMenu(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...flattenMenu(item.submenu ?? [])]);
}
