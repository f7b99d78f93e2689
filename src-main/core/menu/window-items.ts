/**
 * The window's own commands (src-preload/commands.ts: labels, keys, where each sits) as items of
 * the application menu. A click sends the command's id to the window as `menuCommand`, and the
 * window runs it exactly as its key or the command palette would.
 *
 * The window handles these keys itself (its commands/shortcuts.ts: an open dialog keeps the
 * keyboard, a text field keeps Alt+Left and "/"), so the menu shows each accelerator without
 * registering it (`registerAccelerator: false`; Electron honours it on Windows and Linux, and on
 * macOS runs a key equivalent only when the page left the key alone).
 */
import { COMMAND_CATALOGUE, type CommandId, type CommandSpec } from '../../../src-preload/commands';
import type { MenuItemSpec } from './application-menu';

/** The window's settings a menu item shows as a check (View › density, theme, details). */
export interface MenuViewState {
  density: 'compact' | 'comfortable';
  theme: 'system' | 'light' | 'dark';
  detailsBeside: boolean;
}

const kebab = (id: string) => id.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `<menu>.<command>`, e.g. `file.new-token`. */
export function windowItem(menu: string, command: CommandId, view?: MenuViewState): MenuItemSpec {
  const spec: CommandSpec = COMMAND_CATALOGUE[command];
  return {
    id: `${menu}.${kebab(command)}`,
    label: spec.label,
    windowCommand: command,
    ...(spec.accelerator === null ? {} : { accelerator: spec.accelerator, registerAccelerator: false }),
    ...(spec.checkable === true
      ? {
          type: command === 'toggleDetails' ? 'checkbox' : 'radio',
          checked: view !== undefined && checkedIn(command, view),
        }
      : {}),
  };
}

function checkedIn(command: CommandId, view: MenuViewState): boolean {
  switch (command) {
    case 'densityCompact':
      return view.density === 'compact';
    case 'densityComfortable':
      return view.density === 'comfortable';
    case 'themeSystem':
      return view.theme === 'system';
    case 'themeLight':
      return view.theme === 'light';
    case 'themeDark':
      return view.theme === 'dark';
    case 'toggleDetails':
      return view.detailsBeside;
    default:
      return false;
  }
}

/** Several commands of one menu, with separators between the groups. */
export function windowItems(
  menu: string,
  groups: readonly (readonly CommandId[])[],
  view?: MenuViewState,
): MenuItemSpec[] {
  return groups.flatMap((group, n) => [
    ...(n === 0 ? [] : [{ id: `${menu}.window-separator-${n}`, separator: true as const }]),
    ...group.map((command) => windowItem(menu, command, view)),
  ]);
}
