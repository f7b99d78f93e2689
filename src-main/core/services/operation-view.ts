/** Operations journal rows as the renderer sees them, each with advice in plain words. */
import type { Operation } from '../../../src-preload/contract';
import type { OperationRecord } from '../db/repositories/operations';

/** Interrupted after the provider minted a new secret (the journal knows the result) but before the dialog showed it. */
function lostSecretAdvice(op: OperationRecord): string | null {
  if (op.resultTokenId === null) return null;
  const name = op.tokenName;
  if (op.kind === 'create') {
    return `Tokenkeeper stopped after the provider created “${name}”, before showing you its secret, which is now lost. Revoke that token and create a new one.`;
  }
  if (op.kind !== 'rotate') return null;
  switch (op.request.kind) {
    case 'reset_with_grace':
      return `Tokenkeeper stopped after the provider reset “${name}”, before showing you the new secret, which is now lost. The old token works only until its grace period ends: reset the new token to get a secret you can use.`;
    case 'in_place_immediate':
      return `Tokenkeeper stopped after the provider rotated “${name}”, before showing you the new secret, which is now lost, and the old secret no longer works. Rotate “${name}” again to get a secret you can use.`;
    case 'create_then_delete':
      return `Tokenkeeper stopped after the provider created the new token for “${name}”, before showing you its secret, which is now lost. “${name}” still works: revoke the new token, then rotate again.`;
    default:
      return null;
  }
}

export function operationAdvice(op: OperationRecord): string {
  switch (op.state) {
    case 'interrupted':
      return (
        lostSecretAdvice(op) ??
        (op.kind === 'rotate'
          ? `Tokenkeeper stopped while rotating “${op.tokenName}”. The provider may already have issued a new secret that was never shown. Sync, check the token at the provider, and rotate it again if you do not have the new secret.`
          : op.kind === 'create'
            ? `Tokenkeeper stopped while creating “${op.tokenName}”. Sync to see whether it exists; if it does and you do not have its secret, revoke it and create a new one.`
            : `Tokenkeeper stopped while changing “${op.tokenName}”. Sync to see its current state.`)
      );
    case 'ambiguous':
      return `The provider did not answer clearly whether “${op.tokenName}” was changed. Tokenkeeper did not retry. Sync to see the current state before trying again.`;
    case 'awaiting_confirmation':
      return `The rotation of “${op.tokenName}” is waiting for you to confirm that every integration uses the new token.`;
    case 'failed':
      return op.error?.message ?? 'The provider refused the change. Nothing was changed.';
    default:
      return '';
  }
}

export function operationView(op: OperationRecord): Operation {
  return {
    id: op.id,
    kind: op.kind,
    state: op.state,
    connectionId: op.connectionId,
    tokenId: op.tokenId,
    resultTokenId: op.resultTokenId,
    tokenName: op.tokenName,
    startedAt: op.startedAt,
    finishedAt: op.finishedAt,
    error: op.error,
    advice: operationAdvice(op),
  };
}
