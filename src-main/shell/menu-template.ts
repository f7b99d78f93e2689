/**
 * The core's menu data (core/menu/application-menu.ts) as Electron's template. Type imports
 * only, so the conversion is unit-tested without Electron; shell/menu.ts installs the result.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { CommandId } from '../../src-preload/commands';
import type { MenuCommand, MenuItemSpec } from '../core/menu/application-menu';

/** `run`: one of the core's commands; `send`: one of the window's, sent to it as `menuCommand`. */
export function toElectronTemplate(
  items: readonly MenuItemSpec[],
  run: (command: MenuCommand) => void,
  send: (command: CommandId) => void = () => undefined,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.separator === true) return { id: item.id, type: 'separator' };
    const command = item.command;
    const windowCommand = item.windowCommand;
    return {
      id: item.id,
      ...(item.label === undefined ? {} : { label: item.label }),
      ...(item.role === undefined ? {} : { role: item.role }),
      ...(item.accelerator === undefined ? {} : { accelerator: item.accelerator }),
      ...(item.registerAccelerator === undefined ? {} : { registerAccelerator: item.registerAccelerator }),
      ...(item.type === undefined ? {} : { type: item.type, checked: item.checked === true }),
      ...(item.enabled === undefined ? {} : { enabled: item.enabled }),
      ...(command === undefined ? {} : { click: () => run(command) }),
      ...(windowCommand === undefined ? {} : { click: () => send(windowCommand) }),
      ...(item.submenu === undefined ? {} : { submenu: toElectronTemplate(item.submenu, run, send) }),
    };
  });
}
