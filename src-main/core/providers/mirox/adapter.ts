/**
 * Mirox: tokens are managed only from a signed-in web session (a token cannot mint or rotate
 * tokens). The app signs in through the shell's sign-in window, which has its own persistent
 * partition, and sends the session cookie with the management calls. The documented facts (three
 * permission groups; expiry default one year, at most five; at most 64 tokens; rotate keeps name,
 * group and place, issues a new secret, resets the expiry window, clears usage history and kills
 * the old secret at once; revoke is immediate) are public; the endpoints are not, so every
 * management endpoint below is modeled on them.
 */
import { z } from 'zod';
import { AppError, invalidInput } from '../../errors';
import { EMPTY_SCOPE, type TokenRecord } from '../../db/repositories/tokens';
import {
  checkExpiry,
  isoTime,
  limitReached,
  mintedToken,
  parseTime,
  plural,
  refuseUnusedCreateOptions,
  userTokenFields,
} from '../common';
import { miroxDescriptor } from './descriptor';
import { MIROX_SESSION_COOKIE, MIROX_SIGN_IN_PATH, MIROX_XSRF_COOKIE } from './sign-in';
import type { AdapterContext, EndpointSpec, ProviderAdapter, RemoteToken } from '../types';

const DOCS = 'shared/providers/mirox-api-tokens.txt (Mirox docs, "API Tokens")';
const MODELED = `modeled on the features in ${DOCS}; the live reference is the service's OpenAPI at /docs`;

/**
 * Modeled: the anti-forgery check browser-session APIs make. The sign-in also sets the
 * script-readable MIROX_XSRF_COOKIE, and every state-changing call must echo its value in
 * XSRF_HEADER (double submit), so a page on another site cannot use the session.
 */
const XSRF_HEADER = 'X-XSRF-TOKEN';
const CHANGES = `session cookie + ${XSRF_HEADER} (modeled anti-forgery header, echoing the ${MIROX_XSRF_COOKIE} cookie)`;

// ENDPOINTS (documented / modeled)
export const MIROX_ENDPOINTS = [
  {
    key: 'web.login',
    method: 'GET',
    path: MIROX_SIGN_IN_PATH,
    basis: 'modeled',
    source: `${DOCS}: "Log in to your Mirox account" (page path and the ${MIROX_SESSION_COOKIE} cookie modeled)`,
    auth: 'the user, in the sign-in window',
    purpose: 'Sign in; the session cookie stays in the window’s own partition.',
  },
  {
    key: 'session.me',
    method: 'GET',
    path: '/api/v1/me',
    basis: 'modeled',
    source: MODELED,
    auth: 'session cookie',
    purpose: 'Check the session; who is signed in.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/v1/profile/api-tokens',
    basis: 'modeled',
    source: MODELED,
    auth: 'session cookie',
    purpose: 'List tokens with permission group, expiry, last use and usage history.',
  },
  {
    key: 'tokens.create',
    method: 'POST',
    path: '/api/v1/profile/api-tokens',
    basis: 'modeled',
    source: MODELED,
    auth: CHANGES,
    purpose: 'Create ({name, permissionGroup, expiresAt?}); the secret once.',
  },
  {
    key: 'tokens.rotate',
    method: 'POST',
    path: '/api/v1/profile/api-tokens/{id}/rotate',
    basis: 'modeled',
    source: MODELED,
    auth: CHANGES,
    purpose: 'New secret for the same token; expiry window reset; usage cleared; old secret dead at once.',
  },
  {
    key: 'tokens.revoke',
    method: 'DELETE',
    path: '/api/v1/profile/api-tokens/{id}',
    basis: 'modeled',
    source: MODELED,
    auth: CHANGES,
    purpose: 'Revoke at once (204).',
  },
] as const satisfies readonly EndpointSpec[];

/** Documented names ↔ modeled wire values. */
export const MIROX_GROUPS: Record<string, string> = {
  'Full Access': 'full_access',
  Reporting: 'reporting',
  'Timeseries Database': 'timeseries_database',
};
const GROUP_NAMES = new Map(Object.entries(MIROX_GROUPS).map(([name, wire]) => [wire, name]));

const UsageSchema = z.object({
  at: z.string(),
  ip: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  browser: z.string().nullable().optional(),
  os: z.string().nullable().optional(),
});
const TokenSchema = z.object({
  id: z.union([z.string().min(1), z.number().int()]),
  name: z.string(),
  permissionGroup: z.string(),
  createdAt: z.string().nullable().optional(),
  expiresAt: z.string().nullable().optional(),
  lastUsedAt: z.string().nullable().optional(),
  rotatedAt: z.string().nullable().optional(),
  usage: z.array(UsageSchema).optional(),
});
const ListSchema = z.object({ tokens: z.array(TokenSchema), maxTokens: z.number().int().optional() });
const MintedSchema = z.object({ token: TokenSchema, secret: z.string().min(8) });
const MeSchema = z.object({ email: z.string(), name: z.string().nullable().optional() });

