/**
 * Handlers: the remote operations on tokens (create, rotate, revoke), journaled in `operations`
 * before each remote call and reconciled after an ambiguous failure (services/token-operations.ts).
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { tokenOperations } from '../services/token-operations';

export function tokenOperationHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  | 'createToken'
  | 'startRotation'
  | 'recordManualRotation'
  | 'finishRotation'
  | 'abandonRotation'
  | 'revokeToken'
> {
  const operations = tokenOperations(ctx);
  return {
    createToken(input) {
      return operations.create(input);
    },
    startRotation({ tokenId }) {
      return operations.startRotation(tokenId);
    },
    recordManualRotation({ operationId, token }) {
      return operations.recordManualRotation(operationId, token);
    },
    finishRotation({ operationId }) {
      return operations.finishRotation(operationId);
    },
    abandonRotation({ operationId }) {
      return operations.abandonRotation(operationId);
    },
    revokeToken({ tokenId }) {
      return operations.revoke(tokenId);
    },
  };
}
