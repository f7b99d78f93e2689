/** Handlers: app info, notices, settings, and the few OS actions the window may ask for. */
import path from 'node:path';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { isAllowedExternalUrl } from '../external-links';
import { CaFileError, readExtraCa } from '../http/dispatchers';
import type { Handlers } from '../ipc/dispatch';

export function appHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  'getAppInfo' | 'dismissNotice' | 'getSettings' | 'updateSettings' | 'openExternal' | 'openDataFolder'
> {
  return {
    async getAppInfo() {
      const storage = await ctx.deps.credentials.status();
      return {
        name: ctx.deps.appName,
        version: ctx.deps.appVersion,
        platform: ctx.deps.platform,
        dataDir: ctx.deps.dataDir,
        databasePath: ctx.databasePath,
        logDir: ctx.logDir,
        demo: ctx.deps.demo === true,
        credentialStorage: { backend: storage.backend, weak: storage.weak, available: storage.available },
        notices: ctx.notices.list(),
      };
    },
    dismissNotice({ noticeId }) {
      ctx.notices.dismiss(noticeId);
      return null;
    },
    getSettings() {
      return ctx.settings.get();
    },
    updateSettings(patch) {
      if (typeof patch.caCertificatePath === 'string') checkCaFile(patch.caCertificatePath);
      return ctx.settings.update(patch);
    },
    async openExternal({ url }) {
      if (!isAllowedExternalUrl(url, ctx.providers.linkHosts)) {
        throw new AppError('forbidden', 'Tokenkeeper only opens the providers’ own https pages.');
      }
      await ctx.deps.system.openExternal(url);
      return null;
    },
    async openDataFolder() {
      await ctx.deps.system.openPath(ctx.deps.dataDir);
      return null;
    },
  };
}

/**
 * A CA file is checked when it is chosen, so a wrong path is said next to the field rather than
 * at the next sync as a network error.
 */
function checkCaFile(caPath: string): void {
  const field = 'caCertificatePath';
  if (!path.isAbsolute(caPath)) {
    throw new AppError('invalid_input', 'Enter the full path of the certificate file.', { field });
  }
  try {
    readExtraCa(caPath);
  } catch (error) {
    if (!(error instanceof CaFileError)) throw error;
    throw new AppError(
      'invalid_input',
      error.reason === 'unreadable'
        ? 'Tokenkeeper cannot read that file. Check the path and that the file is readable.'
        : 'That file holds no PEM certificate (a block that begins with -----BEGIN CERTIFICATE-----).',
      { field },
    );
  }
}
