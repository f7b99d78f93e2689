/**
 * Whether this build may update itself, decided from what the installer left behind. Kept free of
 * `electron` so it is unit-tested in Node.
 *
 * - Development, or a package without `app-update.yml` (no publish settings): no updates.
 * - macOS: install. Squirrel.Mac refuses an update whose code signature does not satisfy the
 *   running app's designated requirement (and an unsigned app cannot update at all).
 * - Windows: install only when `app-update.yml` names the publisher. electron-updater checks the
 *   downloaded installer's Authenticode signature against that name, but silently skips the
 *   check when there is none (an unsigned build): then it only announces.
 * - Linux: AppImage, deb and rpm are not signed, so nothing can verify a download: only announce.
 */
import type { UpdateMode } from '../core/updates/update-service';

export function updateMode(options: {
  isPackaged: boolean;
  platform: string;
  /** The text of `<resources>/app-update.yml`, or null when it does not exist. */
  updateConfig: string | null;
}): UpdateMode {
  if (!options.isPackaged || options.updateConfig === null) return 'none';
  if (options.platform === 'darwin') return 'install';
  if (options.platform === 'win32')
    return /^publisherName:/m.test(options.updateConfig) ? 'install' : 'notify';
  return 'notify';
}
