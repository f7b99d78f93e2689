/**
 * Whether a Linux desktop shows tray icons. Electron creates a Tray without complaint even when
 * nothing displays it (GNOME without the AppIndicator extension), and then "close to tray" would
 * hide the window with no way back. The StatusNotifier host registers a well-known D-Bus name,
 * so one cheap bus query answers it. When the query cannot run, assume no tray: closing the
 * window then quits, which is never a trap.
 */
import { execFile } from 'node:child_process';

export type RunCommand = (file: string, args: string[]) => Promise<string>;

const WATCHER = 'org.kde.StatusNotifierWatcher';

export const runCommand: RunCommand = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: 2000, windowsHide: true }, (error, stdout) => {
      if (error === null) resolve(stdout);
      else reject(new Error(`${file} failed`, { cause: error }));
    });
  });

export async function statusNotifierHostPresent(run: RunCommand = runCommand): Promise<boolean> {
  try {
    const out = await run('gdbus', [
      'call',
      '--session',
      '--dest',
      'org.freedesktop.DBus',
      '--object-path',
      '/org/freedesktop/DBus',
      '--method',
      'org.freedesktop.DBus.NameHasOwner',
      WATCHER,
    ]);
    return /\(\s*true\s*,?\s*\)/.test(out);
  } catch {
    // gdbus missing or the session bus unreachable: try the other common client.
  }
  try {
    const out = await run('dbus-send', [
      '--session',
      '--print-reply',
      '--dest=org.freedesktop.DBus',
      '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner',
      `string:${WATCHER}`,
    ]);
    return /boolean\s+true/.test(out);
  } catch {
    return false;
  }
}

/** Closing the window hides it only when the user wants that and a tray can bring it back. */
export function closeHidesWindow(state: {
  closeToTray: boolean;
  trayShown: boolean;
  quitting: boolean;
}): boolean {
  return state.closeToTray && state.trayShown && !state.quitting;
}
