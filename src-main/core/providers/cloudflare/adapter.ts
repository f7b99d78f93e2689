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
import type { RemoteAccount } from '../../../../src-preload/contract';
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import type { TokenRecord } from '../../db/repositories/tokens';
import { mintedToken, plural, tokenField } from '../common';
import { cloudflareDescriptor } from './descriptor';
import type { AdapterContext, EndpointSpec, ProviderAdapter, RemoteToken } from '../types';
import { remoteKey } from '../types';
import { checkCloudflareCreate, createBody, fieldOfRefusal } from './requests';
import {
  AccountSchema,
  PermissionGroupSchema,
  TokenSchema,
  VerifySchema,
  ZoneSchema,
  envelope,
  toRemote,
  type CloudflareToken,
  type ResourceNames,
} from './wire';

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

const PER_PAGE = 50;
/** Recently expired tokens stay listed, so they show as expired rather than vanish [SDK]. */
const EXPIRED = { include_expired: 'true' };
/** At most this many pages per list (Cloudflare caps user tokens at 50 and account tokens at 500 [RLIM]). */
const MAX_PAGES = 40;

const bearer = async (ctx: AdapterContext, override?: string) => ({
  Authorization: `Bearer ${override ?? (await ctx.credential())}`,
});

/** The listed token that is the connection's own: the id verify gave for this credential (memory only). */
const selfIds = new Map<string, string>();
const fingerprint = (credential: string) => createHash('sha256').update(credential).digest('hex');

type Endpoint = (typeof CLOUDFLARE_ENDPOINTS)[number]['key'];

async function getResult<T extends z.ZodTypeAny>(
  ctx: AdapterContext,
  endpoint: Endpoint,
  path: string,
  schema: T,
  token?: string,
  query?: Record<string, string>,
): Promise<{ result: z.infer<T>; totalPages: number | null }> {
  const { data } = await ctx.http.send({
    endpoint,
    method: 'GET',
    path: `${V4}${path}`,
    ...(query === undefined ? {} : { query }),
    headers: await bearer(ctx, token),
    auth: 'credential',
    schema: envelope(schema),
  });
  const parsed = data as { result: z.infer<T>; result_info?: { total_pages?: number } | null };
  return { result: parsed.result, totalPages: parsed.result_info?.total_pages ?? null };
}

/** Every page of a v4 list: until `total_pages`, a short page, or an empty one [CALLS][SDK]. */
async function listAll<T extends z.ZodTypeAny>(
  ctx: AdapterContext,
  endpoint: Endpoint,
  path: string,
  schema: T,
  token?: string,
  extra: Record<string, string> = {},
): Promise<z.infer<T>[]> {
  const all: z.infer<T>[] = [];
  for (let page = 1; ; page++) {
    if (page > MAX_PAGES)
      throw new AppError(
        'response_too_large',
        `Cloudflare lists more than ${MAX_PAGES * PER_PAGE} items here; Tokenkeeper stopped reading.`,
      );
    const { result, totalPages } = await getResult(ctx, endpoint, path, z.array(schema), token, {
      ...extra,
      page: String(page),
      per_page: String(PER_PAGE),
    });
    all.push(...(result as z.infer<T>[]));
    const last = totalPages !== null ? page >= totalPages : (result as unknown[]).length < PER_PAGE;
    if (last || (result as unknown[]).length === 0) return all;
  }
}

async function verify(ctx: AdapterContext, token?: string) {
  const { result } = await getResult(ctx, 'user.tokens.verify', '/user/tokens/verify', VerifySchema, token);
  if (result.status !== 'active')
    throw new AppError(
      'unauthorized',
      `Cloudflare says this token is ${result.status}. Use an active token for this connection.`,
      { field: 'apiToken' },
    );
  return result;
}

async function accountsOf(ctx: AdapterContext, token?: string): Promise<RemoteAccount[]> {
  const accounts = await listAll(ctx, 'accounts.list', '/accounts', AccountSchema, token);
  return accounts.map((a) => ({ id: a.id, name: a.name, access: null }));
}

/** What the token is and reaches, in a line; 403 on its own record means no API Tokens Read. */
async function describe(
  ctx: AdapterContext,
  token: string,
): Promise<{ summary: string; accounts: RemoteAccount[] }> {
  const self = await verify(ctx, token);
  let record: CloudflareToken;
  try {
    ({ result: record } = await getResult(
      ctx,
      'user.tokens.get',
      `/user/tokens/${encodeURIComponent(self.id)}`,
      TokenSchema,
      token,
    ));
  } catch (error) {
    if (error instanceof HttpError && error.status === 403)
      throw new AppError(
        'forbidden',
        'Cloudflare accepts this token, but it cannot read API tokens. Give it API Tokens Read (to list) or API Tokens Write (to create, roll and delete), e.g. with the “Create Additional Tokens” template.',
        { field: 'apiToken' },
      );
    throw error;
  }
  const accounts = await accountsOf(ctx, token);
  return {
    summary: `Token “${record.name}”: ${plural(accounts.length, 'account')}`,
    accounts,
  };
}

/** Zone names for scope texts; a token that may not read zones gets their ids instead. */
async function zoneNames(ctx: AdapterContext, token: string): Promise<Map<string, string>> {
  try {
    const zones = await listAll(ctx, 'zones.list', '/zones', ZoneSchema, token);
    return new Map(zones.map((z) => [z.id, z.name]));
  } catch (error) {
    if (error instanceof HttpError && (error.status === 403 || error.status === 401)) return new Map();
    throw error;
  }
}

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

  async create(ctx, request) {
    const body = await createBody(request, async (name) => {
      const { result } = await getResult(
        ctx,
        'user.permission_groups',
        '/user/tokens/permission_groups',
        z.array(PermissionGroupSchema),
        undefined,
        { name },
      );
      return result;
    });
    try {
      const { data } = await ctx.http.send({
        endpoint: 'user.tokens.create',
        method: 'POST',
        path: `${V4}/user/tokens`,
        headers: await bearer(ctx),
        json: body,
        auth: 'credential',
        schema: envelope(TokenSchema.extend({ value: z.string().min(8) })),
      });
      const names: ResourceNames = {
        accounts: new Map(ctx.accounts.map((a) => [a.id, a.name])),
        zones: new Map(),
      };
      return mintedToken(toRemote(data.result, null, names, ctx.now()), data.result.value, ctx.now());
    } catch (error) {
      throw fieldOfRefusal(error);
    }
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
