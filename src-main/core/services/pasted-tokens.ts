/**
 * Pasted tokens (providers/pasted-tokens.ts): a token the user pastes once into a check field or a
 * revoke-by-value form, for a tracked connection whose provider offers those calls. The value is
 * registered with the redactor for the one call, sent only to the connection's own origin, and
 * then dropped: it is never stored, logged, returned to the renderer or written into a message.
 *
 * - `check` asks the provider what the token is and records it as a tracked token (its name, last
 *   4, owner, expiry and scopes), or refreshes the one already recorded for it.
 * - `revoke` sends leaked tokens to the provider's revoke-by-value call (unauthenticated, a
 *   limited number per call and per hour, counted here so the user hears it before the provider says
 *   403), and marks the tracked tokens they match as revoked.
 */
import type { TokenRow } from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { TokenRecord } from '../db/repositories/tokens';
import { AppError, invalidInput } from '../errors';
import type { ProviderHttp } from '../http/client';
import { HttpError } from '../http/errors';
import { parseBaseUrl } from '../http/url';
import { forgetSecret, registerSecret } from '../log/redact';
import type { PastedTokenCalls } from '../providers/pasted-tokens';
import { acceptedOrigin } from './connection-origin';
import { effectiveBaseUrl } from './connection-view';
import type { ProviderRuntime } from './provider-runtime';
import { requireConnection, trackedRecord, type TokensService } from './tokens';

const HOUR_MS = 3_600_000;

const isLive = (t: TokenRecord) => t.state === 'active' || t.state === 'grace';

/** A checked token's kind: its permission group reads "<kind>: <scopes>" (CheckedToken.scopeSummary). */
const kindOfChecked = (t: TokenRecord) => t.scope.permissionGroup?.split(':')[0] ?? null;

