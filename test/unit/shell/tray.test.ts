/**
 * The tray service with fake Electron objects through its injected factory, wired to a real core:
 * the menu, the tooltip count, the icon switching to its attention state, a click on a token
 * opening it, pause from the menu, and a desktop where no tray can be created.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import type { TrayModel } from '../../../src-main/core/ports';
import { REPLAN_DEBOUNCE_MS } from '../../../src-main/core/reminders/scheduler';
import {
  TrayService,
  trayIconDir,
  trayIconFile,
  type TrayActions,
  type TrayFactory,
  type TrayHandle,
  type TrayMenuItem,
} from '../../../src-main/shell/tray';
import { closeHidesWindow } from '../../../src-main/shell/tray-host';
import { DAY, addTrackedConnection, makeCore, type TestCore } from '../helpers';

const ICON_DIR = trayIconDir({ isPackaged: false, resourcesPath: '/nowhere', appPath: path.resolve('.') });

interface FakeImage {
  file: string;
  isEmpty(): boolean;
}
interface FakeMenu {
  items: TrayMenuItem[];
}

class FakeTrayHandle implements TrayHandle<FakeImage, FakeMenu> {
  image: FakeImage;
  tooltip = '';
  menu: FakeMenu | null = null;
  clickListeners: (() => void)[] = [];
  destroyed = false;
  constructor(image: FakeImage) {
    this.image = image;
  }
  setImage(image: FakeImage): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
  }
  onClick(listener: () => void): void {
    this.clickListeners.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeFactory implements TrayFactory<FakeImage, FakeMenu> {
  trays: FakeTrayHandle[] = [];
  failCreate = false;
  loadImage(file: string): FakeImage {
    return { file, isEmpty: () => !fs.existsSync(file) };
  }
  createTray(image: FakeImage): FakeTrayHandle {
    if (this.failCreate) throw new Error('StatusNotifier not available');
    const tray = new FakeTrayHandle(image);
    this.trays.push(tray);
    return tray;
  }
  buildMenu(template: TrayMenuItem[]): FakeMenu {
    return { items: template };
  }
}

const labels = (tray: FakeTrayHandle) =>
  tray.menu?.items.map((i) => (i.type === 'separator' ? '---' : i.label)) ?? [];
const item = (tray: FakeTrayHandle, id: string) => tray.menu?.items.find((i) => i.id === id);

beforeAll(() => {
  process.env.TZ = 'UTC';
});

let t: TestCore | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

function setup(platform: NodeJS.Platform = 'linux') {
  const factory = new FakeFactory();
  const log = createMemoryLogger();
  const calls: string[] = [];
  const holder: { core: TestCore['core'] | null } = { core: null };
  const actions: TrayActions = {
    open: () => calls.push('open'),
    openToken: (tokenId) => {
      calls.push(`focus+open ${tokenId}`);
      holder.core?.reminders.openToken(tokenId);
    },
    syncNow: () => calls.push('sync'),
    setPaused: (paused) => {
      calls.push(`paused ${String(paused)}`);
      void holder.core?.call('updateSettings', { remindersPaused: paused });
    },
    quit: () => calls.push('quit'),
  };
  const service = new TrayService({ factory, platform, iconDir: ICON_DIR, actions, log });
  const started = service.start();
  t = makeCore({ configure: (deps) => ({ ...deps, tray: service }) });
  holder.core = t.core;
  return { factory, service, calls, started, log, t, tray: factory.trays[0] };
}

async function addToken(
  core: TestCore['core'],
  now: number,
  name: string,
  expiresAt: number,
  connectionId?: string,
) {
  const id = connectionId ?? (await addTrackedConnection(core, 'mailtrap', 'Mailtrap prod')).id;
  const row = await core.handlers.addTrackedToken({
    connectionId: id,
    name,
    accountName: 'Acme',
    last4: null,
    createdAt: now - 2 * DAY,
    expiresAt,
    note: null,
  });
  return { tokenId: row.id, connectionId: id };
}

describe('the tray service', () => {
  it('starts with the normal icon, a quiet tooltip and the full menu', () => {
    const { started, tray } = setup();
    expect(started).toBe(true);
    expect(tray?.image.file).toBe(path.join(ICON_DIR, 'tray-normal.png'));
    expect(tray?.image.isEmpty()).toBe(false);
    expect(tray?.tooltip).toBe('Tokenkeeper: nothing needs attention');
    expect(tray && labels(tray)).toEqual([
      'Open Tokenkeeper',
      'Sync now',
      '---',
      'Nothing needs attention',
      'No token expires soon',
      '---',
      'Pause reminders',
      '---',
      'Quit Tokenkeeper',
    ]);
    expect(tray && item(tray, 'pause')).toMatchObject({ type: 'checkbox', checked: false });
  });

  it('switches to the attention icon, counts in the tooltip and lists the next tokens; a click opens that token', async () => {
    const { tray, t: core, calls } = setup();
    const now = core.clock.now();
    const first = await addToken(core.core, now, 'CI deploy', now + 7 * DAY);
    const second = await addToken(core.core, now, 'Backup', now - DAY, first.connectionId);
    await addToken(core.core, now, 'Far away', now + 100 * DAY, first.connectionId);
    core.clock.advance(REPLAN_DEBOUNCE_MS);
    if (tray === undefined) throw new Error('no tray');

    expect(tray.image.file).toBe(path.join(ICON_DIR, 'tray-attention.png'));
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.tooltip).toBe('Tokenkeeper: 2 tokens need attention');
    expect(labels(tray)).toEqual([
      'Open Tokenkeeper',
      'Sync now',
      '---',
      '2 tokens need attention',
      'Mailtrap · Backup — Expired Nov 24, 09:00',
      'Mailtrap · CI deploy — Expires Dec 2',
      'Mailtrap · Far away — Expires Mar 5, 2027',
      '---',
      'Pause reminders',
      '---',
      'Quit Tokenkeeper',
    ]);

    item(tray, `token:${second.tokenId}`)?.click?.();
    expect(calls).toEqual([`focus+open ${second.tokenId}`]);
    expect(core.emitted.filter((e) => e.event === 'navigate').map((e) => e.payload)).toEqual([
      { view: 'token', tokenId: second.tokenId },
    ]);

    // Back to normal once nothing needs attention.
    for (const id of [first.tokenId, second.tokenId])
      await core.core.handlers.snoozeToken({ tokenId: id, until: core.clock.now() + 3 * DAY });
    core.clock.advance(REPLAN_DEBOUNCE_MS);
    expect(tray.image.file).toBe(path.join(ICON_DIR, 'tray-normal.png'));
    expect(tray.tooltip).toBe('Tokenkeeper: nothing needs attention');
  });

  it('pause reminders is a checkbox that follows the setting, and the other items call their actions', async () => {
    const { tray, t: core, calls } = setup();
    if (tray === undefined) throw new Error('no tray');
    item(tray, 'pause')?.click?.();
    await Promise.resolve();
    core.clock.advance(REPLAN_DEBOUNCE_MS);
    expect(core.core.context.settings.get().remindersPaused).toBe(true);
    expect(item(tray, 'pause')?.checked).toBe(true);
    expect(tray.tooltip).toBe('Tokenkeeper: nothing needs attention (reminders paused)');
    item(tray, 'pause')?.click?.();
    item(tray, 'open')?.click?.();
    item(tray, 'sync')?.click?.();
    item(tray, 'quit')?.click?.();
    expect(calls).toEqual(['paused true', 'paused false', 'open', 'sync', 'quit']);
  });

  it('a click on the icon opens the window on Windows and Linux; on macOS the click belongs to the menu', () => {
    const linux = setup('linux');
    expect(linux.tray?.clickListeners).toHaveLength(1);
    linux.tray?.clickListeners[0]?.();
    expect(linux.calls).toEqual(['open']);
    const factory = new FakeFactory();
    const mac = new TrayService({
      factory,
      platform: 'darwin',
      iconDir: ICON_DIR,
      actions: { open() {}, openToken() {}, syncNow() {}, setPaused() {}, quit() {} },
      log: createMemoryLogger(),
    });
    mac.start();
    expect(factory.trays[0]?.clickListeners).toEqual([]);
  });

  it('picks each OS’s icon format, and the files are there', () => {
    const files = (['darwin', 'win32', 'linux'] as const).flatMap((p) => [
      trayIconFile(p, 'normal'),
      trayIconFile(p, 'attention'),
    ]);
    expect(files).toEqual([
      'trayTemplate.png',
      'trayAttentionTemplate.png',
      'tray-normal.ico',
      'tray-attention.ico',
      'tray-normal.png',
      'tray-attention.png',
    ]);
    for (const file of files) expect(fs.existsSync(path.join(ICON_DIR, file)), file).toBe(true);
    for (const file of [
      'trayTemplate@2x.png',
      'trayAttentionTemplate@2x.png',
      'tray-normal@2x.png',
      'tray-attention@2x.png',
    ]) {
      expect(fs.existsSync(path.join(ICON_DIR, file)), file).toBe(true);
    }
    expect(
      trayIconDir({ isPackaged: true, resourcesPath: '/opt/Tokenkeeper/resources', appPath: '/x' }),
    ).toBe('/opt/Tokenkeeper/resources/tray');
  });

  it('on a desktop without a tray nothing breaks, and closing the window quits', () => {
    const factory = new FakeFactory();
    factory.failCreate = true;
    const log = createMemoryLogger();
    const service = new TrayService({
      factory,
      platform: 'linux',
      iconDir: ICON_DIR,
      actions: { open() {}, openToken() {}, syncNow() {}, setPaused() {}, quit() {} },
      log,
    });
    expect(service.start()).toBe(false);
    expect(service.available).toBe(false);
    const model: TrayModel = { attentionCount: 3, tooltip: 'x', paused: false, upcoming: [] };
    expect(() => service.update(model)).not.toThrow();
    expect(log.lines.join('')).toContain('no tray on this desktop');
    expect(closeHidesWindow({ closeToTray: true, trayShown: service.available, quitting: false })).toBe(
      false,
    );
    expect(closeHidesWindow({ closeToTray: true, trayShown: true, quitting: false })).toBe(true);
    expect(closeHidesWindow({ closeToTray: false, trayShown: true, quitting: false })).toBe(false);
    expect(closeHidesWindow({ closeToTray: true, trayShown: true, quitting: true })).toBe(false);
  });

  it('a core whose tray fails still works from the window', async () => {
    const factory = new FakeFactory();
    factory.failCreate = true;
    const service = new TrayService({
      factory,
      platform: 'linux',
      iconDir: ICON_DIR,
      actions: { open() {}, openToken() {}, syncNow() {}, setPaused() {}, quit() {} },
      log: createMemoryLogger(),
    });
    service.start();
    t = makeCore({ configure: (deps) => ({ ...deps, tray: service }) });
    const now = t.clock.now();
    await addToken(t.core, now, 'CI deploy', now + 3 * DAY);
    t.clock.advance(REPLAN_DEBOUNCE_MS);
    expect((await t.core.handlers.getAttention(undefined)).count).toBe(1);
    expect(t.fakes.notifier.shown).toHaveLength(1);
  });
});
