/**
 * Handlers: the remote operations on tokens (create, rotate, revoke), journaled in `operations`
 * before each remote call and reconciled after an ambiguous failure (services/token-operations.ts).
 */
import type { Handlers } from '../ipc/dispatch';
import type { TokenOperations } from '../services/token-operations';

export function tokenOperationHandlers(
  operations: TokenOperations,
): Pick<
  Handlers,
  | 'createToken'
  | 'listCreateChoices'
  | 'startRotation'
  | 'recordManualRotation'
  | 'finishRotation'
  | 'abandonRotation'
  | 'revokeToken'
> {
  return {
    createToken(input) {
      return operations.create(input);
    },
    listCreateChoices(query) {
      return operations.createChoices(query);
    },
    startRotation({ tokenId, successorExpiresAt, successorName, carryOverAnnotation, confirmation }) {
      return operations.startRotation(tokenId, {
        ...(successorExpiresAt === undefined ? {} : { expiresAt: successorExpiresAt }),
        ...(successorName === undefined ? {} : { name: successorName }),
        ...(confirmation === undefined ? {} : { confirmation }),
        carryOverAnnotation: carryOverAnnotation === true,
      });
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
