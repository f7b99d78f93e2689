/**
 * The tokens service: finding a token and its connection, the row the window sees, a token's
 * detail, and the tokens a user records by hand (checked against what the provider allows). The
 * token handlers and the token operations both use it, so no service reaches up into a handler.
 */
import type {
  ProviderDescriptor,
  TokenDetail,
  TokenRow,
  TrackedTokenInput,
} from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { EMPTY_ANNOTATION } from '../db/repositories/annotations';
import { EMPTY_SCOPE, newTokenState, type TokenRecord } from '../db/repositories/tokens';
import { invalidInput, notFound } from '../errors';
import { newId } from '../ids';
import { toTokenRow } from '../tokens/query';
import { DAY_MS } from '../tokens/status';
import { normalizeAnnotation, refuseSecrets } from './annotations';
import { operationView } from './operation-view';
import { liveNames, planRotation } from './rotation-plan';

export type TrackedFields = Omit<TrackedTokenInput, 'connectionId'>;

export function requireConnection(ctx: CoreContext, connectionId: string): ConnectionRecord {
  const connection = ctx.repos.connections.get(connectionId);
  if (connection === null) throw notFound('That connection');
  return connection;
}

/** Checks a hand-entered token against what its provider allows (e.g. an expiry within a year). */
export function validateTracked(input: TrackedFields, descriptor: ProviderDescriptor, now: number): void {
  const { capabilities: caps, name } = descriptor;
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

/** A tracked token's note, kept in its annotation: refused when it looks like a secret. */
function trackedNote(note: string | null): string | null {
  const fields = normalizeAnnotation({ ...EMPTY_ANNOTATION, note });
  refuseSecrets(fields);
  return fields.note;
}

/** A hand-entered token's account is its workspace where the provider scopes tokens to one. */
const tracksWorkspace = (descriptor: ProviderDescriptor) => descriptor.capabilities.scopeKind === 'workspace';

/** The row of a token recorded by hand (checked with validateTracked first). */
export function trackedRecord(
  connectionId: string,
  input: TrackedFields,
  descriptor: ProviderDescriptor,
  now: number,
): TokenRecord {
  return {
    id: newId('t'),
    connectionId,
    remoteId: null,
    accountId: null,
    accountName: input.accountName,
    name: input.name,
    last4: input.last4,
    createdAt: input.createdAt,
    createdBy: null,
    lastUsedAt: null,
    expiresAt: input.expiresAt,
    scopeKind: tracksWorkspace(descriptor) ? 'workspace' : 'none',
    scopeSummary: input.accountName ?? '',
    scope: { ...EMPTY_SCOPE, workspace: tracksWorkspace(descriptor) ? input.accountName : null },
    broadScope: false,
    legacy: false,
    usage: [],
    origin: 'tracked',
    ...newTokenState(now),
  };
}

export class TokensService {
  constructor(private readonly ctx: CoreContext) {}

  require(tokenId: string): { token: TokenRecord; connection: ConnectionRecord } {
    const token = this.ctx.repos.tokens.get(tokenId);
    if (token === null) throw notFound('That token');
    const connection = this.ctx.repos.connections.get(token.connectionId);
    if (connection === null) throw notFound('That token’s connection');
    return { token, connection };
  }

  rowOf(token: TokenRecord, connection: ConnectionRecord): TokenRow {
    return toTokenRow(
      token,
      connection.provider,
      connection.label,
      this.ctx.now(),
      this.ctx.providers.reportingLastUse.includes(connection.provider),
    );
  }

  private changed(connectionId: string): void {
    this.ctx.emit('tokensChanged', { connectionIds: [connectionId] });
  }

  detail(tokenId: string): TokenDetail {
    const { ctx } = this;
    const { token, connection } = this.require(tokenId);
    const linked = (id: string | null) => {
      if (id === null) return null;
      const other = ctx.repos.tokens.get(id);
      const otherConnection = other === null ? null : ctx.repos.connections.get(other.connectionId);
      return other === null || otherConnection === null ? null : this.rowOf(other, otherConnection);
    };
    const descriptor = this.ctx.providers.descriptor(connection.provider);
    const remote = token.origin === 'synced' && connection.mode === 'api' && descriptor.capabilities.revoke;
    return {
      token: this.rowOf(token, connection),
      scope: token.scope,
      annotation: ctx.repos.annotations.fieldsOf(token.id),
      usageHistory: token.usage,
      replaces: linked(token.replacesId),
      replacedBy: linked(token.replacedById),
      audit: ctx.repos.audit.forToken(token.id),
      operations: ctx.repos.operations.forToken(token.id).map(operationView),
      rotation: planRotation(
        token,
        connection,
        this.ctx.providers,
        this.ctx.now(),
        liveNames(ctx.repos.tokens.listByConnection(connection.id)),
      ),
      revocable: token.state === 'active' || token.state === 'grace',
      revokeRefusal: remote ? ownCredentialRefusal(token, connection) : null,
      revokeEffect: remote
        ? `${descriptor.name} disables the token immediately; anything still using it will be refused on its next request.`
        : `Tokenkeeper marks it retired and stops reminding you. Delete it in the ${descriptor.name} console too, if you have not.`,
    };
  }

  addTracked(input: TrackedTokenInput): TokenRow {
    const { ctx } = this;
    const connection = requireConnection(ctx, input.connectionId);
    const now = ctx.now();
    const descriptor = ctx.providers.descriptor(connection.provider);
    validateTracked(input, descriptor, now);
    const record = trackedRecord(connection.id, input, descriptor, now);
    const note = trackedNote(input.note);
    ctx.db.transaction(() => {
      ctx.repos.tokens.insert(record);
      if (note !== null)
        ctx.repos.annotations.put({ ...EMPTY_ANNOTATION, tokenId: record.id, note, updatedAt: now });
    })();
    ctx.audit({
      action: 'token.track',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: record.id,
      detail: `Recorded ${record.name}`,
    });
    this.changed(connection.id);
    return this.rowOf(record, connection);
  }

  updateTracked(tokenId: string, input: TrackedFields): TokenRow {
    const { ctx } = this;
    const { token, connection } = this.require(tokenId);
    if (token.origin !== 'tracked')
      throw invalidInput(
        'Only tokens you recorded by hand can be edited; synced tokens come from the provider.',
      );
    const descriptor = ctx.providers.descriptor(connection.provider);
    validateTracked(input, descriptor, ctx.now());
    const next: TokenRecord = {
      ...token,
      name: input.name,
      accountName: input.accountName,
      last4: input.last4,
      createdAt: input.createdAt,
      expiresAt: input.expiresAt,
      scopeSummary: input.accountName ?? '',
      scope: {
        ...token.scope,
        workspace: tracksWorkspace(descriptor) ? input.accountName : token.scope.workspace,
      },
      updatedAt: ctx.now(),
    };
    const note = trackedNote(input.note);
    ctx.db.transaction(() => {
      ctx.repos.tokens.save(next);
      // The tracked form edits the note only; tags, owner and used-by stay as they are.
      const annotation = ctx.repos.annotations.fieldsOf(tokenId);
      ctx.repos.annotations.put({ ...annotation, note, tokenId, updatedAt: ctx.now() });
    })();
    ctx.audit({
      action: 'token.edit',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId,
      detail: 'Edited recorded metadata',
    });
    this.changed(connection.id);
    return this.rowOf(next, connection);
  }

  snooze(tokenId: string, until: number | null): TokenRow {
    const { ctx } = this;
    const { token, connection } = this.require(tokenId);
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
    this.changed(connection.id);
    return this.rowOf(next, connection);
  }
}

/**
 * Why Revoke is refused before the click: the token is the one Tokenkeeper itself uses for the
 * connection (revoking it would cut the connection off). Null when revoking is fine.
 */
export function ownCredentialRefusal(token: TokenRecord, connection: ConnectionRecord): string | null {
  return token.isConnectionCredential
    ? `“${token.name}” is the token Tokenkeeper itself uses for “${connection.label}”. Revoking it would cut the connection off. Re-enter a different token for the connection first, or remove the connection.`
    : null;
}