export class PastedTokensService {
  /** When each revoke call went out, per origin (the provider counts per address, per hour). */
  private readonly revokeCalls = new Map<string, number[]>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly runtime: ProviderRuntime,
    private readonly tokens: TokensService,
  ) {}

  private callsOf(connection: ConnectionRecord): PastedTokenCalls {
    const module = this.ctx.providers.get(connection.provider);
    if (module.pastedTokens === null)
      throw new AppError('not_supported', `${module.descriptor.name} offers no calls on a pasted token.`);
    return module.pastedTokens;
  }

  /** The HTTP target of the connection's own address; nothing is sent to any other origin. */
  private target(connection: ConnectionRecord, purpose: string): { http: ProviderHttp; origin: string } {
    const descriptor = this.ctx.providers.descriptor(connection.provider);
    const address = effectiveBaseUrl(connection, this.ctx.providers);
    if (address === null) throw invalidInput(`Enter the ${descriptor.name} address first.`, 'baseUrl');
    const origin = acceptedOrigin(this.ctx, connection.provider, address);
    if (connection.credentialOrigin !== null && connection.credentialOrigin !== origin)
      throw new AppError('forbidden', `“${connection.label}” is bound to ${connection.credentialOrigin}.`);
    const http = this.runtime.http.target({
      provider: descriptor.name,
      baseUrl: parseBaseUrl(address, descriptor.name),
      credentialOrigin: origin,
      limiterKey: `${connection.id}:${purpose}`,
      rateLimit: null,
    });
    return { http, origin };
  }

  /** Runs `call` with the values registered as secrets, and forgets them afterwards. */
  private async withSecrets<T>(values: readonly string[], call: () => Promise<T>): Promise<T> {
    for (const value of values) registerSecret(value);
    try {
      return await call();
    } finally {
      for (const value of values) forgetSecret(value);
    }
  }

  async check(input: { connectionId: string; value: string; name: string | null }): Promise<{
    token: TokenRow;
    refreshed: boolean;
  }> {
    const { ctx } = this;
    const connection = requireConnection(ctx, input.connectionId);
    const calls = this.callsOf(connection);
    const descriptor = ctx.providers.descriptor(connection.provider);
    const value = input.value.trim();
    if (value === '') throw invalidInput('Paste the token to check.', 'value');
    if (connection.mode !== 'tracked')
      throw invalidInput(`“${connection.label}” is not a tracked connection.`, 'connectionId');
    const refusal = calls.refuseValue(value);
    if (refusal !== null) throw invalidInput(refusal, 'value');
    const checked = await this.withSecrets([value], async () => {
      const { http } = this.target(connection, 'check');
      try {
        return await calls.check!(http, value);
      } catch (error) {
        ctx.audit({
          action: 'token.check',
          outcome: 'error',
          connectionId: connection.id,
          detail: `${descriptor.name}: ${error instanceof AppError ? error.code : 'internal'}`,
        });
        throw error;
      }
    });
    const now = ctx.now();
    const last4 = value.slice(-4);
    // The detail shows the permission group: the kind and its scopes, in one line.
    const scope = {
      permissionGroup: checked.scopeSummary,
      organizations: null,
      resources: null,
      workspace: null,
    };
    // The same token checked again (same kind, owner and last 4): its row is refreshed, not doubled.
    const existing = ctx.repos.tokens
      .listByConnection(connection.id)
      .find(
        (t) =>
          isLive(t) &&
          t.origin === 'tracked' &&
          t.last4 === last4 &&
          kindOfChecked(t) === checked.kind &&
          t.accountName === checked.owner,
      );
    let record: TokenRecord;
    if (existing !== undefined) {
      record = {
        ...existing,
        name: input.name ?? existing.name,
        expiresAt: checked.expiresAt,
        scopeKind: 'permission_group',
        scopeSummary: checked.scopeSummary,
        scope,
        updatedAt: now,
      };
      ctx.repos.tokens.save(record);
    } else {
      const base = trackedRecord(
        connection.id,
        {
          name: input.name ?? checked.suggestedName,
          accountName: checked.owner,
          last4,
          createdAt: now,
          expiresAt: checked.expiresAt,
          note: null,
        },
        descriptor,
        now,
      );
      record = { ...base, scopeKind: 'permission_group', scopeSummary: checked.scopeSummary, scope };
      ctx.repos.tokens.insert(record);
    }
    const expiry =
      checked.expiresAt === null
        ? 'no expiry'
        : `expires ${new Date(checked.expiresAt).toISOString().slice(0, 10)}`;
    ctx.audit({
      action: 'token.check',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: record.id,
      detail: `${existing === undefined ? 'Recorded' : 'Checked again'} from ${descriptor.name}: ${checked.kind}, ${expiry}`,
    });
    ctx.emit('tokensChanged', { connectionIds: [connection.id] });
    return { token: this.tokens.rowOf(record, connection), refreshed: existing !== undefined };
  }

  async revoke(input: { connectionId: string; values: string[]; tokenId?: string | undefined }): Promise<{
    submitted: number;
    revoked: TokenRow[];
  }> {
    const { ctx } = this;
    const connection = requireConnection(ctx, input.connectionId);
    const revoke = this.callsOf(connection).revoke;
    const descriptor = ctx.providers.descriptor(connection.provider);
    if (revoke === undefined)
      throw new AppError('not_supported', `${descriptor.name} does not revoke tokens by value.`);
    const values = [...new Set(input.values.map((v) => v.trim()).filter((v) => v !== ''))];
    if (values.length === 0) throw invalidInput('Paste at least one token to revoke.', 'values');
    if (values.length > revoke.maxPerCall)
      throw invalidInput(
        `${descriptor.name} revokes at most ${revoke.maxPerCall} tokens per call; paste fewer.`,
        'values',
      );
    // Which one is wrong is said by its place in the list, never by quoting it.
    values.forEach((value, index) => {
      const refusal = revoke.refuse(value);
      if (refusal !== null)
        throw invalidInput(values.length === 1 ? refusal : `Token ${index + 1}: ${refusal}`, 'values');
    });
    const target = input.tokenId === undefined ? null : this.tokens.require(input.tokenId);
    if (target !== null) {
      if (target.connection.id !== connection.id) throw invalidInput('That token is in another connection.');
      const last4 = target.token.last4;
      if (last4 !== null && !values.some((v) => v.endsWith(last4)))
        throw invalidInput(
          `The pasted token does not end in “${last4}”, the last 4 characters recorded for “${target.token.name}”. Nothing was sent.`,
          'values',
        );
    }
    const { http, origin } = this.target(connection, 'revoke');
    this.refuseOverHourlyLimit(origin, revoke.perHour, descriptor.name);
    await this.withSecrets(values, async () => {
      // Counted when sent: a call whose answer was lost still used one of the hour's calls.
      this.revokeCalls.set(origin, [...(this.revokeCalls.get(origin) ?? []), ctx.now()]);
      try {
        await revoke.send(http, values);
      } catch (error) {
        ctx.audit({
          action: 'token.revoke_by_value',
          outcome: 'error',
          connectionId: connection.id,
          detail: `${descriptor.name}: ${values.length} submitted, ${error instanceof AppError ? error.code : 'internal'}`,
        });
        if (error instanceof HttpError && error.effect !== 'none')
          throw new AppError(
            'ambiguous',
            `${error.message} ${descriptor.name} may have revoked the tokens or not. Check one with “Check a pasted token”: a revoked token is refused (401).`,
          );
        throw error;
      }
    });
    const ends = new Set(values.map((v) => v.slice(-4)));
    const marked = ctx.repos.tokens
      .listByConnection(connection.id)
      .filter(
        (t) =>
          isLive(t) &&
          t.origin === 'tracked' &&
          (t.id === target?.token.id || (t.last4 !== null && ends.has(t.last4))),
      )
      .map((t) => ({ ...t, state: 'revoked' as const, updatedAt: ctx.now() }));
    ctx.db.transaction(() => {
      for (const t of marked) ctx.repos.tokens.save(t);
    })();
    ctx.audit({
      action: 'token.revoke_by_value',
      outcome: 'ok',
      connectionId: connection.id,
      detail: `${descriptor.name} accepted ${values.length} token${values.length === 1 ? '' : 's'} for revocation`,
    });
    for (const t of marked)
      ctx.audit({
        action: 'token.revoke',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: t.id,
        detail: `Revoked by value at ${descriptor.name}`,
      });
    ctx.emit('tokensChanged', { connectionIds: [connection.id] });
    return { submitted: values.length, revoked: marked.map((t) => this.tokens.rowOf(t, connection)) };
  }

  private refuseOverHourlyLimit(origin: string, perHour: number | null, name: string): void {
    if (perHour === null) return;
    const now = this.ctx.now();
    const recent = (this.revokeCalls.get(origin) ?? []).filter((at) => at > now - HOUR_MS);
    this.revokeCalls.set(origin, recent);
    if (recent.length < perHour) return;
    const retryAt = recent[0]! + HOUR_MS;
    throw new AppError(
      'rate_limited',
      `${name} takes at most ${perHour} revoke calls an hour from one address, and Tokenkeeper has made them. Try again after ${new Date(retryAt).toISOString().slice(11, 16)} UTC. Nothing was sent.`,
      { retryAt },
    );
  }
}
