/**
 * The application menu, as data (core/menu). Without it Electron installs its default menu,
 * whose View › Reload (Ctrl/Cmd+R) reloads the window and loses a secret the copy-once dialog is
 * showing; so a production menu must have no Reload, Force Reload or DevTools anywhere, while
 * development keeps them. Edit keeps its roles (copy goes through the dialog's protected copy),
 * Help says the version and checks for updates, and the labels follow the update's state.
 */
import { describe, expect, it } from 'vitest';
import {
  applicationMenu,
  contextMenu,
  flattenMenu,
  type MenuOptions,
  type UpdateMenuState,
} from '../../../src-main/core/menu/application-menu';
import { COMMAND_CATALOGUE, COMMAND_IDS } from '../../../src-preload/commands';
import { acceleratorMatches } from '../../host/accelerators';

const options = (o: Partial<MenuOptions> = {}): MenuOptions => ({
  platform: 'linux',
  appName: 'Tokenkeeper',
  version: '1.2.3',
  development: false,
  updates: { kind: 'idle' },
  ...o,
});

const roles = (o: Partial<MenuOptions>) =>
  flattenMenu(applicationMenu(options(o)))
    .map((i) => i.role)
    .filter((r) => r !== undefined);

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'])(
    'in production on %s has no Reload, Force Reload or DevTools',
    (platform) => {
      for (const role of ['reload', 'forceReload', 'toggleDevTools'])
        expect(roles({ platform })).not.toContain(role);
      const accelerators = flattenMenu(applicationMenu(options({ platform }))).map((i) => i.accelerator);
      expect(accelerators).not.toContain('CommandOrControl+R');
      expect(accelerators).not.toContain('Shift+CommandOrControl+R');
    },
  );

  it('keeps Reload and DevTools in development', () => {
    expect(roles({ development: true })).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('has the Edit roles, a Window menu, and Help with the version and a check for updates', () => {
    const menu = applicationMenu(options());
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(menu[1]?.submenu?.map((i) => i.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    const help = menu.at(-1)?.submenu ?? [];
    expect(help.find((i) => i.id === 'help.check-for-updates')).toMatchObject({
      label: 'Check for Updates…',
      command: 'checkForUpdates',
    });
    expect(help.find((i) => i.id === 'help.version')).toEqual({
      id: 'help.version',
      label: 'Tokenkeeper 1.2.3',
      enabled: false,
    });
  });

  it('on macOS starts with the app menu (About, Quit) and uses the Window role', () => {
    const menu = applicationMenu(options({ platform: 'darwin' }));
    expect(menu[0]?.label).toBe('Tokenkeeper');
    expect(menu[0]?.submenu?.map((i) => i.role).filter(Boolean)).toEqual(
      expect.arrayContaining(['about', 'hide', 'quit']),
    );
    expect(menu.find((m) => m.id === 'window')?.role).toBe('window');
    // Settings (Cmd+,) in the app menu; File has the window's commands and no Quit of its own.
    expect(menu[0]?.submenu?.find((i) => i.windowCommand === 'showSettings')).toMatchObject({
      label: 'Settings…',
      accelerator: 'CmdOrCtrl+,',
    });
    const file = menu.find((m) => m.id === 'file')?.submenu ?? [];
    expect(file.map((i) => i.role).filter(Boolean)).toEqual([]);
    expect(file.find((i) => i.windowCommand === 'showSettings')).toBeUndefined();
  });

  it('quits from File on Windows (Exit) and Linux (Quit)', () => {
    expect(applicationMenu(options({ platform: 'win32' }))[0]?.submenu?.at(-1)).toMatchObject({
      role: 'quit',
      label: 'Exit',
    });
    expect(applicationMenu(options({ platform: 'linux' }))[0]?.submenu?.at(-1)).toMatchObject({
      role: 'quit',
      label: 'Quit',
      accelerator: 'CommandOrControl+Q',
    });
  });

  it.each(['linux', 'win32', 'darwin'])(
    'on %s has every window command once, with the label and keys the window uses',
    (platform) => {
      const items = flattenMenu(applicationMenu(options({ platform }))).filter(
        (i) => i.windowCommand !== undefined,
      );
      // On macOS About is the app menu's own (Electron's about panel), not the window's box.
      const expected = COMMAND_IDS.filter((id) => platform !== 'darwin' || id !== 'about');
      expect(items.map((i) => i.windowCommand).sort()).toEqual([...expected].sort());
      for (const item of items) {
        const spec = COMMAND_CATALOGUE[item.windowCommand ?? 'newToken'];
        expect(item.label).toBe(spec.label);
        expect(item.accelerator ?? null).toBe(spec.accelerator);
        // The window handles its own keys (a dialog or a text field keeps them): shown, not registered.
        if (spec.accelerator !== null) expect(item.registerAccelerator).toBe(false);
      }
      const file = applicationMenu(options({ platform })).find((m) => m.id === 'file');
      expect(file?.submenu?.[0]).toMatchObject({ label: 'New token…', accelerator: 'CmdOrCtrl+N' });
      const edit = flattenMenu(applicationMenu(options({ platform }))).find((i) => i.id === 'edit.find');
      expect(edit).toMatchObject({ windowCommand: 'find', accelerator: 'CmdOrCtrl+F' });
    },
  );

  it('shows density, theme and the details pane as checks that follow the settings', () => {
    const checked = (view: MenuOptions['view']) =>
      flattenMenu(applicationMenu(options({ view })))
        .filter((i) => i.checked === true)
        .map((i) => i.id);
    expect(checked({ density: 'compact', theme: 'dark', detailsBeside: true })).toEqual([
      'view.density-compact',
      'view.theme-dark',
      'view.toggle-details',
    ]);
    expect(checked({ density: 'comfortable', theme: 'system', detailsBeside: false })).toEqual([
      'view.density-comfortable',
      'view.theme-system',
    ]);
    const types = flattenMenu(applicationMenu(options())).filter((i) => i.type !== undefined);
    expect(types.map((i) => [i.id, i.type])).toEqual([
      ['view.density-compact', 'radio'],
      ['view.density-comfortable', 'radio'],
      ['view.theme-system', 'radio'],
      ['view.theme-light', 'radio'],
      ['view.theme-dark', 'radio'],
      ['view.toggle-details', 'checkbox'],
    ]);
  });

  it('gives every item a unique id on every platform, in both modes', () => {
    for (const platform of ['linux', 'win32', 'darwin'])
      for (const development of [false, true]) {
        const ids = flattenMenu(applicationMenu(options({ platform, development }))).map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
      }
  });

  it.each<[UpdateMenuState, string, boolean, string]>([
    [{ kind: 'unsupported' }, 'Check for Updates…', true, 'checkForUpdates'],
    [{ kind: 'checking' }, 'Checking for Updates…', false, 'checkForUpdates'],
    [{ kind: 'downloading', version: '2.0.0' }, 'Downloading Version 2.0.0…', false, 'checkForUpdates'],
    [{ kind: 'ready', version: '2.0.0' }, 'Restart to Install Version 2.0.0', true, 'installUpdate'],
  ])('says what updates are doing: %j', (updates, label, enabled, command) => {
    const item = flattenMenu(applicationMenu(options({ updates }))).find(
      (i) => i.id === 'help.check-for-updates',
    );
    expect(item).toMatchObject({ label, command });
    expect(item?.enabled !== false).toBe(enabled);
  });
});

describe('the right-click menu', () => {
  it('offers Edit’s roles where they apply, and nothing where there is nothing to edit or copy', () => {
    const enabled = (at: { editable: boolean; selection: boolean }) =>
      (contextMenu(at) ?? []).filter((i) => i.role !== undefined && i.enabled !== false).map((i) => i.role);
    expect(contextMenu({ editable: false, selection: false })).toBeNull();
    // The copy-once field: read-only, its text selected.
    expect(enabled({ editable: false, selection: true })).toEqual(['copy', 'selectAll']);
    expect(enabled({ editable: true, selection: false })).toEqual(['paste', 'selectAll']);
    expect(enabled({ editable: true, selection: true })).toEqual(['cut', 'copy', 'paste', 'selectAll']);
  });
});

describe("the test host's accelerator matching", () => {
  const key = (
    k: string,
    m: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...m,
  });

  it('matches CommandOrControl as Ctrl off macOS and Cmd on it, with exact modifiers', () => {
    expect(acceleratorMatches('CommandOrControl+R', key('r', { ctrlKey: true }), 'linux')).toBe(true);
    expect(acceleratorMatches('CommandOrControl+R', key('r', { metaKey: true }), 'linux')).toBe(false);
    expect(acceleratorMatches('CommandOrControl+R', key('r', { metaKey: true }), 'darwin')).toBe(true);
    expect(
      acceleratorMatches('CommandOrControl+R', key('R', { ctrlKey: true, shiftKey: true }), 'linux'),
    ).toBe(false);
    expect(
      acceleratorMatches('Shift+CommandOrControl+R', key('R', { ctrlKey: true, shiftKey: true }), 'linux'),
    ).toBe(true);
    expect(acceleratorMatches('F11', key('F11'), 'linux')).toBe(true);
    expect(acceleratorMatches('Ctrl+Shift+I', key('I', { ctrlKey: true, shiftKey: true }), 'win32')).toBe(
      true,
    );
  });
});
