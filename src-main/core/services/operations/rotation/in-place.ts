/**
 * In place (Mirox): the same token gets a new secret and a reset expiry; the old secret stops at
 * once, so the user is told to update the integration right away.
 */
import type { TokenRecord } from '../../../db/repositories/tokens';
import { formatTime } from '../kit';
import type { RotationStrategy } from './strategy';
import { rotateThroughApi, type ApiRotation } from './through-api';

const inPlace: ApiRotation = {
  kind: 'in_place_immediate',

  async store(kit, { op, token, connection, remote, rotated, secretId }) {
    const { ctx } = kit;
    const next: TokenRecord = {
      ...token,
      last4: rotated.token.last4 ?? token.last4,
      expiresAt: rotated.token.expiresAt,
      lastUsedAt: rotated.token.lastUsedAt,
      usage: rotated.token.usage,
      updatedAt: ctx.now(),
    };
    ctx.db.transaction(() => {
      ctx.repos.tokens.save(next);
      kit.journal.finish(
        op,
        'succeeded',
        { resultTokenId: token.id, secretPending: true },
        {
          action: 'token.rotate',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `Rotated “${token.name}” at ${remote.provider}; the old secret stopped working`,
        },
      );
    })();
    kit.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'in_place_immediate',
      newToken: kit.tokens.rowOf(next, connection),
      secretId,
      needsConfirmation: false,
      afterword: `The old secret of “${token.name}” stopped working just now. Update the integration that uses it right away.${next.expiresAt === null ? '' : ` The token now expires on ${formatTime(next.expiresAt).slice(0, 10)}.`}`,
      credentialSwapped: false,
    };
  },

  recoverLost(kit, { token, remote, current }) {
    const { ctx } = kit;
    const now = ctx.now();
    ctx.db.transaction(() => {
      ctx.repos.tokens.save({
        ...token,
        expiresAt: current?.expiresAt ?? token.expiresAt,
        lastUsedAt: current?.lastUsedAt ?? null,
        usage: current?.usage ?? [],
        updatedAt: now,
      });
    })();
    return {
      resultTokenId: token.id,
      message: `${remote.provider} rotated “${token.name}”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry. Rotate it again to get a secret you can use.`,
    };
  },
};

export const inPlaceImmediate: RotationStrategy = {
  kind: 'in_place_immediate',
  throughApi: true,
  start: (kit, token, connection) => rotateThroughApi(kit, token, connection, inPlace),
};
