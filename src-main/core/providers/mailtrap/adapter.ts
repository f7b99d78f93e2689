/**
 * Mailtrap: a full token API, called with an API token (`Authorization: Bearer`, as the official
 * SDK sends it; Mailtrap calls `Api-Token` the older header). Accounts are discovered with
 * GET /api/accounts; tokens are listed, created (name, expiry, permissions), reset (with an
 * explicit expiry for the new token) and deleted per account. Reset issues a new token with the
 * same permissions; the old one keeps working for a short grace period (its `expires_at` is set to
 * the end of it). Answers are read tolerantly (wire.ts).
 */
import { z } from 'zod';
import type { RemoteAccount } from '../../../../src-preload/contract';
import { invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import type { TokenRecord } from '../../db/repositories/tokens';
import {
  checkExpiry,
  isoTime,
  listWords,
  parseTime,
  plural,
  refuseUnusedCreateOptions,
  tokenField,
} from '../common';
import { mailtrapDescriptor, mailtrapRotation } from './descriptor';
import type { AdapterContext, EndpointSpec, ProviderAdapter, RemoteToken } from '../types';
import { remoteKey } from '../types';
import { checkPermissions, fieldKeyed, toResources } from './requests';
import {
  AccountSchema,
  ListSchema,
  MintedSchema,
  TokenSchema,
  accessName,
  markGrace,
  readRows,
  toRemote,
} from './wire';

const REFERENCE = 'shared/providers/mailtrap-api-tokens-reference.txt (Mailtrap API reference, "API Tokens")';
const README = 'shared/providers/README.md (Mailtrap section, from Mailtrap’s public API pages)';

// ENDPOINTS (documented / modeled)
export const MAILTRAP_ENDPOINTS = [
  {
    key: 'accounts.list',
    method: 'GET',
    path: '/api/accounts',
    basis: 'documented',
    source: README,
    auth: 'Bearer',
    purpose:
      'Check the token; discover the accounts it reaches and its access level in each. Also checks that a rotation’s new token authenticates before the old one is retired.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/accounts/{account_id}/api_tokens',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Bearer',
    purpose: 'List the tokens visible to the calling token in one account.',
  },
  {
    key: 'tokens.get',
    method: 'GET',
    path: '/api/accounts/{account_id}/api_tokens/{id}',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Bearer',
    purpose: 'Read the old token after a reset, for the end of its grace period.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/api/accounts/{account_id}/api_tokens',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Bearer',
    purpose:
      'Create a token ({name, expires_at, resources}: expires_at null = never; resources as picked); the answer carries `token` once.',
  },
  {
    key: 'tokens.reset',
    method: 'POST',
    path: '/api/accounts/{account_id}/api_tokens/{id}/reset',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Bearer',
    purpose:
      'Reset a token not already reset or expired ({expires_at} for the new token): a new token with the same permissions (`token` once); the old one expires after a grace period.',
  },
  {
    key: 'tokens.delete',
    method: 'DELETE',
    path: '/api/accounts/{account_id}/api_tokens/{id}',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Bearer',
    purpose: 'Delete a token permanently (204).',
  },
] as const satisfies readonly EndpointSpec[];

const authHeaders = async (ctx: AdapterContext, override?: string) => ({
  Authorization: `Bearer ${override ?? (await ctx.credential())}`,
});

const graceMs = () => (mailtrapDescriptor.capabilities.graceSeconds ?? 0) * 1000;

const tokenPath = (accountId: string, id?: string) =>
  `/api/accounts/${encodeURIComponent(accountId)}/api_tokens${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

function accountOf(ctx: AdapterContext, accountId: string | null): RemoteAccount {
  const account = ctx.accounts.find((a) => a.id === accountId);
  if (account === undefined)
    throw invalidInput('Pick one of the Mailtrap accounts this connection includes.', 'accountId');
  return account;
}

async function listAccounts(ctx: AdapterContext, token?: string): Promise<RemoteAccount[]> {
  const { data } = await ctx.http.send({
    endpoint: 'accounts.list',
    method: 'GET',
    path: '/api/accounts',
    headers: await authHeaders(ctx, token),
    auth: 'credential',
    schema: z.array(AccountSchema),
  });
  return data.map((a) => ({ id: String(a.id), name: a.name, access: accessName(a.access_levels) }));
}

/**
 * Why a credential that Mailtrap accepts still cannot list tokens anywhere (it reaches no account,
 * or only with viewer access), said when connecting: what it has, what it needs, and where to
 * make one. Null when at least one account can be managed.
 */
export function cannotListTokens(accounts: readonly RemoteAccount[]): string | null {
  const where = `Create one on Mailtrap’s API tokens page (${mailtrapDescriptor.adminUrl ?? 'mailtrap.io'}) with admin access to the accounts whose tokens you want to manage, then paste it here.`;
  if (accounts.length === 0)
    return `Mailtrap accepted the token, but it reaches no account, so it cannot list any tokens. ${where}`;
  if (accounts.some((a) => a.access !== 'viewer')) return null;
  return `Mailtrap accepted the token, but it has only viewer access (to ${listWords(accounts.map((a) => a.name))}). Mailtrap lets only admins and owners list and manage an account’s tokens. ${where}`;
}

export const mailtrapAdapter: ProviderAdapter = {
  descriptor: mailtrapDescriptor,
  endpoints: MAILTRAP_ENDPOINTS,
  // Documented: 150 requests per 10 seconds per token.
  rateLimit: { limit: 150, windowMs: 10_000 },

  async connect(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'API token', true) ?? '';
    const accounts = await listAccounts(ctx, token);
    const refusal = cannotListTokens(accounts);
    if (refusal !== null) throw new HttpError('forbidden', refusal, { effect: 'none' });
    const names = accounts.map((a) => `${a.name}${a.access === null ? '' : ` (${a.access})`}`);
    return {
      accounts,
      identity: null,
      summary: `${plural(accounts.length, 'account')}: ${listWords(names)}`,
      credential: token,
      passwordSession: null,
    };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'API token', true) ?? '';
    const accounts = await listAccounts(ctx, token);
    const refusal = cannotListTokens(accounts);
    if (refusal !== null) throw new HttpError('forbidden', refusal, { effect: 'none' });
    return { credential: token, accounts, summary: `${plural(accounts.length, 'account')}` };
  },

  async test(ctx) {
    const reachable = await listAccounts(ctx);
    const missing = ctx.accounts.filter((a) => !reachable.some((r) => r.id === a.id));
    if (missing.length > 0) {
      return `Mailtrap accepted the token, but it no longer reaches ${listWords(missing.map((a) => a.name))}.`;
    }
    return `Mailtrap accepted the token. It reaches ${plural(reachable.length, 'account')}.`;
  },

  async authenticates(ctx, secret) {
    try {
      await listAccounts(ctx, secret);
      return true;
    } catch (error) {
      if (error instanceof HttpError && (error.code === 'unauthorized' || error.code === 'forbidden'))
        return false;
      throw error;
    }
  },

  async list(ctx) {
    const all: RemoteToken[] = [];
    let skipped = 0;
    for (const account of ctx.accounts) {
      const { data } = await ctx.http.send({
        endpoint: 'tokens.list',
        method: 'GET',
        path: tokenPath(account.id),
        headers: await authHeaders(ctx),
        auth: 'credential',
        schema: ListSchema,
      });
      const rows = readRows(data);
      skipped += rows.skipped;
      all.push(
        ...markGrace(
          rows.tokens.map((t) => toRemote(t, ctx.accounts, account)),
          ctx.now(),
          graceMs(),
        ),
      );
    }
    if (skipped > 0) ctx.skipped(skipped, 'no token id');
    return all;
  },

  checkCreate(input, connection, _live, now) {
    refuseUnusedCreateOptions(input, mailtrapDescriptor);
    const account = connection.accounts.find((a) => a.id === input.accountId);
    if (account === undefined) throw invalidInput('Pick the Mailtrap account the token is for.', 'accountId');
    if (account.access === 'viewer') {
      throw invalidInput(
        `The connection’s token has viewer access to ${account.name}, so it cannot create tokens there.`,
        'accountId',
      );
    }
    return {
      accountId: account.id,
      name: input.name.trim(),
      expiresAt: checkExpiry(input, mailtrapDescriptor, now),
      organizations: [],
      permissionGroup: null,
      permissions: checkPermissions(input.permissions, connection.accounts, account),
    };
  },

  async create(ctx, request) {
    const account = accountOf(ctx, request.accountId);
    const headers = await authHeaders(ctx);
    const { data } = await fieldKeyed(() =>
      ctx.http.send({
        endpoint: 'tokens.create',
        method: 'POST',
        path: tokenPath(account.id),
        headers,
        // expires_at always explicit: null is "never"; omitting it would take the server default.
        json: {
          name: request.name,
          expires_at: request.expiresAt === null ? null : isoTime(request.expiresAt),
          resources: toResources(request.permissions),
        },
        auth: 'credential',
        schema: MintedSchema,
      }),
    );
    const token = toRemote(data, ctx.accounts, account);
    return {
      token: { ...token, createdAt: ctx.now(), last4: token.last4 ?? data.token.slice(-4) },
      secret: data.token,
    };
  },

  async rotate(ctx, old, options) {
    const account = accountOf(ctx, old.accountId);
    const oldId = old.remoteId ?? '';
    const headers = await authHeaders(ctx);
    // The new token's expiry, always explicit: the user's choice, else the old token's policy.
    const expiresAt =
      options.expiresAt !== undefined
        ? options.expiresAt
        : (mailtrapRotation.successorExpiry?.(old, ctx.now()) ?? null);
    const { data } = await fieldKeyed(() =>
      ctx.http.send({
        endpoint: 'tokens.reset',
        method: 'POST',
        path: `${tokenPath(account.id, oldId)}/reset`,
        headers,
        json: { expires_at: expiresAt === null ? null : isoTime(expiresAt) },
        auth: 'credential',
        schema: MintedSchema,
      }),
    );
    const next = toRemote(data, ctx.accounts, account);
    // The old token's expires_at is the end of its grace period. If it cannot be read, the
    // descriptor's modeled grace period stands in (and the next sync corrects it).
    let graceEndsAt = ctx.now() + graceMs();
    try {
      const previous = await ctx.http.send({
        endpoint: 'tokens.get',
        method: 'GET',
        path: tokenPath(account.id, oldId),
        headers,
        auth: 'credential',
        schema: TokenSchema,
      });
      graceEndsAt = parseTime(previous.data.expires_at) ?? graceEndsAt;
    } catch {
      // Keep the modeled value; the reset itself succeeded.
    }
    return {
      token: { ...next, createdAt: ctx.now(), last4: next.last4 ?? data.token.slice(-4) },
      secret: data.token,
      previousGraceEndsAt: graceEndsAt,
    };
  },

  async revoke(ctx, token) {
    const account = accountOf(ctx, token.accountId);
    await ctx.http.send({
      endpoint: 'tokens.delete',
      method: 'DELETE',
      path: tokenPath(account.id, token.remoteId ?? ''),
      headers: await authHeaders(ctx),
      auth: 'credential',
      schema: null,
    });
  },

  /**
   * The connection's own token is the listed token whose last 4 characters match the stored
   * credential's. When several tokens share those 4 characters, the one marked at the previous sync keeps the
   * mark if it is still among them; otherwise none is marked (a wrong mark would make a reset
   * swap the credential to the wrong token's secret).
   */
  identifyCredential(tokens, credential, previouslyMarked) {
    const last4 = credential.slice(-4);
    const candidates = tokens.filter((t) => t.last4 === last4);
    if (candidates.length === 1) return remoteKey(candidates[0] as RemoteToken);
    if (candidates.length === 0) return null;
    const previous = new Set(previouslyMarked.map((t: TokenRecord) => remoteKey(t)));
    const kept = candidates.filter((t) => previous.has(remoteKey(t)));
    return kept.length === 1 ? remoteKey(kept[0] as RemoteToken) : null;
  },
};
