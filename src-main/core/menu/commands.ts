/**
 * The application menu for a running core, and what its own commands do. The shell and the test
 * host both build the menu here and run its commands here, so a test drives the same menu the
 * app shows.
 */
import type { Settings as SettingsValue } from '../../../src-preload/contract';
import type { UpdateFeedback, UpdateService } from '../updates/update-service';
import { applicationMenu, type MenuCommand, type MenuItemSpec } from './application-menu';
import type { MenuViewState } from './window-items';

export interface MenuContext {
  platform: string;
  appName: string;
  appVersion: string;
  updates: UpdateService;
  /** The settings View shows as checks (density, theme, details beside the list). */
  settings: { get(): SettingsValue };
}

export function menuFor(context: MenuContext, development: boolean): MenuItemSpec[] {
  return applicationMenu({
    platform: context.platform,
    appName: context.appName,
    version: context.appVersion,
    development,
    updates: context.updates.state,
    view: viewState(context.settings.get()),
  });
}

function viewState(settings: SettingsValue): MenuViewState {
  return {
    density: settings.density,
    theme: settings.theme,
    detailsBeside: !settings.detailPaneCollapsed,
  };
}

/** Runs one of the app's own menu commands; what it returns is said in a native box. */
export async function runMenuCommand(
  context: Pick<MenuContext, 'updates'>,
  command: MenuCommand,
): Promise<UpdateFeedback | null> {
  switch (command) {
    case 'checkForUpdates':
      return context.updates.check();
    case 'installUpdate':
      context.updates.install();
      return null;
  }
}
