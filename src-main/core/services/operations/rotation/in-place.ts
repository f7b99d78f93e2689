/**
 * In place (Mirox, GitLab): the token gets a new secret and a reset expiry; the old secret stops
 * at once, so the user is told to update the integration right away. Where the provider gives the
 * rotated token a new id (GitLab revokes the old token and issues a successor with the same name
 * and scopes), the row follows it. When the token was the connection's own credential, the
 * credential moves to the new secret (credential-swap.ts).
 */
import type { TokenRecord } from '../../../db/repositories/tokens';
import { recordSwapFailure, reportSwap, swapAfterword, swapCredential } from '../credential-swap';
import { formatTime } from '../kit';
import type { RotationStrategy } from './strategy';
import { rotateThroughApi, type ApiRotation } from './through-api';

const inPlace: ApiRotation = {
  kind: 'in_place_immediate',

  async store(kit, { op, token, connection, remote, rotated, secretId }) {
    const { ctx } = kit;
    const now = ctx.now();
    const swap = await swapCredential(ctx, connection, token, rotated.secret);
    const next: TokenRecord = {
      ...token,
      remoteId: rotated.token.remoteId,
      last4: rotated.token.last4 ?? token.last4,
      expiresAt: rotated.token.expiresAt,
      lastUsedAt: rotated.token.lastUsedAt,
      usage: rotated.token.usage,
      updatedAt: now,
    };
    ctx.db.transaction(() => {
      ctx.repos.tokens.save(next);
      recordSwapFailure(ctx, connection, token, swap, now, now);
      kit.journal.finish(
        op,
        'succeeded',
        { resultTokenId: token.id, secretPending: true },
        {
          action: 'token.rotate',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `Rotated “${token.name}” at ${remote.provider} in place: the same token has a new secret, and the old secret stopped working`,
        },
      );
    })();
    reportSwap(ctx, connection, token, token.id, swap, now, remote.provider);
    kit.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'in_place_immediate',
      newToken: kit.tokens.rowOf(next, connection),
      secretId,
      needsConfirmation: false,
      afterword: `The old secret of “${token.name}” stopped working just now. Update the integration that uses it right away.${next.expiresAt === null ? '' : ` The token now expires on ${formatTime(next.expiresAt).slice(0, 10)}.`}${swapAfterword(connection, swap)}`,
      credentialSwapped: swap.state === 'swapped',
    };
  },

  recoverLost(kit, { token, connection, remote, current }) {
    const { ctx } = kit;
    const now = ctx.now();
    ctx.db.transaction(() => {
      ctx.repos.tokens.save({
        ...token,
        remoteId: current?.remoteId ?? token.remoteId,
        expiresAt: current?.expiresAt ?? token.expiresAt,
        lastUsedAt: current?.lastUsedAt ?? null,
        usage: current?.usage ?? [],
        updatedAt: now,
      });
    })();
    const own = token.isConnectionCredential
      ? ` This was the token Tokenkeeper itself uses for “${connection.label}”, so the connection cannot call ${remote.provider} any more: create a token at ${remote.provider} and re-enter it for the connection.`
      : ' Rotate it again to get a secret you can use.';
    return {
      resultTokenId: token.id,
      message: `${remote.provider} rotated “${token.name}”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry.${own}`,
    };
  },
};

export const inPlaceImmediate: RotationStrategy = {
  kind: 'in_place_immediate',
  throughApi: true,
  start: (kit, token, connection, options) => rotateThroughApi(kit, token, connection, inPlace, options),
};
