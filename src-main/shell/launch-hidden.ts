/**
 * "Start at login" starts Tokenkeeper in the tray, not in front of the user. Windows' login item
 * and Linux's XDG autostart entry pass `--hidden`. On macOS, Electron 45 no longer has the
 * login item's `openAsHidden` (macOS 13 dropped it), so the app reads `wasOpenedAtLogin` (opened
 * by the login item) as the same request. A hidden start creates no window until the tray, a
 * notification or a second launch asks for one; where no tray can be seen the window opens
 * anyway, or the app would be out of reach.
 */
export const HIDDEN_ARG = '--hidden';

export function startedHidden(options: {
  platform: NodeJS.Platform;
  argv: readonly string[];
  /** macOS: app.getLoginItemSettings().wasOpenedAtLogin. */
  wasOpenedAtLogin: boolean;
}): boolean {
  if (options.argv.includes(HIDDEN_ARG)) return true;
  return options.platform === 'darwin' && options.wasOpenedAtLogin;
}

/** What Electron's login item is given: `--hidden` on Windows; macOS tells the app itself. */
export function loginItemSettings(
  platform: NodeJS.Platform,
  openAtLogin: boolean,
): { openAtLogin: boolean; args?: string[] } {
  if (platform === 'darwin') return { openAtLogin };
  return { openAtLogin, args: [HIDDEN_ARG] };
}