function toRemote(t: z.infer<typeof TokenSchema>): RemoteToken {
  const group = GROUP_NAMES.get(t.permissionGroup) ?? t.permissionGroup;
  return {
    ...userTokenFields(t),
    scopeKind: 'permission_group',
    scopeSummary: group,
    scope: { ...EMPTY_SCOPE, permissionGroup: group },
    broadScope: t.permissionGroup === 'full_access',
    legacy: false,
    usage: (t.usage ?? [])
      .map((u) => ({
        at: parseTime(u.at) ?? 0,
        ip: u.ip ?? null,
        location: u.location ?? null,
        browser: u.browser ?? null,
        os: u.os ?? null,
      }))
      .filter((u) => u.at > 0)
      .slice(0, 200),
    rotatedAt: parseTime(t.rotatedAt),
    successorRemoteId: null,
  };
}

/** The session's headers plus the anti-forgery header a state-changing call needs. */
function changing(headers: Record<string, string>): Record<string, string> {
  const cookies = headers.Cookie ?? headers.cookie ?? '';
  const pair = cookies
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${MIROX_XSRF_COOKIE}=`));
  const value = pair?.slice(MIROX_XSRF_COOKIE.length + 1) ?? '';
  if (value === '') {
    throw new AppError(
      'needs_sign_in',
      'Sign in to Mirox again: the session has no anti-forgery token, which Mirox requires before it changes tokens.',
    );
  }
  return { ...headers, [XSRF_HEADER]: value };
}

const tokensPath = (id?: string) =>
  `/api/v1/profile/api-tokens${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

async function whoAmI(ctx: AdapterContext, headers: Record<string, string>): Promise<string> {
  const { data } = await ctx.http.send({
    endpoint: 'session.me',
    method: 'GET',
    path: '/api/v1/me',
    headers,
    auth: 'session',
    schema: MeSchema,
  });
  return data.email;
}

async function listTokens(ctx: AdapterContext) {
  const { data } = await ctx.http.send({
    endpoint: 'tokens.list',
    method: 'GET',
    path: tokensPath(),
    headers: await ctx.session(),
    auth: 'session',
    schema: ListSchema,
  });
  return data.tokens;
}

export const miroxAdapter: ProviderAdapter = {
  descriptor: miroxDescriptor,
  endpoints: MIROX_ENDPOINTS,
  rateLimit: null,

  async connect(ctx) {
    const headers = await ctx.webSignIn();
    const identity = await whoAmI(ctx, headers);
    return {
      accounts: [],
      identity,
      summary: `Signed in as ${identity}`,
      credential: null,
      passwordSession: null,
    };
  },

  async checkCredential() {
    throw invalidInput(
      'Mirox has no stored credential: Tokenkeeper uses a signed-in web session. Use “Sign in” instead.',
    );
  },

  async signIn(ctx) {
    const headers = await ctx.webSignIn();
    return { identity: await whoAmI(ctx, headers), passwordSession: null };
  },

  async test(ctx) {
    const identity = await whoAmI(ctx, await ctx.session());
    const tokens = await listTokens(ctx);
    return `Signed in to Mirox as ${identity}; ${plural(tokens.length, 'token')} of at most ${miroxDescriptor.capabilities.maxTokens ?? 64}.`;
  },

  async list(ctx) {
    return (await listTokens(ctx)).map(toRemote);
  },

  checkCreate(input, _connection, live, now) {
    refuseUnusedCreateOptions(input, miroxDescriptor);
    const max = miroxDescriptor.capabilities.maxTokens ?? 64;
    const held = live.filter(
      (t: TokenRecord) => t.origin === 'synced' && (t.state === 'active' || t.state === 'grace'),
    ).length;
    if (held >= max) throw limitReached(miroxDescriptor, max);
    const group =
      input.permissionGroup === undefined
        ? undefined
        : (MIROX_GROUPS[input.permissionGroup] ??
          (GROUP_NAMES.has(input.permissionGroup) ? input.permissionGroup : undefined));
    if (group === undefined) {
      throw invalidInput(
        'Choose a permission group: Full Access, Reporting or Timeseries Database. Pick the narrowest that covers the integration.',
        'permissionGroup',
      );
    }
    const expiresAt = checkExpiry(input, miroxDescriptor, now);
    return { accountId: null, name: input.name.trim(), expiresAt, organizations: [], permissionGroup: group };
  },

  async create(ctx, request) {
    const { data } = await ctx.http.send({
      endpoint: 'tokens.create',
      method: 'POST',
      path: tokensPath(),
      headers: changing(await ctx.session()),
      json: {
        name: request.name,
        permissionGroup: request.permissionGroup,
        ...(request.expiresAt === null ? {} : { expiresAt: isoTime(request.expiresAt) }),
      },
      auth: 'session',
      schema: MintedSchema,
    });
    return mintedToken(toRemote(data.token), data.secret, ctx.now());
  },

  async rotate(ctx, token) {
    const { data } = await ctx.http.send({
      endpoint: 'tokens.rotate',
      method: 'POST',
      path: `${tokensPath(token.remoteId ?? '')}/rotate`,
      headers: changing(await ctx.session()),
      auth: 'session',
      schema: MintedSchema,
    });
    return {
      token: { ...toRemote(data.token), last4: data.secret.slice(-4) },
      secret: data.secret,
      previousGraceEndsAt: null,
    };
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: 'tokens.revoke',
      method: 'DELETE',
      path: tokensPath(token.remoteId ?? ''),
      headers: changing(await ctx.session()),
      auth: 'session',
      schema: null,
    });
  },
};
