/**
 * Every command the window can run, by id, with its label and shortcut: the command palette
 * lists them, the keyboard runs them, and the application menu (built from the same ids and
 * accelerators) sends their ids back as `menuCommand`. Shortcuts use Electron's accelerator
 * syntax, so the menu shows exactly the keys the window handles.
 */
import type { CommandId } from '../types';
import { api, unwrap } from '../api';
import { describeError, toApiError } from '../lib/errors';
import { plural } from '../lib/format';
import { useApp } from '../stores/app';
import { providerById, useConnections } from '../stores/connections';
import { useDialogs } from '../stores/dialogs';
import { toast } from '../stores/toasts';
import { useTokens } from '../stores/tokens';
import { SAVED_VIEWS } from '../views/sidebar/saved-views';
import { SEARCH_ID } from '../views/tokens/Toolbar';
import { usePalette } from './palette-store';

export type MenuSection = 'file' | 'edit' | 'view' | 'go' | 'help';

export interface Command {
  id: CommandId;
  label: string;
  /** Electron accelerator syntax, e.g. "CmdOrCtrl+N"; null when it has none. */
  shortcut: string | null;
  menu: MenuSection;
  /** Other words the palette matches. */
  keywords?: string;
  enabled: () => boolean;
  /** For a setting shown as a check or choice in the menu. */
  checked?: () => boolean;
  run: () => void;
}

const settings = () => useApp.getState().settings;
const update = (patch: Parameters<ReturnType<typeof useApp.getState>['updateSettings']>[0]) =>
  void useApp.getState().updateSettings(patch);
const always = () => true;

function canCreate(): boolean {
  const { connections, providers } = useConnections.getState();
  return connections.some(
    (c) => c.mode === 'api' && providerById(providers, c.provider)?.capabilities.create === true,
  );
}

function showView(id: string) {
  const view = SAVED_VIEWS.find((v) => v.id === id);
  if (view !== undefined) useTokens.getState().showView(view.id, view.filters);
  useApp.getState().navigate({ view: 'tokens' });
}

/** Focuses the search box, bringing the list back first if another page is shown. */
export function focusSearch(): void {
  const route = useApp.getState().route;
  if (route.view !== 'tokens' && route.view !== 'token') useApp.getState().navigate({ view: 'tokens' });
  // After the list has rendered.
  window.requestAnimationFrame(() => {
    const box = document.getElementById(SEARCH_ID);
    if (box instanceof HTMLInputElement) {
      box.focus();
      box.select();
    }
  });
}

async function exportAs(what: 'csv' | 'json' | 'calendar') {
  try {
    const done = await unwrap(
      what === 'calendar' ? api().exportCalendar() : api().exportMetadata({ format: what }),
    );
    if (done.path === null) toast.info('Export cancelled.');
    else
      toast.success(
        `Saved ${what === 'calendar' ? plural(done.count, 'expiry date', 'expiry dates') : plural(done.count, 'token', 'tokens')} to ${done.path}.`,
      );
  } catch (error) {
    toast.error(describeError(toApiError(error)));
  }
}

export function goBack(): boolean {
  const route = useApp.getState().route;
  if (route.view !== 'token') return false;
  useApp.getState().navigate({ view: 'tokens' });
  useTokens.getState().markChanged(route.tokenId);
  return true;
}

