/**
 * Creating a token at the provider: checked against the provider's rules before any call, sent
 * once under the journal, its secret handed to the vault (only its handle leaves main). `mint` is
 * also how a create-then-delete rotation makes its successor.
 */
import type { CreateTokenInput, NewSecret } from '../../../../src-preload/contract';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { OperationRecord } from '../../db/repositories/operations';
import type { TokenRecord } from '../../db/repositories/tokens';
import { AppError } from '../../errors';
import type { CreateRequest, Minted } from '../../providers/types';
import { createdSince } from '../reconcile';
import { requireConnection } from '../tokens';
import { isLive, requireApi, type OperationKit, type Remote } from './kit';
import { runJournaled } from './run-journaled';

export async function createToken(kit: OperationKit, input: CreateTokenInput): Promise<NewSecret> {
  const { ctx } = kit;
  const connection = requireConnection(ctx, input.connectionId);
  requireApi(ctx.providers, connection, 'create');
  const remote = kit.remote(connection);
  return kit.runtime.locks.run(connection.id, async () => {
    const rows = ctx.repos.tokens.listByConnection(connection.id);
    const request = remote.adapter.checkCreate(input, connection, rows.filter(isLive), ctx.now());
    const { op, minted, secretId } = await mint(kit, connection, remote, request, () =>
      kit.journal.begin(
        {
          kind: 'create',
          connection,
          token: null,
          tokenName: request.name,
          request: {
            name: request.name,
            accountId: request.accountId,
            expiresAt: request.expiresAt,
            organizations: request.organizations,
            permissionGroup: request.permissionGroup,
          },
        },
        null,
      ),
    );
    const record = ctx.db.transaction(() => {
      const row = kit.storeRemote(connection, minted.token, {});
      kit.journal.finish(
        op,
        'succeeded',
        { resultTokenId: row.id, secretPending: true },
        {
          action: 'token.create',
          outcome: 'ok',
          connectionId: connection.id,
          tokenId: row.id,
          detail: `Created “${row.name}” at ${remote.provider}`,
        },
      );
      return row;
    })();
    kit.changed(connection.id);
    return { operationId: op.id, token: kit.tokens.rowOf(record, connection), secretId };
  });
}

/**
 * Creates a token at the provider under the journaled operation that `begin` opens, and hands its
 * secret to the vault. A failed create is recorded (and reconciled by listing when its outcome is
 * unclear) before it is thrown; it is never retried. The caller stores the token and finishes the
 * operation.
 */
export async function mint(
  kit: OperationKit,
  connection: ConnectionRecord,
  remote: Remote,
  request: CreateRequest,
  begin: () => OperationRecord,
): Promise<{ op: OperationRecord; minted: Minted; secretId: string }> {
  const { provider } = remote;
  // What was there before the call, so a reconcile after an unclear failure can tell what is new.
  const known = kit.knownKeys(connection.id);
  const named = (what: string) => `“${request.name}”: ${what}`;
  return runJournaled({
    journal: kit.journal,
    begin,
    call: () => remote.adapter.create(remote.actx, request),
    commit: (op, minted: Minted) => ({
      op,
      minted,
      secretId: kit.putSecret(minted.secret, minted.token.name, connection, op),
    }),
    noteFailure: remote.noteFailure,
    audit: { action: 'token.create', connectionId: connection.id, detail: named },
    internalMessage:
      'Creating the token failed inside Tokenkeeper. Nothing was retried; sync to see the provider’s state.',
    list: remote.list,
    unchecked: (failure) =>
      `${failure.message} Tokenkeeper did not retry, and could not check ${provider} afterwards. Sync later: if a token named “${request.name}” appears, revoke it (its secret was never shown) and create a new one.`,
    reconcile(tokens, failure, op) {
      const appeared = createdSince(tokens, known, request, op.startedAt);
      if (appeared.length === 0) {
        return {
          outcome: 'not_happened',
          error: new AppError(
            failure.code,
            `${failure.message} Tokenkeeper checked ${provider} afterwards: no token named “${request.name}” was created, so nothing changed. You can try again.`,
            { ...(failure.retryAt === undefined ? {} : { retryAt: failure.retryAt }) },
          ),
          detail: named('not created (checked)'),
        };
      }
      const rows = kit.ctx.db.transaction(() => appeared.map((r) => kit.storeRemote(connection, r, {})))();
      const first = rows[0] as TokenRecord;
      return {
        outcome: 'lost',
        message: `${provider} created “${request.name}”, but its secret never reached Tokenkeeper (${failure.message.replace(/\.$/, '')}). Tokenkeeper did not retry. Revoke that token and create a new one.`,
        detail: `“${request.name}” was created but its secret was lost`,
        resultTokenId: first.id,
        tokenId: first.id,
      };
    },
    changed: () => kit.changed(connection.id),
  });
}
