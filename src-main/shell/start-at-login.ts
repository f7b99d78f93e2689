/**
 * "Start at login". Electron's login items cover macOS and Windows only; on Linux the desktop
 * standard is an XDG autostart entry (~/.config/autostart/<app>.desktop), written here. Every way
 * starts the app hidden, in the tray (launch-hidden.ts). Only the
 * installed app registers itself: a development run would register the bare Electron binary.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../core/log/logger';
import { HIDDEN_ARG, loginItemSettings } from './launch-hidden';

export interface StartAtLoginOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  /** Electron's app.setLoginItemSettings (macOS, Windows). */
  setLoginItem: (settings: { openAtLogin: boolean; args?: string[] }) => void;
  /** The executable to start: $APPIMAGE for an AppImage, else process.execPath. */
  executable: string;
  /** $XDG_CONFIG_HOME, or ~/.config. */
  configHome?: string;
  log: Logger;
}

export const AUTOSTART_FILE = 'tokenkeeper.desktop';

/** Desktop Entry Exec quoting: the path in double quotes with ", `, $ and \ escaped. */
function quoteExec(file: string): string {
  return `"${file.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tokenkeeper',
    'Comment=Reminds you before your API tokens expire',
    `Exec=${quoteExec(executable)} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function startAtLogin(options: StartAtLoginOptions): (enabled: boolean) => void {
  return (enabled) => {
    if (!options.isPackaged) {
      options.log.info('start at login is only registered by the installed app', { enabled });
      return;
    }
    try {
      if (options.platform === 'linux') {
        const dir = path.join(options.configHome ?? path.join(os.homedir(), '.config'), 'autostart');
        const file = path.join(dir, AUTOSTART_FILE);
        if (enabled) {
          fs.mkdirSync(dir, { recursive: true });
          fs.writeFileSync(file, autostartEntry(options.executable), { mode: 0o644 });
        } else {
          fs.rmSync(file, { force: true });
        }
      } else {
        options.setLoginItem(loginItemSettings(options.platform, enabled));
      }
    } catch (error) {
      options.log.warn('start at login could not be changed', { error, enabled });
    }
  };
}
