/**
 * Revoking a token: at the provider when Tokenkeeper manages it through an API (journaled, sent
 * once, reconciled by listing after an unclear answer), otherwise marked retired. `deleteRemote`
 * is also how a create-then-delete rotation removes the old token once the user confirms.
 */
import type { TokenRow } from '../../../../src-preload/contract';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { OperationRecord } from '../../db/repositories/operations';
import type { TokenRecord } from '../../db/repositories/tokens';
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import { remoteKey } from '../../providers/types';
import { ownCredentialRefusal } from '../tokens';
import type { AuditLine } from './journal';
import { isLive, type OperationKit } from './kit';
import { runJournaled } from './run-journaled';

export async function revokeToken(kit: OperationKit, tokenId: string): Promise<TokenRow> {
  const { ctx } = kit;
  const { token, connection } = kit.tokens.require(tokenId);
  if (!isLive(token)) throw new AppError('conflict', `“${token.name}” is already ${token.state}.`);
  const descriptor = ctx.providers.descriptor(connection.provider);
  const remote =
    token.origin === 'synced' &&
    connection.mode === 'api' &&
    descriptor.hasApi &&
    descriptor.capabilities.revoke;
  if (!remote) {
    const next: TokenRecord = { ...token, state: 'retired', updatedAt: ctx.now() };
    ctx.repos.tokens.save(next);
    closeRotationsOf(kit, token);
    ctx.audit({
      action: 'token.revoke',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId,
      detail: `Marked “${token.name}” retired (tracked)`,
    });
    kit.changed(connection.id);
    return kit.tokens.rowOf(next, connection);
  }
  const refusal = ownCredentialRefusal(token, connection);
  if (refusal !== null) throw new AppError('conflict', refusal);
  return kit.runtime.locks.run(connection.id, async () => {
    const fresh = kit.tokens.require(tokenId).token;
    const next = await deleteRemote(kit, fresh, connection, 'revoke', {});
    closeRotationsOf(kit, fresh);
    ctx.audit({
      action: 'token.revoke',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId,
      detail: `Revoked “${fresh.name}” at ${descriptor.name}`,
    });
    kit.changed(connection.id);
    return kit.tokens.rowOf(next, connection);
  });
}

/** A revoked old token ends any rotation still waiting on it. */
function closeRotationsOf(kit: OperationKit, token: TokenRecord): void {
  const open = kit.journal.openRotationFor(token.id);
  // The revoke that ends it writes the audit line.
  if (open !== null) kit.journal.finish(open, 'succeeded', {}, null);
}

/**
 * Deletes a token at the provider (journaled), marks it revoked, and returns the new row.
 * Already gone (404): the same. Unclear outcome: list and check. The caller writes the line of
 * the action this delete is part of (the revoke, or the rotation it finishes).
 */
export async function deleteRemote(
  kit: OperationKit,
  token: TokenRecord,
  connection: ConnectionRecord,
  kind: 'revoke' | 'delete_old',
  request: Record<string, unknown>,
): Promise<TokenRecord> {
  const { ctx } = kit;
  const remote = kit.remote(connection);
  const { provider } = remote;
  const action = `token.${kind}`;
  const info = (detail: string): AuditLine => ({
    action,
    outcome: 'info',
    connectionId: connection.id,
    tokenId: token.id,
    detail,
  });
  const markRevoked = (op: OperationRecord, audit: AuditLine | null): TokenRecord => {
    const next: TokenRecord = {
      ...token,
      state: 'revoked',
      isConnectionCredential: false,
      updatedAt: ctx.now(),
    };
    ctx.db.transaction(() => {
      ctx.repos.tokens.save(next);
      kit.journal.finish(op, 'succeeded', { resultTokenId: token.id }, audit);
    })();
    return next;
  };
  return runJournaled({
    journal: kit.journal,
    begin: () => kit.journal.begin({ kind, connection, token, tokenName: token.name, request }, null),
    call: () => remote.adapter.revoke(remote.actx, token),
    commit: (op) => markRevoked(op, null),
    settled: (op, error) =>
      error instanceof HttpError && error.code === 'not_found'
        ? markRevoked(op, info(`“${token.name}” was already gone at ${provider}`))
        : undefined,
    noteFailure: remote.noteFailure,
    audit: { action, connectionId: connection.id, tokenId: token.id },
    internalMessage: 'Revoking failed inside Tokenkeeper. Sync to see the token’s state.',
    list: remote.list,
    unchecked: (failure) =>
      `${failure.message} Tokenkeeper could not check ${provider} afterwards. Sync to see whether “${token.name}” still exists, then try again if it does.`,
    reconcile(tokens, failure, op) {
      if (!tokens.some((t) => remoteKey(t) === remoteKey(token))) {
        return { outcome: 'done', value: markRevoked(op, info('confirmed gone after an unclear answer')) };
      }
      return {
        outcome: 'not_happened',
        error: new AppError(
          failure.code,
          `${failure.message} Tokenkeeper checked ${provider} afterwards: “${token.name}” still exists. You can try again.`,
        ),
        detail: 'still there (checked)',
      };
    },
  });
}
