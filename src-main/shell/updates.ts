/**
 * The core's UpdaterPort on electron-updater. Downloads only when the core asks (never by
 * itself), installs on quit or on Help › Restart to Install, and logs through the app's
 * redacting logger. What each platform verifies is in update-policy.ts and docs/release.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import electronUpdater from 'electron-updater';
import type { Logger } from '../core/log/logger';
import { noUpdater, type UpdaterPort } from '../core/updates/update-service';
import { updateMode } from './update-policy';

export function electronUpdaterPort(options: {
  isPackaged: boolean;
  platform: string;
  resourcesPath: string;
  log: Logger;
}): UpdaterPort {
  const configFile = path.join(options.resourcesPath, 'app-update.yml');
  const updateConfig =
    options.isPackaged && fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : null;
  const mode = updateMode({ isPackaged: options.isPackaged, platform: options.platform, updateConfig });
  options.log.info('updates', { mode });
  if (mode === 'none') return noUpdater;

  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = false;
  autoUpdater.autoInstallOnAppQuit = mode === 'install';
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.disableWebInstaller = true;
  const log = options.log;
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.error(`updater: ${String(message)}`),
    debug: (message: string) => log.debug(`updater: ${message}`),
  };
  // Failures also come back from the promises below; without a listener the emitter would throw.
  autoUpdater.on('error', () => undefined);

  return {
    mode,
    async check() {
      const result = await autoUpdater.checkForUpdates();
      return result?.isUpdateAvailable === true ? { version: result.updateInfo.version } : null;
    },
    async download() {
      if (mode !== 'install') throw new Error('this build does not install updates');
      await autoUpdater.downloadUpdate();
    },
    installAndRestart() {
      if (mode === 'install') autoUpdater.quitAndInstall();
    },
  };
}
