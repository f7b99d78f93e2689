/**
 * The main window's guards (shell/window-guards.ts) on a fake web contents: before-input-event
 * is prevented for what core/menu/input-guard.ts refuses, with the vault's state at that moment;
 * a replaced page (a reload that got through) tells the vault, the first load does not. And the
 * menu template the shell gives Electron (shell/menu-template.ts) keeps ids, roles, accelerators
 * and runs the app's commands.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { applicationMenu } from '../../../src-main/core/menu/application-menu';
import { toElectronTemplate } from '../../../src-main/shell/menu-template';
import { onSessionEnd } from '../../../src-main/shell/session-end';
import { guardMainWindow } from '../../../src-main/shell/window-guards';
import { silentLogger } from '../../../src-main/core/log/logger';

function fakeContents(development: boolean) {
  const contents = new EventEmitter();
  const state = { held: false, replaced: 0 };
  guardMainWindow(contents as unknown as Parameters<typeof guardMainWindow>[0], {
    platform: 'linux',
    development,
    secretHeld: () => state.held,
    onPageReplaced: () => state.replaced++,
  });
  const press = (input: Record<string, unknown>) => {
    let prevented = false;
    contents.emit(
      'before-input-event',
      { preventDefault: () => (prevented = true) },
      { type: 'keyDown', control: false, meta: false, shift: false, alt: false, ...input },
    );
    return prevented;
  };
  const navigate = (details: { isMainFrame: boolean; isSameDocument: boolean }) =>
    contents.emit('did-start-navigation', { url: 'app://tokenkeeper/', ...details });
  return { state, press, navigate };
}

describe('the main window guards', () => {
  it('prevents reload keys in production, and in development while a secret is held', () => {
    const production = fakeContents(false);
    expect(production.press({ key: 'r', control: true })).toBe(true);
    expect(production.press({ key: 'c', control: true })).toBe(false);
    const development = fakeContents(true);
    expect(development.press({ key: 'F5' })).toBe(false);
    development.state.held = true;
    expect(development.press({ key: 'F5' })).toBe(true);
  });

  it('tells the vault when the page is replaced, not on the first load or in-page navigation', () => {
    const { state, navigate } = fakeContents(false);
    navigate({ isMainFrame: true, isSameDocument: false });
    navigate({ isMainFrame: true, isSameDocument: true });
    navigate({ isMainFrame: false, isSameDocument: false });
    expect(state.replaced).toBe(0);
    navigate({ isMainFrame: true, isSameDocument: false });
    expect(state.replaced).toBe(1);
  });
});

describe('the Electron menu template', () => {
  it('keeps ids, roles, accelerators and separators, and runs the app’s commands', () => {
    const run: string[] = [];
    const template = toElectronTemplate(
      applicationMenu({
        platform: 'linux',
        appName: 'Tokenkeeper',
        version: '1.0.0',
        development: false,
        updates: { kind: 'idle' },
      }),
      (command) => run.push(command),
    );
    const edit = template.find((m) => m.id === 'edit');
    expect(edit?.label).toBe('Edit');
    const items = edit?.submenu as { id: string; role?: string; accelerator?: string; type?: string }[];
    expect(items.find((i) => i.id === 'edit.copy')).toMatchObject({
      role: 'copy',
      accelerator: 'CommandOrControl+C',
    });
    expect(items.some((i) => i.type === 'separator')).toBe(true);
    const help = template.find((m) => m.id === 'help')?.submenu as {
      id: string;
      click?: () => void;
      enabled?: boolean;
    }[];
    help.find((i) => i.id === 'help.check-for-updates')?.click?.();
    expect(run).toEqual(['checkForUpdates']);
    expect(help.find((i) => i.id === 'help.version')?.enabled).toBe(false);
  });
});

describe('the session ending', () => {
  it('marks the app as quitting every time, and clears the vault once', async () => {
    let quitting = 0;
    let cleared = 0;
    const end = onSessionEnd({
      vault: () => ({ shutdown: async () => void cleared++ }),
      log: silentLogger,
      markQuitting: () => quitting++,
    });
    end();
    end();
    await new Promise((resolve) => setImmediate(resolve));
    expect({ quitting, cleared }).toEqual({ quitting: 2, cleared: 1 });
  });
});
