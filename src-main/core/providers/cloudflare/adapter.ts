/**
 * Cloudflare: user API tokens and account-owned API tokens, called with a user API token
 * (`Authorization: Bearer`). Every fact below is in shared/providers/cloudflare.md with its
 * source; the tags in the table name them.
 *
 * Rolling gives the same token a new secret and kills the old one at once [ROLL]: a roll is sent
 * once and never retried, and an unclear one is reconciled by listing (the token operations).
 * Cloudflare blocks every call for five minutes after a 429; the HTTP layer holds the
 * connection's requests until `retry-after` has passed and says until when.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { HttpError } from '../../http/errors';
import type { TokenRecord } from '../../db/repositories/tokens';
import { tokenField } from '../common';
import { cloudflareDescriptor } from './descriptor';
import type { EndpointSpec, ProviderAdapter, RemoteToken } from '../types';
import { remoteKey } from '../types';
import { createCloudflareToken, zoneChoices } from './create';
import { EXPIRED, bearer, describe, listAll, verify, zoneNames } from './reads';
import { checkCloudflareCreate } from './requests';
import { TokenSchema, envelope, toRemote, type ResourceNames } from './wire';

const BRIEF = 'shared/providers/cloudflare.md';
const AUTH = 'Authorization: Bearer (user API token)';
const V4 = '/client/v4';

// ENDPOINTS (documented / modeled)
export const CLOUDFLARE_ENDPOINTS = [
  {
    key: 'user.tokens.verify',
    method: 'GET',
    path: '/client/v4/user/tokens/verify',
    basis: 'documented',
    source: `${BRIEF} §3 [REF][SDK]`,
    auth: `${AUTH}; no permission needed`,
    purpose: 'Check the token; its id marks the connection’s own token in the list.',
  },
  {
    key: 'user.tokens.get',
    method: 'GET',
    path: '/client/v4/user/tokens/{token_id}',
    basis: 'documented',
    source: `${BRIEF} §3 [REF][SDK]`,
    auth: `${AUTH} with API Tokens Read or Write`,
    purpose: 'The connection’s own token record (its name and permissions) when connecting.',
  },
  {
    key: 'accounts.list',
    method: 'GET',
    path: '/client/v4/accounts?page={n}&per_page=50',
    basis: 'documented',
    source: `${BRIEF} §3 paging [CALLS]; SDK client.accounts.list (V4PagePaginationArray)`,
    auth: AUTH,
    purpose: 'The accounts the token reaches, to pick from and to name in scope texts.',
  },
  {
    key: 'zones.list',
    method: 'GET',
    path: '/client/v4/zones?page={n}&per_page=50',
    basis: 'documented',
    source: 'SDK client.zones.list (outside the brief); a token without Zone Read gets ids instead of names',
    auth: `${AUTH} with Zone Read (optional)`,
    purpose: 'Zone names, so a policy reads “DNS Write on example.com”.',
  },
  {
    key: 'account.zones.list',
    method: 'GET',
    path: '/client/v4/zones?account.id={account_id}&page={n}&per_page=50',
    basis: 'documented',
    source: 'SDK client.zones.list({ account: { id } }) (outside the brief; the SDK writes account.id)',
    auth: `${AUTH} with Zone Read there (403 otherwise: said next to the zone field)`,
    purpose:
      'The account’s zones by name: the create dialog’s zone picker, and the zone a new token is limited to.',
  },
  {
    key: 'user.tokens.list',
    method: 'GET',
    path: '/client/v4/user/tokens?include_expired=true&page={n}&per_page=50',
    basis: 'documented',
    source: `${BRIEF} §3, paging §3 (per_page 5–50; a page past the end is empty) [REF][SDK]`,
    auth: `${AUTH} with API Tokens Read or Write`,
    purpose: 'List the user’s tokens, page by page until result_info.total_pages or a short page.',
  },
  {
    key: 'account.tokens.list',
    method: 'GET',
    path: '/client/v4/accounts/{account_id}/tokens?include_expired=true&page={n}&per_page=50',
    basis: 'documented',
    source: `${BRIEF} §3 [REF][SDK][AOT]`,
    auth: `${AUTH} with Account API Tokens Read or Write (403 otherwise: that account’s tokens are left out)`,
    purpose: 'List the account-owned tokens of each included account.',
  },
  {
    key: 'user.permission_groups',
    method: 'GET',
    path: '/client/v4/user/tokens/permission_groups?name={name}',
    basis: 'modeled',
    source: `${BRIEF} §3 (endpoint documented; the permission it needs is UNDOC §7.2)`,
    auth: AUTH,
    purpose: 'Look up the id of the permission group picked in the create form, by its name.',
  },
  {
    key: 'user.tokens.create',
    method: 'POST',
    path: '/client/v4/user/tokens',
    basis: 'documented',
    source: `${BRIEF} §3 create body [REF][SDK][CVA]; success status (200 or 201) UNDOC, both accepted`,
    auth: `${AUTH} with API Tokens Write`,
    purpose: 'Create a user token ({name, policies, expires_on?, not_before?, condition?}); `value` once.',
  },
  {
    key: 'account.permission_groups',
    method: 'GET',
    path: '/client/v4/accounts/{account_id}/tokens/permission_groups?name={name}',
    basis: 'modeled',
    source: `${BRIEF} §3 (endpoint documented; the permission it needs is UNDOC §7.2)`,
    auth: AUTH,
    purpose: 'Look up the id of the permission group for an account-owned token, by its name.',
  },
  {
    key: 'account.tokens.create',
    method: 'POST',
    path: '/client/v4/accounts/{account_id}/tokens',
    basis: 'documented',
    source: `${BRIEF} §3 [REF][SDK][AOT]; success status (200 or 201) UNDOC, both accepted`,
    auth: `${AUTH} with Account API Tokens Write (403 otherwise: said next to the owner choice)`,
    purpose: 'Create a token the account owns (same body as a user token); `value` once.',
  },
  {
    key: 'user.tokens.roll',
    method: 'PUT',
    path: '/client/v4/user/tokens/{token_id}/value',
    basis: 'documented',
    source: `${BRIEF} §3 roll, §5 [ROLL][REF][SDK]; no body, as SDK 7.3 sends it`,
    auth: `${AUTH} with API Tokens Write`,
    purpose: 'Roll a user token: the result is the new secret; the old one dies at once.',
  },
  {
    key: 'account.tokens.roll',
    method: 'PUT',
    path: '/client/v4/accounts/{account_id}/tokens/{token_id}/value',
    basis: 'modeled',
    source: `${BRIEF} §3 roll [REF][SDK]; the permission it needs is UNDOC (§1: Write modeled)`,
    auth: `${AUTH} with Account API Tokens Write (modeled)`,
    purpose: 'Roll an account-owned token: the result is the new secret; the old one dies at once.',
  },
  {
    key: 'user.tokens.delete',
    method: 'DELETE',
    path: '/client/v4/user/tokens/{token_id}',
    basis: 'documented',
    source: `${BRIEF} §3, §5 revoke [REF][SDK]`,
    auth: `${AUTH} with API Tokens Write`,
    purpose: 'Delete a user token (result {id}).',
  },
  {
    key: 'account.tokens.delete',
    method: 'DELETE',
    path: '/client/v4/accounts/{account_id}/tokens/{token_id}',
    basis: 'documented',
    source: `${BRIEF} §3 [REF][SDK]`,
    auth: `${AUTH} with Account API Tokens Write`,
    purpose: 'Delete an account-owned token (result {id}).',
  },
] as const satisfies readonly EndpointSpec[];

/** The listed token that is the connection's own: the id verify gave for this credential (memory only). */
const selfIds = new Map<string, string>();
const fingerprint = (credential: string) => createHash('sha256').update(credential).digest('hex');

