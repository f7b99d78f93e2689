/** Handlers: app info, notices, settings, and the few OS actions the window may ask for. */
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { isAllowedExternalUrl } from '../external-links';
import type { Handlers } from '../ipc/dispatch';
import { confirmWeakeningChanges } from '../settings/weakening-changes';

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
    async updateSettings(patch) {
      await confirmWeakeningChanges(ctx, patch);
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
