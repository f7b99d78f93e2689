/**
 * What the Electron shell does around the window, modelled for the test host so the e2e tests
 * exercise the same rules the app has:
 *
 * - The application menu: the same template the shell installs (`menuFor`), production or
 *   development, and the same right-click menu (`contextMenu`). Tests click an item with `clickMenu(id)`; the page's bridge acts on the items'
 *   accelerators when the page left a key alone (Electron runs menu accelerators only for keys
 *   the page did not handle). A Reload role reloads the page, Edit's roles run the same editing
 *   command Electron's would (`copy` fires the page's copy event), the app's own commands run in
 *   the core here and their answer (a native box in the app) is kept in `feedback`.
 * - Main's `before-input-event` guard (core/menu/input-guard.ts): the bridge applies it before the
 *   page sees a key, with the state main has (whether a secret is held).
 * - A lost renderer: when the page's connection closes (reload, crash, navigation), the vault is
 *   told, as the shell tells it on `render-process-gone` and on a reload of the window.
 */
import type { WebSocket } from 'ws';
import type { Core } from '../../src-main/core/core';
import { contextMenu, flattenMenu, type MenuItemSpec } from '../../src-main/core/menu/application-menu';
import { menuFor, runMenuCommand } from '../../src-main/core/menu/commands';
import type { UpdateFeedback } from '../../src-main/core/updates/update-service';

export interface ShellModelOptions {
  /** The development menu (Reload, DevTools) and input guard instead of production's. */
  development?: boolean;
  /** False models a window without main's before-input-event guard (the page's own must hold). */
  inputGuard?: boolean;
  platform?: string;
}

/** What the bridge needs to act as the shell would. */
export interface ShellState {
  platform: string;
  development: boolean;
  inputGuard: boolean;
  secretHeld: boolean;
  menu: MenuItemSpec[];
}

/** Messages the host sends the bridge besides call results and events. */
export type ShellMessage = { type: 'shell'; state: ShellState } | { type: 'perform'; role: string };

export class ShellModel {
  /** What each app command answered (the native box the shell would show), in order. */
  readonly feedback: UpdateFeedback[] = [];
  private secretHeld = false;
  private readonly platform: string;
  private readonly development: boolean;
  private readonly inputGuard: boolean;

  constructor(
    private readonly core: Core,
    options: ShellModelOptions,
    private readonly broadcast: (message: ShellMessage) => void,
  ) {
    this.platform = options.platform ?? process.platform;
    this.development = options.development ?? false;
    this.inputGuard = options.inputGuard ?? true;
    core.updates.onChange(() => this.publish());
    core.context.settings.onChange(() => this.publish());
  }

  get state(): ShellState {
    return {
      platform: this.platform,
      development: this.development,
      inputGuard: this.inputGuard,
      secretHeld: this.secretHeld,
      menu: this.menu(),
    };
  }

  menu(): MenuItemSpec[] {
    return menuFor(
      {
        platform: this.platform,
        appName: this.core.context.deps.appName,
        appVersion: this.core.context.deps.appVersion,
        updates: this.core.updates,
        settings: this.core.context.settings,
      },
      this.development,
    );
  }

  /** The vault started or stopped holding a secret (the shell learns it the same way). */
  setSecretHeld(held: boolean): void {
    this.secretHeld = held;
    this.publish();
  }

  /** The page behind `client` went away: as the shell does on a reload of the window. */
  clientClosed(_client: WebSocket): void {
    this.core.context.vault.rendererLost();
  }

  /**
   * The renderer process died (the shell's `render-process-gone`). A crashed page's connection
   * may stay open, so a test that crashes the page says so (Playwright's `crash` event).
   */
  rendererGone(): void {
    this.core.context.vault.rendererLost();
  }

  /** Clicks a menu item, as the user would in the app's menu bar. */
  async clickMenu(id: string): Promise<void> {
    const item = flattenMenu(this.menu()).find((i) => i.id === id);
    if (item === undefined) throw new Error(`the menu has no item ${id}`);
    if (item.enabled === false) throw new Error(`menu item ${id} is disabled`);
    if (item.windowCommand !== undefined) {
      this.core.context.emit('menuCommand', { command: item.windowCommand });
    } else if (item.command !== undefined) {
      const answer = await runMenuCommand(this.core, item.command);
      if (answer !== null) this.feedback.push(answer);
    } else if (item.role !== undefined) {
      this.broadcast({ type: 'perform', role: item.role });
    }
  }

  /** Right-click at a place (editable? with a selection?) and choose an item, as in the app. */
  clickContextMenu(at: { editable: boolean; selection: boolean }, id: string): void {
    const item = (contextMenu(at) ?? []).find((i) => i.id === id);
    if (item?.role === undefined || item.enabled === false)
      throw new Error(`no enabled context menu item ${id}`);
    this.broadcast({ type: 'perform', role: item.role });
  }

  private publish(): void {
    this.broadcast({ type: 'shell', state: this.state });
  }
}
