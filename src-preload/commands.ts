/**
 * The window's commands as plain data: id, label, accelerator and where each sits in the
 * application menu. One list for both sides: the renderer binds a run function to every id (its
 * keyboard, its command palette), the core's menu template shows the same labels and keys and
 * sends the id back as `menuCommand` when an item is clicked. No schema, no Electron: the
 * renderer may import it (eslint.config.js allows this file), and contract.ts builds its
 * `CommandId` enum from these ids.
 */

export type CommandMenu = 'file' | 'edit' | 'view' | 'go' | 'help';

export interface CommandSpec {
  label: string;
  /** Electron accelerator syntax ("CmdOrCtrl+N"); null when the command has none. */
  accelerator: string | null;
  menu: CommandMenu;
  /** Other words the command palette matches. */
  keywords: string;
  /** Shown in the menu as a check (or a choice among its neighbours). */
  checkable?: true;
}

export const COMMAND_CATALOGUE = {
  newToken: { label: 'New token…', accelerator: 'CmdOrCtrl+N', menu: 'file', keywords: 'create add' },
  trackToken: {
    label: 'Track a token…',
    accelerator: 'CmdOrCtrl+Shift+N',
    menu: 'file',
    keywords: 'record manual by hand',
  },
  addConnection: {
    label: 'Add connection…',
    accelerator: null,
    menu: 'file',
    keywords: 'provider account connect',
  },
  exportCsv: {
    label: 'Export tokens as CSV…',
    accelerator: null,
    menu: 'file',
    keywords: 'save spreadsheet',
  },
  exportJson: { label: 'Export tokens as JSON…', accelerator: null, menu: 'file', keywords: 'save' },
  exportCalendar: {
    label: 'Export expiry calendar (.ics)…',
    accelerator: null,
    menu: 'file',
    keywords: 'ical calendar dates',
  },
  find: { label: 'Find tokens', accelerator: 'CmdOrCtrl+F', menu: 'edit', keywords: 'search filter' },
  // Not F5: main swallows the reload keys before the window sees them (core/menu/input-guard.ts).
  syncNow: {
    label: 'Sync now',
    accelerator: 'CmdOrCtrl+Shift+S',
    menu: 'view',
    keywords: 'refresh fetch update',
  },
  densityCompact: {
    label: 'Compact rows',
    accelerator: null,
    menu: 'view',
    keywords: 'density dense small',
    checkable: true,
  },
  densityComfortable: {
    label: 'Comfortable rows',
    accelerator: null,
    menu: 'view',
    keywords: 'density large two lines',
    checkable: true,
  },
  themeSystem: {
    label: 'Theme: as the system',
    accelerator: null,
    menu: 'view',
    keywords: 'appearance colour color',
    checkable: true,
  },
  themeLight: {
    label: 'Theme: light',
    accelerator: null,
    menu: 'view',
    keywords: 'appearance colour color',
    checkable: true,
  },
  themeDark: {
    label: 'Theme: dark',
    accelerator: null,
    menu: 'view',
    keywords: 'appearance colour color night',
    checkable: true,
  },
  toggleDetails: {
    label: 'Details beside the list',
    accelerator: 'CmdOrCtrl+Shift+D',
    menu: 'view',
    keywords: 'pane layout split',
    checkable: true,
  },
  commandPalette: {
    label: 'Command palette…',
    accelerator: 'CmdOrCtrl+K',
    menu: 'view',
    keywords: 'jump go to run',
  },
  showTokens: { label: 'All tokens', accelerator: 'CmdOrCtrl+1', menu: 'go', keywords: 'list' },
  showAttention: {
    label: 'Needs attention',
    accelerator: 'CmdOrCtrl+2',
    menu: 'go',
    keywords: 'expired expiring grace',
  },
  showUpcoming: {
    label: 'Upcoming expiries',
    accelerator: 'CmdOrCtrl+3',
    menu: 'go',
    keywords: 'timeline calendar',
  },
  showConnections: {
    label: 'Connections',
    accelerator: 'CmdOrCtrl+4',
    menu: 'go',
    keywords: 'providers accounts',
  },
  showSettings: {
    label: 'Settings…',
    accelerator: 'CmdOrCtrl+,',
    menu: 'go',
    keywords: 'preferences options',
  },
  back: { label: 'Back to the list', accelerator: 'Alt+Left', menu: 'go', keywords: 'close details' },
  shortcuts: { label: 'Keyboard shortcuts', accelerator: 'CmdOrCtrl+/', menu: 'help', keywords: 'keys help' },
  openDataFolder: {
    label: 'Open data folder',
    accelerator: null,
    menu: 'help',
    keywords: 'files database logs',
  },
  about: { label: 'About Tokenkeeper', accelerator: null, menu: 'help', keywords: 'version' },
} as const satisfies Record<string, CommandSpec>;

export type CommandId = keyof typeof COMMAND_CATALOGUE;

export const COMMAND_IDS = Object.keys(COMMAND_CATALOGUE) as [CommandId, ...CommandId[]];
