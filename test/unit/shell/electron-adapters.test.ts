/**
 * The shell's thin Electron adapters, each run against the Electron stand-in instead of a fake
 * of the shell's own interfaces: the clipboard and OS ports, notifications, the tray and its
 * menu, power events, login items, the app:// protocol handler, the credential store over
 * safeStorage, the event emitter, and where the Electron-ABI SQLite binding is looked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import { SafeStorageCredentialStore, type KeyValueFile } from '../../../src-main/shell/credential-store';
import { createEmitter } from '../../../src-main/shell/ipc';
import { electronNativeBindingPath, resolveNativeBinding } from '../../../src-main/shell/native-binding';
import { createShellNotifier } from '../../../src-main/shell/notifier';
import { electronNotificationFactory } from '../../../src-main/shell/notifier-electron';
import { forwardWakeEvents } from '../../../src-main/shell/power';
import {
  APP_URL,
  CONTENT_SECURITY_POLICY,
  handleAppProtocol,
  registerAppScheme,
} from '../../../src-main/shell/protocol';
import { startAtLogin } from '../../../src-main/shell/start-at-login';
import { electronClipboard, electronSystem } from '../../../src-main/shell/system-ports';
import { TrayService, trayIconDir, type TrayActions } from '../../../src-main/shell/tray';
import { electronTrayFactory } from '../../../src-main/shell/tray-electron';
import * as standin from '../../boot/electron-standin/control';
import { tempDir } from '../helpers';

vi.mock('electron', () => import('../../boot/electron-standin/index'));

const electron = await import('electron');

beforeEach(async () => {
  await standin.readyPlatform();
});

describe('the clipboard and OS ports', () => {
  it('writes a secret in one atomic write with the OS history-exclusion markers, and clears it', async () => {
    await electronClipboard.writeSecret('s3cret-value');
    const formats = Object.keys(standin.state.world.clipboard.formats);
    expect(formats[0]).toBe('text/plain');
    expect(formats.length).toBeGreaterThan(1);
    expect(await electronClipboard.readText()).toBe('s3cret-value');
    electronClipboard.clear();
    expect(await electronClipboard.readText()).toBe('');
  });

  it('opens links, saves files with owner-only permissions, and sets the theme and capture protection', async () => {
    const win = new electron.BrowserWindow({ show: true });
    const system = electronSystem(() => win);
    await system.openExternal('https://docs.example/');
    expect(standin.state.world.openedExternal).toEqual(['https://docs.example/']);
    const target = path.join(tempDir(), 'export.csv');
    standin.state.world.config.saveDialog = { canceled: false, filePath: target };
    expect(await system.saveFile({ defaultName: 'x.csv', content: 'a,b', filters: [] })).toBe(target);
    expect(fs.readFileSync(target, 'utf8')).toBe('a,b');
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    standin.state.world.config.saveDialog = { canceled: true };
    expect(await system.saveFile({ defaultName: 'x.csv', content: 'a,b', filters: [] })).toBeNull();
    system.setTheme('dark');
    expect(electron.nativeTheme.themeSource).toBe('dark');
    system.setContentProtection(true);
    expect(standin.allWindows()[0]?.contentProtection).toBe(true);
  });
});

describe('notifications', () => {
  it('shows a reminder and, on a click, focuses the window and opens the token', () => {
    const focused = vi.fn();
    const clicked = vi.fn();
    const notifier = createShellNotifier({
      factory: electronNotificationFactory,
      focusWindow: focused,
      log: createMemoryLogger(),
    });
    notifier.show({ title: 'CI deploy expires tomorrow', body: 'Mailtrap · Acme' } as never, clicked);
    const [shown] = standin.shownNotifications();
    expect(shown?.title).toBe('CI deploy expires tomorrow');
    expect(notifier.pending).toBe(1);
    shown?.emit('click', {});
    expect(focused).toHaveBeenCalledOnce();
    expect(clicked).toHaveBeenCalledOnce();
    expect(notifier.pending).toBe(0);
  });

  it('gives Electron the buttons on Windows and maps a pressed one back to its action', () => {
    const focused = vi.fn();
    const pressed = vi.fn();
    createShellNotifier({
      factory: electronNotificationFactory,
      focusWindow: focused,
      log: createMemoryLogger(),
      platform: 'win32',
    }).show(
      {
        id: 'r',
        title: 'CI deploy expires tomorrow',
        body: 'Mailtrap · Acme',
        tokenId: 't_1',
        actions: [
          { id: 'snooze-day', label: 'Snooze a day' },
          { id: 'open', label: 'Open' },
        ],
      },
      vi.fn(),
      pressed,
    );
    const [shown] = standin.shownNotifications();
    expect(shown?.options.actions).toEqual([
      { type: 'button', text: 'Snooze a day' },
      { type: 'button', text: 'Open' },
    ]);
    shown?.emit('action', { actionIndex: 0, selectionIndex: -1 }, 0);
    expect(pressed).toHaveBeenLastCalledWith('snooze-day');
    expect(focused).not.toHaveBeenCalled();
  });

  it('shows nothing where the OS has no notifications', () => {
    standin.state.world.config.notificationsSupported = false;
    createShellNotifier({
      factory: electronNotificationFactory,
      focusWindow: vi.fn(),
      log: createMemoryLogger(),
    }).show({ title: 't', body: 'b' } as never, vi.fn());
    expect(standin.shownNotifications()).toEqual([]);
  });
});

describe('the tray through Electron’s Tray and Menu', () => {
  const actions = () => {
    const open = vi.fn();
    const quit = vi.fn();
    const acts: TrayActions = { open, openToken: vi.fn(), syncNow: vi.fn(), setPaused: vi.fn(), quit };
    return { acts, open, quit };
  };

  it('builds the icon and menu, and a click on the icon or a menu item reaches the app', () => {
    const { acts, open, quit } = actions();
    const tray = new TrayService({
      factory: electronTrayFactory,
      platform: 'linux',
      iconDir: trayIconDir({ isPackaged: false, resourcesPath: '/nowhere', appPath: process.cwd() }),
      actions: acts,
      log: createMemoryLogger(),
    });
    expect(tray.start()).toBe(true);
    const [icon] = standin.allTrays();
    expect(icon?.image.isEmpty()).toBe(false);
    icon?.emit('click');
    expect(open).toHaveBeenCalledOnce();
    standin.clickTrayItem('quit');
    expect(quit).toHaveBeenCalledOnce();
    tray.update({
      attentionCount: 2,
      tooltip: 'Tokenkeeper: 2 tokens need attention',
      paused: false,
      upcoming: [],
    });
    expect(icon?.image.path).toMatch(/tray-attention\.png$/);
    expect(icon?.toolTip).toBe('Tokenkeeper: 2 tokens need attention');
    tray.destroy();
    expect(icon?.isDestroyed()).toBe(true);
  });

  it('warns when an icon file is missing (a packaging mistake) instead of showing nothing silently', () => {
    const lines: string[] = [];
    new TrayService({
      factory: electronTrayFactory,
      platform: 'linux',
      iconDir: '/no/such/folder',
      actions: actions().acts,
      log: createMemoryLogger(lines),
    }).start();
    expect(lines.join('\n')).toContain('tray icon missing or unreadable');
  });
});

describe('power and start at login', () => {
  it('re-plans reminders when the machine wakes or the screen is unlocked', () => {
    const replan = vi.fn();
    forwardWakeEvents(electron.powerMonitor, replan);
    standin.emitPower('resume');
    standin.emitPower('unlock-screen');
    standin.emitPower('suspend');
    expect(replan).toHaveBeenCalledTimes(2);
  });

  it('registers a login item on macOS and Windows, and only for the installed app', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const set = startAtLogin({
        platform,
        isPackaged: true,
        setLoginItem: (settings) => electron.app.setLoginItemSettings(settings),
        executable: '/Applications/Tokenkeeper.app',
        log: createMemoryLogger(),
      });
      set(true);
      expect(electron.app.getLoginItemSettings().openAtLogin).toBe(true);
      set(false);
      expect(electron.app.getLoginItemSettings().openAtLogin).toBe(false);
    }
    startAtLogin({
      platform: 'win32',
      isPackaged: false,
      setLoginItem: (settings) => electron.app.setLoginItemSettings(settings),
      executable: 'electron.exe',
      log: createMemoryLogger(),
    })(true);
    expect(electron.app.getLoginItemSettings().openAtLogin).toBe(false);
  });

  it('writes an XDG autostart entry on Linux instead of a login item', () => {
    const configHome = tempDir();
    startAtLogin({
      platform: 'linux',
      isPackaged: true,
      setLoginItem: (settings) => electron.app.setLoginItemSettings(settings),
      executable: '/opt/Tokenkeeper/tokenkeeper',
      configHome,
      log: createMemoryLogger(),
    })(true);
    expect(fs.existsSync(path.join(configHome, 'autostart', 'tokenkeeper.desktop'))).toBe(true);
    expect(standin.callsTo('app', 'setLoginItemSettings')).toHaveLength(0);
  });
});

describe('the app:// protocol', () => {
  it('must be privileged before ready and handled after it, as Electron requires', async () => {
    expect(() => registerAppScheme()).toThrow(/before the app is ready/);
    standin.reset(standin.defaultConfig(tempDir(), process.cwd()));
    registerAppScheme();
    expect(() => handleAppProtocol(tempDir())).toThrow(/before the app is ready/);
    await standin.ready();
  });

  it('serves the renderer folder with the CSP, and nothing outside it', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'outside');
    handleAppProtocol(root);
    const page = await standin.requestProtocol(APP_URL);
    expect(await page.text()).toBe('<!doctype html>');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('content-type')).toBe('text/html');
    expect((await standin.requestProtocol('app://tokenkeeper/')).status).toBe(200);
    expect((await standin.requestProtocol('app://tokenkeeper/..%2Fsecret.txt')).status).toBe(404);
    expect((await standin.requestProtocol('app://elsewhere/index.html')).status).toBe(404);
  });
});

describe('credentials over safeStorage', () => {
  function file(): KeyValueFile & { data: Map<string, unknown> } {
    const data = new Map<string, unknown>();
    return {
      data,
      get: (k) => data.get(k),
      set: (k, v) => void data.set(k, v),
      delete: (k) => void data.delete(k),
      has: (k) => data.has(k),
    };
  }

  it('keeps only ciphertext in the file and reads the value back', async () => {
    const stored = file();
    const store = new SafeStorageCredentialStore(electron.safeStorage, stored, 'linux');
    await store.set('conn.apiToken', 'tk_live_abcdef123456', { allowWeak: false });
    expect(JSON.stringify([...stored.data])).not.toContain('tk_live_abcdef123456');
    expect(await store.get('conn.apiToken')).toBe('tk_live_abcdef123456');
  });

  it('refuses to save on Linux without a keyring unless weaker storage was accepted', async () => {
    standin.state.world.config.storageBackend = 'basic_text';
    const store = new SafeStorageCredentialStore(electron.safeStorage, file(), 'linux');
    await expect(store.set('k', 'v-123456', { allowWeak: false })).rejects.toMatchObject({
      code: 'weak_storage_refused',
    });
    await expect(store.set('k', 'v-123456', { allowWeak: true })).resolves.toBeUndefined();
  });
});

describe('events to the window', () => {
  it('sends an event that fits the contract, and drops (and logs) one that does not', () => {
    const win = new electron.BrowserWindow({ show: true });
    const lines: string[] = [];
    const emit = createEmitter(() => win, createMemoryLogger(lines));
    emit('tokensChanged', { connectionIds: ['c_0123abcd'] });
    emit('tokensChanged', { connectionIds: 'not a list' } as never);
    const sent = standin.allWindows()[0]?.contents.sent ?? [];
    expect(sent).toHaveLength(1);
    expect(sent[0]?.args).toEqual([{ connectionIds: ['c_0123abcd'] }]);
    expect(lines.join('\n')).toContain('event payload outside the contract');
    win.destroy();
    expect(() => emit('connectionsChanged', null)).not.toThrow();
  });
});

describe('the Electron-ABI SQLite binding', () => {
  it('is used in development when prepared, and never by the installed app', () => {
    const root = tempDir();
    const binding = electronNativeBindingPath(root, '45.5.0', 'x64');
    const dev = { isPackaged: false, appRoot: root, electronVersion: '45.5.0', arch: 'x64' };
    expect(resolveNativeBinding(dev)).toBeUndefined();
    fs.mkdirSync(path.dirname(binding), { recursive: true });
    fs.writeFileSync(binding, '');
    expect(resolveNativeBinding(dev)).toBe(binding);
    expect(resolveNativeBinding({ ...dev, isPackaged: true })).toBeUndefined();
  });
});
