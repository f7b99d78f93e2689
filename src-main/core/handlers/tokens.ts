/** Handlers: the token list, token detail, tracked tokens and snoozing. */
import type { TokenDetail, TrackedTokenInput } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { EMPTY_SCOPE, newTokenState, type TokenRecord } from '../db/repositories/tokens';
import { invalidInput, notFound } from '../errors';
import { newId } from '../ids';
import type { Handlers } from '../ipc/dispatch';
import { PROVIDER_DESCRIPTORS } from '../providers/descriptors';
import { operationView } from '../services/operation-view';
import { planRotation } from '../services/rotation-plan';
import { DAY_MS } from '../tokens/status';
import { tokenIndexQueries } from '../tokens/index-rows';
import { toTokenRow } from '../tokens/query';

export function requireToken(
  ctx: CoreContext,
  tokenId: string,
): { token: TokenRecord; connection: ConnectionRecord } {
  const token = ctx.repos.tokens.get(tokenId);
  if (token === null) throw notFound('That token');
  const connection = ctx.repos.connections.get(token.connectionId);
  if (connection === null) throw notFound('That token’s connection');
  return { token, connection };
}

export function rowOf(ctx: CoreContext, token: TokenRecord, connection: ConnectionRecord) {
  return toTokenRow(token, connection.provider, connection.label, ctx.now());
}

/** Checks a hand-entered token against what its provider allows (smenso: expiry within a year). */
export function validateTracked(
  input: Omit<TrackedTokenInput, 'connectionId'>,
  connection: ConnectionRecord,
  now: number,
): void {
  const caps = PROVIDER_DESCRIPTORS[connection.provider].capabilities;
  const name = PROVIDER_DESCRIPTORS[connection.provider].name;
  if (input.createdAt > now + DAY_MS)
    throw invalidInput('The created date cannot be in the future.', 'createdAt');
  if (input.expiresAt === null && caps.expiry === 'required') {
    throw invalidInput(`${name} tokens always have an expiry date. Enter it.`, 'expiresAt');
  }
  if (input.expiresAt !== null) {
    if (input.expiresAt <= input.createdAt)
      throw invalidInput('The expiry must be after the created date.', 'expiresAt');
    if (
      caps.maxValidityDays !== null &&
      input.expiresAt - input.createdAt > caps.maxValidityDays * DAY_MS + DAY_MS
    ) {
      const years =
        caps.maxValidityDays % 365 === 0
          ? `${caps.maxValidityDays / 365} year${caps.maxValidityDays === 365 ? '' : 's'}`
          : `${caps.maxValidityDays} days`;
      throw invalidInput(
        `${name} tokens are valid for at most ${years} after they are created.`,
        'expiresAt',
      );
    }
  }
}

export function tokenDetail(ctx: CoreContext, token: TokenRecord, connection: ConnectionRecord): TokenDetail {
  const linked = (id: string | null) => {
    if (id === null) return null;
    const other = ctx.repos.tokens.get(id);
    const otherConnection = other === null ? null : ctx.repos.connections.get(other.connectionId);
    return other === null || otherConnection === null ? null : rowOf(ctx, other, otherConnection);
  };
  const descriptor = PROVIDER_DESCRIPTORS[connection.provider];
  const remote = token.origin === 'synced' && connection.mode === 'api' && descriptor.capabilities.revoke;
  return {
    token: rowOf(ctx, token, connection),
    scope: token.scope,
    note: token.note,
    usageHistory: token.usage,
    replaces: linked(token.replacesId),
    replacedBy: linked(token.replacedById),
    audit: ctx.repos.audit.forToken(token.id),
    operations: ctx.repos.operations.forToken(token.id).map(operationView),
    rotation: planRotation(token, connection),
    revocable: token.state === 'active' || token.state === 'grace',
    revokeEffect: remote
      ? `${descriptor.name} disables the token immediately; anything still using it will be refused on its next request.`
      : `Tokenkeeper marks it retired and stops reminding you. Delete it in the ${descriptor.name} console too, if you have not.`,
  };
}

export function tokenHandlers(
  ctx: CoreContext,
): Pick<
  Handlers,
  | 'listTokens'
  | 'listTokenIndex'
  | 'getToken'
  | 'addTrackedToken'
  | 'updateTrackedToken'
  | 'snoozeToken'
  | 'planRotation'
> {
  const index = tokenIndexQueries(ctx.db);
  return {
    listTokens(query) {
      return ctx.queries.list(query, ctx.now());
    },
    listTokenIndex(query) {
      return index.page(query, ctx.now());
    },
    getToken({ tokenId }) {
      const { token, connection } = requireToken(ctx, tokenId);
      return tokenDetail(ctx, token, connection);
    },
    addTrackedToken(input) {
      const connection = ctx.repos.connections.get(input.connectionId);
      if (connection === null) throw notFound('That connection');
      const now = ctx.now();
      validateTracked(input, connection, now);
      const record: TokenRecord = {
        id: newId('t'),
        connectionId: connection.id,
        remoteId: null,
        accountId: null,
        accountName: input.accountName,
        name: input.name,
        last4: input.last4,
        createdAt: input.createdAt,
        createdBy: null,
        lastUsedAt: null,
        expiresAt: input.expiresAt,
        scopeKind: connection.provider === 'smenso' ? 'workspace' : 'none',
        scopeSummary: input.accountName ?? '',
        scope: { ...EMPTY_SCOPE, workspace: connection.provider === 'smenso' ? input.accountName : null },
        broadScope: false,
        legacy: false,
        usage: [],
        origin: 'tracked',
        ...newTokenState(now),
        note: input.note,
      };
      ctx.repos.tokens.insert(record);
      ctx.audit({
        action: 'token.track',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: record.id,
        detail: `Recorded ${record.name}`,
      });
      ctx.emit('tokensChanged', { connectionIds: [connection.id] });
      return rowOf(ctx, record, connection);
    },
    updateTrackedToken({ tokenId, ...input }) {
      const { token, connection } = requireToken(ctx, tokenId);
      if (token.origin !== 'tracked')
        throw invalidInput(
          'Only tokens you recorded by hand can be edited; synced tokens come from the provider.',
        );
      validateTracked(input, connection, ctx.now());
      const next: TokenRecord = {
        ...token,
        name: input.name,
        accountName: input.accountName,
        last4: input.last4,
        createdAt: input.createdAt,
        expiresAt: input.expiresAt,
        note: input.note,
        scopeSummary: input.accountName ?? '',
        scope: {
          ...token.scope,
          workspace: connection.provider === 'smenso' ? input.accountName : token.scope.workspace,
        },
        updatedAt: ctx.now(),
      };
      ctx.repos.tokens.save(next);
      ctx.audit({
        action: 'token.edit',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId,
        detail: 'Edited recorded metadata',
      });
      ctx.emit('tokensChanged', { connectionIds: [connection.id] });
      return rowOf(ctx, next, connection);
    },
    snoozeToken({ tokenId, until }) {
      const { token, connection } = requireToken(ctx, tokenId);
      const next = { ...token, snoozedUntil: until, updatedAt: ctx.now() };
      ctx.repos.tokens.save(next);
      ctx.audit({
        action: 'token.snooze',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId,
        detail:
          until === null ? 'Reminders resumed' : `Reminders snoozed until ${new Date(until).toISOString()}`,
      });
      ctx.emit('tokensChanged', { connectionIds: [connection.id] });
      return rowOf(ctx, next, connection);
    },
    planRotation({ tokenId }) {
      const { token, connection } = requireToken(ctx, tokenId);
      return planRotation(token, connection);
    },
  };
}
