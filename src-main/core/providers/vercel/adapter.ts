/**
 * Vercel: the user's own access tokens, called with one of them (`Authorization: Bearer`). Every
 * fact below is in shared/providers/vercel.md with its source; § numbers name its sections.
 *
 * Only a classic token with full account scope may create tokens (§1): a team- or
 * project-scoped token, or a `vercel login` session, connects read-only (it lists and revokes),
 * and the connection's account says why; a create is refused before any call. There is no
 * rotate endpoint: rotation is create, then delete once the user confirms. The list pages with
 * the CLI's `limit` and `until` (modeled: neither the docs nor the SDK define them, §7).
 */
import { createHash } from 'node:crypto';
import { AppError, invalidInput } from '../../errors';
import { HttpError } from '../../http/errors';
import { checkExpiry, mintedToken, refuseUnusedCreateOptions, tokenField } from '../common';
import type { AdapterContext, EndpointSpec, ProviderAdapter, RemoteToken } from '../types';
import { remoteKey } from '../types';
import type { RemoteAccount } from '../../../../src-preload/contract';
import { vercelDescriptor } from './descriptor';
import {
  CreatedSchema,
  DeletedSchema,
  ListSchema,
  OneSchema,
  UserSchema,
  createRefusal,
  toRemote,
  type AuthToken,
} from './wire';

const BRIEF = 'shared/providers/vercel.md';
const AUTH = 'Authorization: Bearer (access token)';

// ENDPOINTS (documented / modeled)
export const VERCEL_ENDPOINTS = [
  {
    key: 'user.get',
    method: 'GET',
    path: '/v2/user',
    basis: 'documented',
    source: `${BRIEF} §3 (SDK user.getAuthUser)`,
    auth: AUTH,
    purpose: 'Who the token belongs to (the connection’s identity).',
  },
  {
    key: 'tokens.current',
    method: 'GET',
    path: '/v5/user/tokens/current',
    basis: 'documented',
    source: `${BRIEF} §3 (“current” is the calling token) [SDK][VD-AUTH]`,
    auth: AUTH,
    purpose: 'The connection’s own token: its scope (can it create?) and its id in the list.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/v6/user/tokens?limit=100&until={pagination.next}',
    basis: 'modeled',
    source: `${BRIEF} §3, §7: the endpoint is documented; limit (1–100) and until are the official CLI’s, not in the docs or the SDK`,
    auth: AUTH,
    purpose: 'List the user’s tokens, page by page while pagination.next is set.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/v3/user/tokens?teamId={team} (or slug=)',
    basis: 'documented',
    source: `${BRIEF} §3 create body {name, expiresAt?}, optional teamId/slug query (§2); 200 with bearerToken once [SDK][VD-AUTH]`,
    auth: `${AUTH} with full account scope (§1)`,
    purpose: 'Create a token ({name, expiresAt?}); the secret once, as bearerToken.',
  },
  {
    key: 'tokens.delete',
    method: 'DELETE',
    path: '/v3/user/tokens/{tokenId}',
    basis: 'documented',
    source: `${BRIEF} §3 [SDK][VD-AUTH]`,
    auth: AUTH,
    purpose: 'Delete (revoke) a token; answers {tokenId}.',
  },
] as const satisfies readonly EndpointSpec[];

/** The connection's account `access`: what its token may do (§1). */
const ACCESS = { full: 'full account', limited: 'read-only' } as const;

/** A team's id (`team_…`) or slug, as the create's `teamId`/`slug` query takes it (§2). */
const TEAM_REF = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** The listed token that is the connection's own: the id `current` gave for this credential (memory only). */
const selfIds = new Map<string, string>();
const fingerprint = (credential: string) => createHash('sha256').update(credential).digest('hex');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function current(ctx: AdapterContext, credential: string): Promise<AuthToken> {
  const { data } = await ctx.http.send({
    endpoint: 'tokens.current',
    method: 'GET',
    path: '/v5/user/tokens/current',
    headers: bearer(credential),
    auth: 'credential',
    schema: OneSchema,
  });
  selfIds.set(fingerprint(credential), data.token.id);
  return data.token;
}

/** The account the token reaches, with its `access`, and the summary line saying what it may do. */
async function describe(
  ctx: AdapterContext,
  credential: string,
): Promise<{ account: RemoteAccount; identity: string; summary: string }> {
  const self = await current(ctx, credential);
  const { data } = await ctx.http.send({
    endpoint: 'user.get',
    method: 'GET',
    path: '/v2/user',
    headers: bearer(credential),
    auth: 'credential',
    schema: UserSchema,
  });
  const refusal = createRefusal(self);
  const account = {
    id: data.user.id,
    name: data.user.username,
    access: refusal === null ? ACCESS.full : ACCESS.limited,
  };
  const summary =
    refusal === null
      ? `Signed in as ${data.user.username} · full account: can list, create and revoke tokens`
      : `Signed in as ${data.user.username} · read-only: ${refusal} Connect a full-account token to create tokens.`;
  return { account, identity: data.user.email, summary };
}

