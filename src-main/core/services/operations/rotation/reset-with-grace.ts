/**
 * Reset with grace (Mailtrap): the provider issues a new token with the same permissions; the old
 * one keeps working for a grace period, linked to its successor. When the old token was the
 * connection's own credential, the credential moves to the new secret (credential-swap.ts).
 */
import type { ConnectionRecord } from '../../../db/repositories/connections';
import type { TokenRecord } from '../../../db/repositories/tokens';
import type { RemoteToken } from '../../../providers/types';
import {
  recordSwapFailure,
  reportSwap,
  swapAfterword,
  swapCredential,
  warnCredentialSecretLost,
} from '../credential-swap';
import { formatTime, type OperationKit } from '../kit';
import type { RotationStrategy } from './strategy';
import { rotateThroughApi, type ApiRotation } from './through-api';

/** When the old token of a reset stops working, when the provider does not say: its documented grace. */
function graceEndFrom(
  adapter: { descriptor: { capabilities: { graceSeconds?: number | null } } },
  now: number,
): number {
  return now + (adapter.descriptor.capabilities.graceSeconds ?? 0) * 1000;
}

/**
 * After a reset: the successor is stored, linked to the token it replaces, and that one is in its
 * grace period until `graceEndsAt`. `successorIsCredential`: the connection's own credential moved
 * to the successor. Call inside the caller's transaction.
 */
function storeSuccessor(
  kit: OperationKit,
  connection: ConnectionRecord,
  token: TokenRecord,
  remote: RemoteToken,
  graceEndsAt: number,
  successorIsCredential: boolean,
): TokenRecord {
  const row = kit.storeRemote(connection, remote, {
    replacesId: token.id,
    isConnectionCredential: successorIsCredential,
  });
  kit.ctx.repos.tokens.save({
    ...token,
    state: 'grace',
    graceEndsAt,
    expiresAt: graceEndsAt,
    replacedById: row.id,
    isConnectionCredential: token.isConnectionCredential && !successorIsCredential,
    updatedAt: kit.ctx.now(),
  });
  return row;
}

const reset: ApiRotation = {
  kind: 'reset_with_grace',

  async store(kit, { op, token, connection, remote, rotated, secretId }) {
    const { ctx } = kit;
    const now = ctx.now();
    const swap = await swapCredential(ctx, connection, token, rotated.secret);
    const graceEndsAt = rotated.previousGraceEndsAt ?? graceEndFrom(remote.adapter, now);
    const successor = ctx.db.transaction(() => {
      const row = storeSuccessor(
        kit,
        connection,
        token,
        rotated.token,
        graceEndsAt,
        swap.state === 'swapped',
      );
      kit.journal.finish(
        op,
        'succeeded',
        { resultTokenId: row.id, secretPending: true },
        {
          action: 'token.rotate',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `Reset “${token.name}” at ${remote.provider}: the new token replaces the old one, which works until ${formatTime(graceEndsAt)}`,
        },
      );
      recordSwapFailure(ctx, connection, token, swap, graceEndsAt, now);
      return row;
    })();
    reportSwap(ctx, connection, token, successor.id, swap, graceEndsAt, remote.provider);
    kit.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'reset_with_grace',
      newToken: kit.tokens.rowOf(successor, connection),
      secretId,
      needsConfirmation: false,
      afterword: `The old token keeps working until ${formatTime(graceEndsAt)}, then stops. Update every integration before then.${swapAfterword(connection, swap)}`,
      credentialSwapped: swap.state === 'swapped',
    };
  },

  recoverLost(kit, { token, connection, remote, successor, current }) {
    const { ctx } = kit;
    const provider = remote.provider;
    const graceEndsAt = current?.expiresAt ?? graceEndFrom(remote.adapter, ctx.now());
    const stored = ctx.db.transaction(() =>
      storeSuccessor(kit, connection, token, successor as RemoteToken, graceEndsAt, false),
    )();
    let message = `${provider} reset “${token.name}”, but the new secret never reached Tokenkeeper. Tokenkeeper did not retry. The old token stops working at ${formatTime(graceEndsAt)}; reset the new token here to get a secret you can use.`;
    if (token.isConnectionCredential)
      message += warnCredentialSecretLost(ctx, connection, token, graceEndsAt, provider);
    return { resultTokenId: stored.id, message };
  },
};

export const resetWithGrace: RotationStrategy = {
  kind: 'reset_with_grace',
  throughApi: true,
  start: (kit, token, connection, options) => rotateThroughApi(kit, token, connection, reset, options),
};
