/**
 * The shell's OS integration around the tray, with fakes: notifications (kept alive until used,
 * a click focuses the window and opens the token), wake-from-sleep forwarding, the Linux tray
 * host check, and start at login (login items on macOS/Windows, an XDG autostart entry on Linux).
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import {
  createShellNotifier,
  type NotificationFactory,
  type ShownNotification,
} from '../../../src-main/shell/notifier';
import { forwardWakeEvents } from '../../../src-main/shell/power';
import { startedHidden } from '../../../src-main/shell/launch-hidden';
import { AUTOSTART_FILE, autostartEntry, startAtLogin } from '../../../src-main/shell/start-at-login';
import { statusNotifierHostPresent } from '../../../src-main/shell/tray-host';
import { DAY, addTrackedConnection, makeCore, tempDir } from '../helpers';

class FakeNotification extends EventEmitter implements ShownNotification {
  shown = false;
  constructor(
    readonly options: {
      title: string;
      body: string;
      silent: boolean;
      actions?: { type: 'button'; text: string }[];
    },
  ) {
    super();
  }
  override on(event: 'click' | 'close' | 'failed' | 'action', listener: (index: number) => void): this {
    return super.on(event, listener);
  }
  show(): void {
    this.shown = true;
  }
}

class FakeNotificationFactory implements NotificationFactory {
  supported = true;
  created: FakeNotification[] = [];
  isSupported(): boolean {
    return this.supported;
  }
  create(options: FakeNotification['options']): FakeNotification {
    const n = new FakeNotification(options);
    this.created.push(n);
    return n;
  }
}

describe('shell notifications', () => {
  it('a reminder from the core shows as an OS notification; a click focuses the window and opens the token', async () => {
    const factory = new FakeNotificationFactory();
    const focused: number[] = [];
    const log = createMemoryLogger();
    const notifier = createShellNotifier({ factory, focusWindow: () => focused.push(1), log });
    const t = makeCore({ configure: (deps) => ({ ...deps, notifier }) });
    const now = t.clock.now();
    const connection = await addTrackedConnection(t.core, 'mailtrap', 'Mailtrap prod');
    const row = await t.core.handlers.addTrackedToken({
      connectionId: connection.id,
      name: 'CI deploy',
      accountName: 'Acme',
      last4: 'wxyz',
      createdAt: now - DAY,
      expiresAt: now + 7 * DAY,
      note: null,
    });
    t.clock.advance(1000);

    expect(factory.created).toHaveLength(1);
    const shown = factory.created[0] as FakeNotification;
    expect(shown.shown).toBe(true);
    expect(shown.options.body.split('\n')[0]).toMatch(
      /^Mailtrap · CI deploy token expires in 7 days \(Dec 2\)$/,
    );
    expect(notifier.pending).toBe(1); // held until used, so its click handler survives garbage collection
    shown.emit('click');
    expect(focused).toEqual([1]);
    expect(t.emitted.filter((e) => e.event === 'navigate').map((e) => e.payload)).toEqual([
      { view: 'token', tokenId: row.id },
    ]);
    expect(notifier.pending).toBe(0);
    await t.close();
  });

  it('on macOS and Windows a reminder has "Snooze a day" and "Open": Snooze goes through the core’s snooze, Open opens the token', async () => {
    const factory = new FakeNotificationFactory();
    const focused: number[] = [];
    const notifier = createShellNotifier({
      factory,
      focusWindow: () => focused.push(1),
      log: createMemoryLogger(),
      platform: 'darwin',
    });
    const t = makeCore({ configure: (deps) => ({ ...deps, notifier }) });
    const now = t.clock.now();
    const connection = await addTrackedConnection(t.core, 'mailtrap', 'Mailtrap prod');
    const add = (name: string, expiresAt: number) =>
      t.core.handlers.addTrackedToken({
        connectionId: connection.id,
        name,
        accountName: 'Acme',
        last4: 'wxyz',
        createdAt: now - DAY,
        expiresAt,
        note: null,
      });
    const snoozed = await add('CI deploy', now + 7 * DAY);
    t.clock.advance(1000);
    const [first] = factory.created;
    expect(first?.options.actions).toEqual([
      { type: 'button', text: 'Snooze a day' },
      { type: 'button', text: 'Open' },
    ]);
    first?.emit('action', 0);
    // Snoozing stays in the background: no window, no navigation, the token snoozed a day from the press.
    expect(focused).toEqual([]);
    expect(t.emitted.filter((e) => e.event === 'navigate')).toEqual([]);
    expect(t.core.context.repos.tokens.get(snoozed.id)?.snoozedUntil).toBe(t.clock.now() + DAY);
    expect(t.core.context.repos.audit.forToken(snoozed.id).map((a) => a.action)).toContain('token.snooze');
    expect(notifier.pending).toBe(0);

    const opened = await add('Backup', now + 6 * DAY);
    t.clock.advance(1000);
    expect(factory.created).toHaveLength(2);
    factory.created[1]?.emit('action', 1);
    expect(focused).toEqual([1]);
    expect(t.emitted.filter((e) => e.event === 'navigate').map((e) => e.payload)).toEqual([
      { view: 'token', tokenId: opened.id },
    ]);
    await t.close();
  });

  it('on Linux a reminder has no buttons, and a click still opens the token', async () => {
    const factory = new FakeNotificationFactory();
    const focused: number[] = [];
    const notifier = createShellNotifier({
      factory,
      focusWindow: () => focused.push(1),
      log: createMemoryLogger(),
      platform: 'linux',
    });
    const clicked: number[] = [];
    notifier.show(
      {
        id: 'r',
        title: 'Token expires soon',
        body: 'x',
        tokenId: 't_1',
        actions: [
          { id: 'snooze-day', label: 'Snooze a day' },
          { id: 'open', label: 'Open' },
        ],
      },
      () => clicked.push(1),
      () => undefined,
    );
    expect(factory.created[0]?.options.actions).toBeUndefined();
    factory.created[0]?.emit('click');
    expect(clicked).toEqual([1]);
    expect(focused).toEqual([1]);
  });

  it('releases closed or failed notifications and does nothing where notifications are unsupported', () => {
    const factory = new FakeNotificationFactory();
    const log = createMemoryLogger();
    const notifier = createShellNotifier({ factory, focusWindow: () => undefined, log });
    const request = { id: 'r', title: 'Token expires soon', body: 'x', tokenId: null };
    notifier.show(request, () => undefined);
    notifier.show(request, () => undefined);
    factory.created[0]?.emit('close');
    factory.created[1]?.emit('failed');
    expect(notifier.pending).toBe(0);
    expect(log.lines.join('')).toContain('a notification could not be shown');
    factory.supported = false;
    notifier.show(request, () => undefined);
    expect(factory.created).toHaveLength(2);
  });
});

describe('waking from sleep', () => {
  it('forwards resume and unlock to an immediate re-plan', () => {
    const power = new EventEmitter();
    let replans = 0;
    forwardWakeEvents(power, () => replans++);
    power.emit('resume');
    power.emit('unlock-screen');
    power.emit('suspend');
    expect(replans).toBe(2);
  });
});

describe('the Linux tray host check', () => {
  it('asks D-Bus whether a StatusNotifier host is running, falling back from gdbus to dbus-send, else assumes none', async () => {
    expect(await statusNotifierHostPresent(async () => '(true,)\n')).toBe(true);
    expect(await statusNotifierHostPresent(async () => '(false,)\n')).toBe(false);
    const calls: string[] = [];
    const viaDbusSend = await statusNotifierHostPresent(async (file) => {
      calls.push(file);
      if (file === 'gdbus') throw new Error('ENOENT');
      return 'method return time=1 sender=org.freedesktop.DBus\n   boolean true\n';
    });
    expect(viaDbusSend).toBe(true);
    expect(calls).toEqual(['gdbus', 'dbus-send']);
    expect(await statusNotifierHostPresent(async () => Promise.reject(new Error('no session bus')))).toBe(
      false,
    );
  });
});

describe('a hidden start', () => {
  it('is asked for by --hidden anywhere, and on macOS by being opened by the login item', () => {
    expect(startedHidden({ platform: 'linux', argv: ['/app', '--hidden'], wasOpenedAtLogin: false })).toBe(
      true,
    );
    expect(startedHidden({ platform: 'win32', argv: ['/app', '--hidden'], wasOpenedAtLogin: false })).toBe(
      true,
    );
    expect(startedHidden({ platform: 'darwin', argv: ['/app'], wasOpenedAtLogin: true })).toBe(true);
    expect(startedHidden({ platform: 'linux', argv: ['/app'], wasOpenedAtLogin: false })).toBe(false);
    // Only macOS reports how it was opened; elsewhere the flag means nothing.
    expect(startedHidden({ platform: 'win32', argv: ['/app'], wasOpenedAtLogin: true })).toBe(false);
  });
});

describe('start at login', () => {
  it('uses login items on macOS and Windows, starting hidden (--hidden on Windows)', () => {
    const calls: { openAtLogin: boolean; args?: string[] }[] = [];
    for (const platform of ['darwin', 'win32'] as const) {
      const set = startAtLogin({
        platform,
        isPackaged: true,
        setLoginItem: (s) => calls.push(s),
        executable: '/x',
        log: createMemoryLogger(),
      });
      set(true);
      set(false);
    }
    expect(calls).toEqual([
      { openAtLogin: true },
      { openAtLogin: false },
      { openAtLogin: true, args: ['--hidden'] },
      { openAtLogin: false, args: ['--hidden'] },
    ]);
  });

  it('writes and removes an XDG autostart entry on Linux, quoting the executable path', () => {
    const configHome = tempDir('tk-xdg-');
    const set = startAtLogin({
      platform: 'linux',
      isPackaged: true,
      setLoginItem: () => {
        throw new Error('Electron has no login items on Linux');
      },
      executable: '/home/me/Apps/Token "keeper" $1.AppImage',
      configHome,
      log: createMemoryLogger(),
    });
    const file = path.join(configHome, 'autostart', AUTOSTART_FILE);
    set(true);
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toBe(autostartEntry('/home/me/Apps/Token "keeper" $1.AppImage'));
    // Started at login it opens hidden, in the tray.
    expect(entry).toContain('Exec="/home/me/Apps/Token \\"keeper\\" \\$1.AppImage" --hidden\n');
    expect(entry.startsWith('[Desktop Entry]\nType=Application\nName=Tokenkeeper\n')).toBe(true);
    set(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('a development run registers nothing, and the core calls it when the setting changes', async () => {
    const calls: boolean[] = [];
    const setDev = startAtLogin({
      platform: 'darwin',
      isPackaged: false,
      setLoginItem: () => calls.push(true),
      executable: '/x',
      log: createMemoryLogger(),
    });
    setDev(true);
    expect(calls).toEqual([]);
    const t = makeCore();
    await t.core.handlers.updateSettings({ startAtLogin: true });
    expect(t.fakes.system.startAtLogin).toBe(true);
    await t.core.handlers.updateSettings({ startAtLogin: false });
    expect(t.fakes.system.startAtLogin).toBe(false);
    await t.close();
  });
});