async function listAll(ctx: AdapterContext, credential: string): Promise<AuthToken[]> {
  const out: AuthToken[] = [];
  let until: string | null = null;
  // A cursor that does not move back in time would loop: stop there (and at a sane page count).
  for (let page = 0; page < 1000; page++) {
    const query: Record<string, string> = { limit: '100', ...(until === null ? {} : { until }) };
    const { data } = await ctx.http.send({
      endpoint: 'tokens.list',
      method: 'GET',
      path: '/v6/user/tokens',
      query,
      headers: bearer(credential),
      auth: 'credential',
      schema: ListSchema,
    });
    out.push(...data.tokens);
    const next = data.pagination.next === null ? null : String(data.pagination.next);
    if (next === null || data.tokens.length === 0 || (until !== null && Number(next) >= Number(until))) break;
    until = next;
  }
  return out;
}

export const vercelAdapter: ProviderAdapter = {
  descriptor: vercelDescriptor,
  endpoints: VERCEL_ENDPOINTS,
  // Vercel counts per endpoint and publishes no numbers for these (§5): no limiter of our own;
  // a 429 is waited out as the HTTP layer does.
  rateLimit: null,

  async connect(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'access token', true) ?? '';
    const { account, identity, summary } = await describe(ctx, token);
    return { accounts: [account], identity, summary, credential: token, passwordSession: null };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'apiToken', 'access token', true) ?? '';
    const { account, summary } = await describe(ctx, token);
    return { credential: token, accounts: [account], summary };
  },

  async test(ctx) {
    const self = await current(ctx, await ctx.credential());
    const refusal = createRefusal(self);
    return refusal === null
      ? 'Vercel accepted the token (full account).'
      : `Vercel accepted the token (read-only). ${refusal}`;
  },

  async list(ctx) {
    const credential = await ctx.credential();
    await current(ctx, credential);
    // Revoked tokens no longer authenticate (§4 revokedAt): they are treated as gone.
    return (await listAll(ctx, credential)).filter((t) => t.revokedAt === undefined).map(toRemote);
  },

  checkCreate(input, connection, _live, now) {
    refuseUnusedCreateOptions(input, vercelDescriptor);
    if (connection.accounts.some((a) => a.access === ACCESS.limited))
      throw new AppError(
        'forbidden',
        'This connection is read-only: its token is scoped to a team or a project, or is a sign-in session, and Vercel lets only a full-account token create tokens. Re-enter a full-account token for this connection to create tokens.',
      );
    const expiresAt = checkExpiry(input, vercelDescriptor, now);
    const team = input.resource?.name?.trim() ?? '';
    if (team !== '' && !TEAM_REF.test(team))
      throw invalidInput(
        'Enter the team’s ID (team_…) or its slug (letters, digits and dashes).',
        'resource',
      );
    return {
      accountId: null,
      name: input.name.trim(),
      expiresAt,
      organizations: [],
      permissionGroup: null,
      ...(team === '' ? {} : { resourceName: team }),
    };
  },

  async create(ctx, request) {
    const team = request.resourceName;
    const query: Record<string, string> | undefined =
      team === undefined ? undefined : team.startsWith('team_') ? { teamId: team } : { slug: team };
    const send = async () =>
      ctx.http.send({
        endpoint: 'tokens.create',
        method: 'POST',
        path: '/v3/user/tokens',
        ...(query === undefined ? {} : { query }),
        headers: bearer(await ctx.credential()),
        json: { name: request.name, ...(request.expiresAt === null ? {} : { expiresAt: request.expiresAt }) },
        auth: 'credential',
        schema: CreatedSchema,
      });
    const { data } = await send().catch((error: unknown) => {
      // A team Vercel does not know (404, nothing made): said next to the team field.
      if (team !== undefined && error instanceof HttpError && error.code === 'not_found')
        throw invalidInput(`Vercel knows no team “${team}” that this token may act for.`, 'resource');
      throw error;
    });
    return mintedToken(toRemote(data.token), data.bearerToken, ctx.now());
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: 'tokens.delete',
      method: 'DELETE',
      path: `/v3/user/tokens/${encodeURIComponent(token.remoteId ?? '')}`,
      headers: bearer(await ctx.credential()),
      auth: 'credential',
      schema: DeletedSchema,
    });
  },

  identifyCredential(tokens: RemoteToken[], credential: string) {
    const id = selfIds.get(fingerprint(credential));
    const own = id === undefined ? undefined : tokens.find((t) => t.remoteId === id);
    return own === undefined ? null : remoteKey(own);
  },
};