/** A token's path: `/user/tokens/{id}` or `/accounts/{account}/tokens/{id}`. */
function tokenPath(token: TokenRecord): string {
  const id = encodeURIComponent(token.remoteId ?? '');
  return token.accountId === null
    ? `${V4}/user/tokens/${id}`
    : `${V4}/accounts/${encodeURIComponent(token.accountId)}/tokens/${id}`;
}

/** The cached token, as the roll leaves it: same id, same permissions, a new secret [ROLL]. */
function rolled(token: TokenRecord, secret: string): RemoteToken {
  return {
    remoteId: token.remoteId ?? '',
    accountId: token.accountId,
    accountName: token.accountName,
    name: token.name,
    last4: secret.slice(-4),
    createdAt: token.createdAt,
    createdBy: token.createdBy,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    scopeKind: token.scopeKind,
    scopeSummary: token.scopeSummary,
    scope: token.scope,
    broadScope: token.broadScope,
    legacy: false,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}

export const cloudflareAdapter: ProviderAdapter = {
  descriptor: cloudflareDescriptor,
  endpoints: CLOUDFLARE_ENDPOINTS,
  // 1,200 requests per 5 minutes per user; going over blocks every call for 5 minutes [RLIM].
  rateLimit: { limit: 1200, windowMs: 300_000 },

  async connect(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'API token', true) ?? '';
    const { summary, accounts } = await describe(ctx, token);
    return { accounts, identity: null, summary, credential: token, passwordSession: null };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'API token', true) ?? '';
    const { summary, accounts } = await describe(ctx, token);
    return { credential: token, accounts, summary };
  },

  async test(ctx) {
    const self = await verify(ctx);
    return `Cloudflare accepted the token (${self.status}).`;
  },

  async list(ctx) {
    const credential = await ctx.credential();
    const self = await verify(ctx, credential);
    selfIds.set(fingerprint(credential), self.id);
    const now = ctx.now();
    const names: ResourceNames = {
      accounts: new Map(ctx.accounts.map((a) => [a.id, a.name])),
      zones: await zoneNames(ctx, credential),
    };
    const user = await listAll(ctx, 'user.tokens.list', '/user/tokens', TokenSchema, credential, EXPIRED);
    const out = user.map((t) => toRemote(t, null, names, now));
    for (const account of ctx.accounts) {
      try {
        const owned = await listAll(
          ctx,
          'account.tokens.list',
          `/accounts/${encodeURIComponent(account.id)}/tokens`,
          TokenSchema,
          credential,
          EXPIRED,
        );
        out.push(...owned.map((t) => toRemote(t, account, names, now)));
      } catch (error) {
        // Without Account API Tokens Read the account's own tokens are not the user's to see.
        if (error instanceof HttpError && error.status === 403) continue;
        throw error;
      }
    }
    return out;
  },

  checkCreate(input, _connection, live, now) {
    return checkCloudflareCreate(input, live, now);
  },

  create(ctx, request) {
    return createCloudflareToken(ctx, request);
  },

  async createChoices(ctx, kind, accountId) {
    // Only "one zone" names a thing; its choices are the account's zones.
    if (kind !== 'zone') return [];
    return zoneChoices(ctx, accountId);
  },

  async rotate(ctx, token) {
    const { data } = await ctx.http.send({
      endpoint: token.accountId === null ? 'user.tokens.roll' : 'account.tokens.roll',
      method: 'PUT',
      path: `${tokenPath(token)}/value`,
      headers: await bearer(ctx),
      auth: 'credential',
      schema: envelope(z.string().min(8)),
    });
    const secret = data.result;
    if (token.isConnectionCredential && token.remoteId !== null)
      selfIds.set(fingerprint(secret), token.remoteId);
    return { token: { ...rolled(token, secret), rotatedAt: ctx.now() }, secret, previousGraceEndsAt: null };
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: token.accountId === null ? 'user.tokens.delete' : 'account.tokens.delete',
      method: 'DELETE',
      path: tokenPath(token),
      headers: await bearer(ctx),
      auth: 'credential',
      schema: envelope(z.object({ id: z.string() }).nullable()),
    });
  },

  /** The listed user token whose id `GET /user/tokens/verify` gave for this credential. */
  identifyCredential(tokens, credential) {
    const id = selfIds.get(fingerprint(credential));
    const match =
      id === undefined ? undefined : tokens.find((t) => t.accountId === null && t.remoteId === id);
    return match === undefined ? null : remoteKey(match);
  },
};
