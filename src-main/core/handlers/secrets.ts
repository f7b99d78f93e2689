/** Handlers: the copy-once secret dialog. The value leaves main once (reveal); copy stays in main. */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';

export function secretHandlers(
  ctx: CoreContext,
): Pick<Handlers, 'revealSecret' | 'copySecret' | 'discardSecret' | 'recoverableSecrets'> {
  return {
    revealSecret({ secretId }) {
      return ctx.vault.reveal(secretId);
    },
    copySecret({ secretId }) {
      return ctx.vault.copy(secretId);
    },
    discardSecret({ secretId }) {
      ctx.vault.discard(secretId);
      return null;
    },
    recoverableSecrets() {
      return ctx.vault.recoverable();
    },
  };
}
