/**
 * Mailtrap: a full token API, called with an API token (`Api-Token` header). Accounts are
 * discovered with GET /api/accounts; tokens are listed, created, reset and deleted per account.
 * Reset issues a new token with the same permissions; the old one keeps working for a short
 * grace period (its `expires_at` is set to the end of it).
 */
import { z } from 'zod';
import type { RemoteAccount } from '../../../../src-preload/contract';
import { invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import { EMPTY_SCOPE, type TokenRecord } from '../../db/repositories/tokens';
import { checkExpiry, listWords, parseTime, plural, refuseUnusedCreateOptions, tokenField } from '../common';
import { mailtrapDescriptor } from './descriptor';
import type { AdapterContext, EndpointSpec, ProviderAdapter, RemoteToken } from '../types';
import { remoteKey } from '../types';

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
    auth: 'Api-Token',
    purpose: 'Check the token; discover the accounts it reaches and its access level in each.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/accounts/{account_id}/api_tokens',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Api-Token',
    purpose: 'List the tokens visible to the calling token in one account.',
  },
  {
    key: 'tokens.get',
    method: 'GET',
    path: '/api/accounts/{account_id}/api_tokens/{id}',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Api-Token',
    purpose: 'Read the old token after a reset, for the end of its grace period.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/api/accounts/{account_id}/api_tokens',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Api-Token',
    purpose: 'Create a token ({name}); the answer carries `token` once.',
  },
  {
    key: 'tokens.reset',
    method: 'POST',
    path: '/api/accounts/{account_id}/api_tokens/{id}/reset',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Api-Token',
    purpose:
      'Reset a token with no expiry: a new token with the same permissions (`token` once); the old one expires after a grace period.',
  },
  {
    key: 'tokens.delete',
    method: 'DELETE',
    path: '/api/accounts/{account_id}/api_tokens/{id}',
    basis: 'documented',
    source: REFERENCE,
    auth: 'Api-Token',
    purpose: 'Delete a token permanently (204).',
  },
] as const satisfies readonly EndpointSpec[];

const ACCESS: Record<number, string> = { 1000: 'owner', 100: 'admin', 10: 'viewer' };

const AccountSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  access_levels: z.array(z.number()).optional(),
});
const ResourceSchema = z.object({
  resource_type: z.string(),
  resource_id: z.union([z.number(), z.string()]),
  access_level: z.number(),
});
const TokenSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  last_4_digits: z.string().nullable().optional(),
  created_by: z.string().nullable().optional(),
  expires_at: z.string().nullable().optional(),
  resources: z.array(ResourceSchema).optional(),
});
const MintedSchema = TokenSchema.extend({ token: z.string().min(8) });
type MailtrapToken = z.infer<typeof TokenSchema>;

const authHeaders = async (ctx: AdapterContext, override?: string) => ({
  'Api-Token': override ?? (await ctx.credential()),
});

function accessName(levels: number[] | undefined): string | null {
  const top = Math.max(...(levels ?? []), 0);
  return ACCESS[top] ?? (top > 0 ? `level ${top}` : null);
}

function accessWord(level: number): string {
  return ACCESS[level] ?? `level ${level}`;
}

