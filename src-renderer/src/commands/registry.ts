/**
 * Every command the window can run, by id, with its label and shortcut: the command palette
 * lists them, the keyboard runs them, and the application menu (built from the same ids and
 * accelerators) sends their ids back as `menuCommand`. Shortcuts use Electron's accelerator
 * syntax, so the menu shows exactly the keys the window handles.
 */
import {
  COMMAND_CATALOGUE,
  COMMAND_IDS,
  type CommandId,
  type CommandMenu,
  type CommandSpec,
} from '../../../src-preload/commands';
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

export interface Command {
  id: CommandId;
  label: string;
  /** Electron accelerator syntax, e.g. "CmdOrCtrl+N"; null when it has none. */
  shortcut: string | null;
  menu: CommandMenu;
  /** Other words the palette matches. */
  keywords: string;
  enabled: () => boolean;
  /** For a setting shown as a check or choice in the menu. */
  checked?: () => boolean;
  run: () => void;
}

/** What each command does here; its label, keys and menu place come from the shared catalogue. */
interface Behaviour {
  enabled: () => boolean;
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

const BEHAVIOUR: Record<CommandId, Behaviour> = {
  newToken: {
    enabled: canCreate,
    run: () => useDialogs.getState().open({ kind: 'createToken', connectionId: null }),
  },
  trackToken: {
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'trackToken', connectionId: null }),
  },
  addConnection: {
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'addConnection' }),
  },
  exportCsv: {
    enabled: always,
    run: () => void exportAs('csv'),
  },
  exportJson: {
    enabled: always,
    run: () => void exportAs('json'),
  },
  exportCalendar: {
    enabled: always,
    run: () => void exportAs('calendar'),
  },
  find: {
    enabled: always,
    run: focusSearch,
  },
  syncNow: {
    enabled: () => useConnections.getState().connections.some((c) => c.mode === 'api'),
    run: () => void useConnections.getState().syncNow(),
  },
  densityCompact: {
    enabled: always,
    checked: () => settings()?.density === 'compact',
    run: () => update({ density: 'compact' }),
  },
  densityComfortable: {
    enabled: always,
    checked: () => settings()?.density === 'comfortable',
    run: () => update({ density: 'comfortable' }),
  },
  themeSystem: {
    enabled: always,
    checked: () => settings()?.theme === 'system',
    run: () => update({ theme: 'system' }),
  },
  themeLight: {
    enabled: always,
    checked: () => settings()?.theme === 'light',
    run: () => update({ theme: 'light' }),
  },
  themeDark: {
    enabled: always,
    checked: () => settings()?.theme === 'dark',
    run: () => update({ theme: 'dark' }),
  },
  toggleDetails: {
    enabled: always,
    checked: () => settings()?.detailPaneCollapsed === false,
    run: () => update({ detailPaneCollapsed: !(settings()?.detailPaneCollapsed ?? false) }),
  },
  commandPalette: {
    enabled: always,
    run: () => usePalette.getState().show(),
  },
  showTokens: {
    enabled: always,
    run: () => showView('all'),
  },
  showAttention: {
    enabled: always,
    run: () => showView('attention'),
  },
  showUpcoming: {
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'upcoming' }),
  },
  showConnections: {
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'connections' }),
  },
  showSettings: {
    enabled: always,
    run: () => useApp.getState().navigate({ view: 'settings' }),
  },
  back: {
    enabled: () => useApp.getState().route.view === 'token',
    run: () => void goBack(),
  },
  shortcuts: {
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'shortcuts' }),
  },
  openDataFolder: {
    enabled: always,
    run: () => void api().openDataFolder(),
  },
  about: {
    enabled: always,
    run: () => useDialogs.getState().open({ kind: 'about' }),
  },
};

export const COMMANDS: Command[] = COMMAND_IDS.map((id) => {
  const spec: CommandSpec = COMMAND_CATALOGUE[id];
  return {
    id,
    label: spec.label,
    shortcut: spec.accelerator,
    menu: spec.menu,
    keywords: spec.keywords,
    ...BEHAVIOUR[id],
  };
});

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
