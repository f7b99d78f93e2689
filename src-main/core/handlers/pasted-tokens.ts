/** Handlers: a token pasted once, to check it or to revoke it by value (services/pasted-tokens.ts). */
import type { Handlers } from '../ipc/dispatch';
import type { PastedTokensService } from '../services/pasted-tokens';

export function pastedTokenHandlers(
  pasted: PastedTokensService,
): Pick<Handlers, 'checkPastedToken' | 'revokeByValue'> {
  return {
    checkPastedToken(input) {
      return pasted.check(input);
    },
    revokeByValue(input) {
      return pasted.revoke(input);
    },
  };
}
