/**
 * Installs the application menu built by the core (production: no Reload, no DevTools), and
 * rebuilds it when the update state changes the Help menu's item or a setting changes a check in
 * View. The core's commands run in the core (what they answer is shown in a native box); the
 * window's are sent to it as `menuCommand`.
 */
import { Menu, type BrowserWindow } from 'electron';
import type { Core } from '../core/core';
import { contextMenu } from '../core/menu/application-menu';
import { menuFor, runMenuCommand } from '../core/menu/commands';
import { toElectronTemplate } from './menu-template';
import { showFeedback } from './native-dialogs';

export function installApplicationMenu(options: {
  core: Core;
  development: boolean;
  getWindow: () => BrowserWindow | null;
}): void {
  const { core, development, getWindow } = options;
  const context = {
    platform: core.context.deps.platform,
    appName: core.context.deps.appName,
    appVersion: core.context.deps.appVersion,
    updates: core.updates,
    settings: core.context.settings,
  };
  const install = () => {
    const template = toElectronTemplate(
      menuFor(context, development),
      (command) => {
        void runMenuCommand(core, command).then(
          (answer) => (answer === null ? undefined : showFeedback(getWindow, answer)),
          (error: unknown) => core.context.log.error('menu command failed', { command, error }),
        );
      },
      // The window runs its own commands, as its keys and command palette do.
      (command) => core.context.emit('menuCommand', { command }),
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  install();
  core.updates.onChange(install);
  // View shows density, theme and the details pane as checks.
  core.context.settings.onChange(install);
}

/** Right-click in the window: the core's Edit items where they apply (cut, copy, paste, select all). */
export function installContextMenu(win: BrowserWindow): void {
  win.webContents.on('context-menu', (_event, params) => {
    const items = contextMenu({ editable: params.isEditable, selection: params.selectionText !== '' });
    if (items === null) return;
    Menu.buildFromTemplate(toElectronTemplate(items, () => undefined)).popup({ window: win });
  });
}
