/**
 * Create then delete (smoxy): a successor is created with the same organizations and a validity
 * like the old token's; once the user confirms every integration uses it, the old token is
 * deleted at the provider.
 */
import { newId } from '../../../ids';
import { mint } from '../create';
import { isLive, requireApi } from '../kit';
import { deleteRemote } from '../revoke';
import { closeConfirmedRotation } from './open-rotation';
import type { RotationStrategy } from './strategy';

const DAY_MS = 86_400_000;

/** A successor name that smoxy will accept (names are unique per user). */
export function successorName(name: string, taken: ReadonlySet<string>, now: number): string {
  const base = `${name.replace(/ \(rotated \d{4}-\d{2}-\d{2}(?: \d+)?\)$/, '')} (rotated ${new Date(now).toISOString().slice(0, 10)}`;
  for (let n = 1; n < 1000; n++) {
    const candidate = `${base}${n === 1 ? '' : ` ${n}`})`;
    const trimmed =
      candidate.length > 200
        ? `${name.slice(0, 200 - (candidate.length - name.length))}${candidate.slice(name.length)}`
        : candidate;
    if (!taken.has(trimmed)) return trimmed;
  }
  return `${base} ${newId('n').slice(2, 8)})`;
}

export const createThenDelete: RotationStrategy = {
  kind: 'create_then_delete',
  throughApi: true,

  async start(kit, token, connection) {
    const { ctx } = kit;
    const remote = kit.remote(connection);
    const provider = remote.provider;
    const now = ctx.now();
    const live = ctx.repos.tokens.listByConnection(connection.id).filter(isLive);
    const name = successorName(token.name, new Set(live.map((t) => t.name)), now);
    let expiresAt: number | null = null;
    if (token.expiresAt !== null) {
      const validity =
        token.createdAt !== null && token.expiresAt > token.createdAt
          ? token.expiresAt - token.createdAt
          : 365 * DAY_MS;
      expiresAt = now + Math.max(DAY_MS, validity);
    }
    const request = remote.adapter.checkCreate(
      {
        connectionId: connection.id,
        accountId: null,
        name,
        expiresAt,
        organizations: (token.scope.organizations ?? []).map((o) => o.id),
      },
      connection,
      live,
      now,
    );
    const { op, minted, secretId } = await mint(kit, connection, remote, request, () =>
      kit.journal.begin(
        {
          kind: 'rotate',
          connection,
          token,
          tokenName: token.name,
          request: {
            kind: 'create_then_delete',
            successorName: request.name,
            expiresAt: request.expiresAt,
            organizations: request.organizations,
          },
        },
        null,
      ),
    );
    const successor = ctx.db.transaction(() => {
      const row = kit.storeRemote(connection, minted.token, { replacesId: token.id });
      ctx.repos.tokens.save({ ...token, replacedById: row.id, updatedAt: ctx.now() });
      kit.journal.finish(
        op,
        'awaiting_confirmation',
        { resultTokenId: row.id, secretPending: true },
        {
          action: 'token.rotate',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `Created successor “${row.name}” at ${provider}`,
        },
      );
      return row;
    })();
    kit.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'create_then_delete',
      newToken: kit.tokens.rowOf(successor, connection),
      secretId,
      needsConfirmation: true,
      afterword: `The new token “${successor.name}” is ready. Update every integration to use it, then confirm, and Tokenkeeper deletes the old token at ${provider} (“${token.name}”); that takes effect immediately.${token.legacy ? ' The new token is a personal access token, replacing the legacy one.' : ''}`,
      credentialSwapped: false,
    };
  },

  async finish(kit, rotation) {
    const { op, old, successor, connection } = rotation;
    requireApi(kit.ctx.providers, connection, 'revoke');
    return kit.runtime.locks.run(connection.id, async () => {
      await deleteRemote(kit, old, connection, 'delete_old', { rotation: op.id });
      closeConfirmedRotation(kit, rotation, 'Deleted');
      kit.changed(connection.id);
      const fresh = kit.ctx.repos.tokens.get(successor.id) ?? successor;
      return kit.tokens.rowOf(fresh, connection);
    });
  },
};
