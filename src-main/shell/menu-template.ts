/**
 * The core's menu data (core/menu/application-menu.ts) as Electron's template. Type imports
 * only, so the conversion is unit-tested without Electron; shell/menu.ts installs the result.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, MenuItemSpec } from '../core/menu/application-menu';

export function toElectronTemplate(
  items: readonly MenuItemSpec[],
  run: (command: MenuCommand) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.separator === true) return { id: item.id, type: 'separator' };
    const command = item.command;
    return {
      id: item.id,
      ...(item.label === undefined ? {} : { label: item.label }),
      ...(item.role === undefined ? {} : { role: item.role }),
      ...(item.accelerator === undefined ? {} : { accelerator: item.accelerator }),
      ...(item.enabled === undefined ? {} : { enabled: item.enabled }),
      ...(command === undefined ? {} : { click: () => run(command) }),
      ...(item.submenu === undefined ? {} : { submenu: toElectronTemplate(item.submenu, run) }),
    };
  });
}