export const COMMANDS: Command[] = [
  {
    id: 'newToken',
    label: 'New token…',
    shortcut: 'CmdOrCtrl+N',
    menu: 'file',
    keywords: 'create add',
    enabled: canCreate,
    run: () => useDialogs.getState().open({ kind: 'createToken', connectionId: null }),
  },
  {
    id: 'trackToken',
    label: 'Track a token…',
    shortcut: 'CmdOrCtrl+Shift+N',
    menu: 'file',
    keywords: 'record manual by hand',
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'trackToken', connectionId: null }),
  },
  {
    id: 'addConnection',
    label: 'Add connection…',
    shortcut: null,
    menu: 'file',
    keywords: 'provider account connect',
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'addConnection' }),
  },
  {
    id: 'exportCsv',
    label: 'Export tokens as CSV…',
    shortcut: null,
    menu: 'file',
    keywords: 'save spreadsheet',
    enabled: always,
    run: () => void exportAs('csv'),
  },
  {
    id: 'exportJson',
    label: 'Export tokens as JSON…',
    shortcut: null,
    menu: 'file',
    keywords: 'save',
    enabled: always,
    run: () => void exportAs('json'),
  },
  {
    id: 'exportCalendar',
    label: 'Export expiry calendar (.ics)…',
    shortcut: null,
    menu: 'file',
    keywords: 'ical calendar dates',
    enabled: always,
    run: () => void exportAs('calendar'),
  },
  {
    id: 'find',
    label: 'Find tokens',
    shortcut: 'CmdOrCtrl+F',
    menu: 'edit',
    keywords: 'search filter',
    enabled: always,
    run: focusSearch,
  },
  {
    id: 'syncNow',
    label: 'Sync now',
    shortcut: 'F5',
    menu: 'view',
    keywords: 'refresh fetch update',
    enabled: () => useConnections.getState().connections.some((c) => c.mode === 'api'),
    run: () => void useConnections.getState().syncNow(),
  },
  {
    id: 'densityCompact',
    label: 'Compact rows',
    shortcut: null,
    menu: 'view',
    keywords: 'density dense small',
    enabled: always,
    checked: () => settings()?.density === 'compact',
    run: () => update({ density: 'compact' }),
  },
  {
    id: 'densityComfortable',
    label: 'Comfortable rows',
    shortcut: null,
    menu: 'view',
    keywords: 'density large two lines',
    enabled: always,
    checked: () => settings()?.density === 'comfortable',
    run: () => update({ density: 'comfortable' }),
  },
  {
    id: 'themeSystem',
    label: 'Theme: as the system',
    shortcut: null,
    menu: 'view',
    keywords: 'appearance colour color',
    enabled: always,
    checked: () => settings()?.theme === 'system',
    run: () => update({ theme: 'system' }),
  },
  {
    id: 'themeLight',
    label: 'Theme: light',
    shortcut: null,
    menu: 'view',
    keywords: 'appearance colour color',
    enabled: always,
    checked: () => settings()?.theme === 'light',
    run: () => update({ theme: 'light' }),
  },
  {
    id: 'themeDark',
    label: 'Theme: dark',
    shortcut: null,
    menu: 'view',
    keywords: 'appearance colour color night',
    enabled: always,
    checked: () => settings()?.theme === 'dark',
    run: () => update({ theme: 'dark' }),
  },
  {
    id: 'toggleDetails',
    label: 'Details beside the list',
    shortcut: 'CmdOrCtrl+Shift+D',
    menu: 'view',
    keywords: 'pane layout split',
    enabled: always,
    checked: () => settings()?.detailPaneCollapsed === false,
    run: () => update({ detailPaneCollapsed: !(settings()?.detailPaneCollapsed ?? false) }),
  },
  {
    id: 'commandPalette',
    label: 'Command palette…',
    shortcut: 'CmdOrCtrl+K',
    menu: 'view',
    keywords: 'jump go to run',
    enabled: always,
    run: () => usePalette.getState().show(),
  },
  {
    id: 'showTokens',
    label: 'All tokens',
    shortcut: 'CmdOrCtrl+1',
    menu: 'go',
    keywords: 'list',
    enabled: always,
    run: () => showView('all'),
  },
  {
    id: 'showAttention',
    label: 'Needs attention',
    shortcut: 'CmdOrCtrl+2',
    menu: 'go',
    keywords: 'expired expiring grace',
    enabled: always,
    run: () => showView('attention'),
  },
  {
    id: 'showUpcoming',
    label: 'Upcoming expiries',
    shortcut: 'CmdOrCtrl+3',
    menu: 'go',
    keywords: 'timeline calendar',
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'upcoming' }),
  },
  {
    id: 'showConnections',
    label: 'Connections',
    shortcut: 'CmdOrCtrl+4',
    menu: 'go',
    keywords: 'providers accounts',
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'connections' }),
  },
  {
    id: 'showSettings',
    label: 'Settings…',
    shortcut: 'CmdOrCtrl+,',
    menu: 'go',
    keywords: 'preferences options',
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'settings' }),
  },
  {
    id: 'back',
    label: 'Back to the list',
    shortcut: 'Alt+Left',
    menu: 'go',
    keywords: 'close details',
    enabled: () => useApp.getState().route.view === 'token',
    run: () => void goBack(),
  },
  {
    id: 'shortcuts',
    label: 'Keyboard shortcuts',
    shortcut: 'CmdOrCtrl+/',
    menu: 'help',
    keywords: 'keys help',
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'shortcuts' }),
  },
  {
    id: 'openDataFolder',
    label: 'Open data folder',
    shortcut: null,
    menu: 'help',
    keywords: 'files database logs',
    enabled: always,
    run: () => void api().openDataFolder(),
  },
  {
    id: 'about',
    label: 'About Tokenkeeper',
    shortcut: null,
    menu: 'help',
    keywords: 'version',
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'about' }),
  },
];

export const commandById = (id: CommandId): Command | undefined => COMMANDS.find((c) => c.id === id);

/** Runs a command if it can run now; says so when it cannot. */
export function runCommand(id: CommandId): void {
  const command = commandById(id);
  if (command === undefined) return;
  if (!command.enabled()) {
    if (id === 'newToken')
      toast.info(
        'None of your connections can create tokens. Add a connection first, or track a token by hand.',
      );
    return;
  }
  command.run();
}