function toRemote(t: MailtrapToken, account: RemoteAccount): RemoteToken {
  const resources = (t.resources ?? []).map((r) => ({
    type: r.resource_type,
    id: String(r.resource_id),
    name: r.resource_type === 'account' && String(r.resource_id) === account.id ? account.name : null,
    access: accessWord(r.access_level),
  }));
  const accountWide = (t.resources ?? []).find((r) => r.resource_type === 'account');
  const scopeSummary =
    resources.length === 0
      ? 'No permissions listed'
      : resources.length === 1 && accountWide !== undefined
        ? `Account ${accessWord(accountWide.access_level)}`
        : `${plural(resources.length, 'resource')}: ${resources.map((r) => `${r.type} ${r.access}`).join(', ')}`;
  return {
    remoteId: String(t.id),
    accountId: account.id,
    accountName: account.name,
    name: t.name,
    last4: t.last_4_digits ?? null,
    createdAt: null,
    createdBy: t.created_by ?? null,
    lastUsedAt: null,
    expiresAt: parseTime(t.expires_at),
    scopeKind: 'resources',
    scopeSummary,
    scope: { ...EMPTY_SCOPE, resources },
    broadScope: (t.resources ?? []).some((r) => r.resource_type === 'account' && r.access_level >= 100),
    legacy: false,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}

/**
 * Modeled: the list does not say which token is in a grace period, but a reset leaves a telltale
 * pair in one account: the old token now expires within the grace period, and a newer token
 * (higher id) with the same name and no expiry exists. Such a pair is read as "reset": the old
 * one in grace until its expires_at, linked to its successor. This only affects how the tokens are
 * shown; no call depends on it.
 */
export function markGrace(tokens: RemoteToken[], now: number): RemoteToken[] {
  const graceMs = (mailtrapDescriptor.capabilities.graceSeconds ?? 0) * 1000;
  return tokens.map((t) => {
    if (t.expiresAt === null || t.expiresAt <= now || t.expiresAt - now > graceMs) return t;
    const successor = tokens
      .filter((s) => s.name === t.name && s.expiresAt === null && Number(s.remoteId) > Number(t.remoteId))
      .sort((a, b) => Number(a.remoteId) - Number(b.remoteId))[0];
    return successor === undefined ? t : { ...t, successorRemoteId: successor.remoteId };
  });
}

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

export const mailtrapAdapter: ProviderAdapter = {
  descriptor: mailtrapDescriptor,
  endpoints: MAILTRAP_ENDPOINTS,
  // Documented: 150 requests per 10 seconds per token.
  rateLimit: { limit: 150, windowMs: 10_000 },

  async connect(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'API token', true) ?? '';
    const accounts = await listAccounts(ctx, token);
    if (accounts.length === 0) {
      throw new HttpError(
        'validation',
        'Mailtrap accepted the token, but it reaches no account. Use a token with access to at least one account.',
        { effect: 'none' },
      );
    }
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

  async list(ctx) {
    const all: RemoteToken[] = [];
    for (const account of ctx.accounts) {
      const { data } = await ctx.http.send({
        endpoint: 'tokens.list',
        method: 'GET',
        path: tokenPath(account.id),
        headers: await authHeaders(ctx),
        auth: 'credential',
        schema: z.array(TokenSchema),
      });
      all.push(
        ...markGrace(
          data.map((t) => toRemote(t, account)),
          ctx.now(),
        ),
      );
    }
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
    checkExpiry(input, mailtrapDescriptor, now);
    return {
      accountId: account.id,
      name: input.name.trim(),
      expiresAt: null,
      organizations: [],
      permissionGroup: null,
    };
  },

  async create(ctx, request) {
    const account = accountOf(ctx, request.accountId);
    const { data } = await ctx.http.send({
      endpoint: 'tokens.create',
      method: 'POST',
      path: tokenPath(account.id),
      headers: await authHeaders(ctx),
      json: { name: request.name },
      auth: 'credential',
      schema: MintedSchema,
    });
    const token = toRemote(data, account);
    return {
      token: { ...token, createdAt: ctx.now(), last4: token.last4 ?? data.token.slice(-4) },
      secret: data.token,
    };
  },

  async rotate(ctx, old) {
    const account = accountOf(ctx, old.accountId);
    const oldId = old.remoteId ?? '';
    const headers = await authHeaders(ctx);
    const { data } = await ctx.http.send({
      endpoint: 'tokens.reset',
      method: 'POST',
      path: `${tokenPath(account.id, oldId)}/reset`,
      headers,
      auth: 'credential',
      schema: MintedSchema,
    });
    const next = toRemote(data, account);
    // The old token's expires_at is the end of its grace period. If it cannot be read, the
    // descriptor's modeled grace period stands in (and the next sync corrects it).
    let graceEndsAt = ctx.now() + (mailtrapDescriptor.capabilities.graceSeconds ?? 0) * 1000;
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
