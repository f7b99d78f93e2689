/**
 * GitLab: personal access tokens, on GitLab.com or a self-managed instance (the connection's
 * address), called with a personal access token (`PRIVATE-TOKEN` header). Every fact below is in
 * shared/providers/gitlab.md with its source; the tags in the table name them.
 *
 * Rotation revokes the old token and issues its successor at once (no grace period), and
 * rotating an already-revoked token with that token revokes its whole family. So: a rotation is
 * sent once and never retried; an unclear one is reconciled by listing; the connection's own
 * token is rotated through `self/rotate` only after `GET …/self` shows it is still live and still
 * the one the row names.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, invalidInput } from '../../errors';
import type { TokenRecord } from '../../db/repositories/tokens';
import { DAY_MS } from '../../tokens/status';
import { checkExpiry, mintedToken, refuseUnusedCreateOptions, tokenField } from '../common';
import { GITLAB_MAX_LIFETIME_DAYS, GITLAB_SCOPES, gitlabDescriptor } from './descriptor';
import type { AdapterContext, EndpointSpec, ProviderAdapter } from '../types';
import { remoteKey } from '../types';
import {
  MintedSchema,
  TokenSchema,
  UserSchema,
  dateForExpiry,
  nextPage,
  toRemote,
  type GitLabToken,
  type GitLabUser,
} from './wire';

const BRIEF = 'shared/providers/gitlab.md';
const PAT = `${BRIEF} §3a [PAT] (doc/api/personal_access_tokens.md)`;
const UT = `${BRIEF} §3a [UT] (doc/api/user_tokens.md)`;
const AUTH = 'PRIVATE-TOKEN (personal access token)';

// ENDPOINTS (documented / modeled)
export const GITLAB_ENDPOINTS = [
  {
    key: 'user.get',
    method: 'GET',
    path: '/api/v4/user',
    basis: 'documented',
    source:
      'GitLab REST docs, doc/api/users.md ("current user"), outside the brief; `is_admin` is read only when present',
    auth: AUTH,
    purpose: 'Check the token; who it belongs to (username) and whether that user is an administrator.',
  },
  {
    key: 'tokens.self',
    method: 'GET',
    path: '/api/v4/personal_access_tokens/self',
    basis: 'documented',
    source: PAT,
    auth: AUTH,
    purpose:
      'The connection’s own token (its id marks it in the list); checked live before it rotates itself.',
  },
  {
    key: 'tokens.list',
    method: 'GET',
    path: '/api/v4/personal_access_tokens?user_id={id}&revoked=false&per_page=100&page={n}',
    basis: 'documented',
    source: `${PAT}; pagination ${BRIEF} §3e [REST]`,
    auth: AUTH,
    purpose:
      'List the user’s tokens that are not revoked (expired ones stay listed), following X-Next-Page or Link rel="next".',
  },
  {
    key: 'tokens.create.admin',
    method: 'POST',
    path: '/api/v4/users/{user_id}/personal_access_tokens',
    basis: 'documented',
    source: UT,
    auth: `${AUTH} of an administrator; self-managed only`,
    purpose: 'Create a token for the connection’s own user ({name, scopes, expires_at}); `token` once (201).',
  },
  {
    key: 'tokens.create.self',
    method: 'POST',
    path: '/api/v4/user/personal_access_tokens',
    basis: 'documented',
    source: UT,
    auth: `${AUTH}; self-managed only`,
    purpose:
      'Create a token for yourself, limited to the k8s_proxy and self_rotate scopes; `token` once (201).',
  },
  {
    key: 'tokens.rotate',
    method: 'POST',
    path: '/api/v4/personal_access_tokens/{id}/rotate',
    basis: 'documented',
    source: `${PAT}; one transaction, no grace [ROT]`,
    auth: `${AUTH} with api`,
    purpose:
      'Rotate another token ({expires_at}): the old one is revoked at once, the successor (new id) carries `token` once (200).',
  },
  {
    key: 'tokens.rotate.self',
    method: 'POST',
    path: '/api/v4/personal_access_tokens/self/rotate',
    basis: 'documented',
    source: `${PAT}; family rule [FAM]`,
    auth: `${AUTH} with api or self_rotate (the token rotated)`,
    purpose: 'Rotate the connection’s own token; the stored credential moves to the new secret.',
  },
  {
    key: 'tokens.revoke',
    method: 'DELETE',
    path: '/api/v4/personal_access_tokens/{id}',
    basis: 'documented',
    source: PAT,
    auth: AUTH,
    purpose: 'Revoke a token (204).',
  },
] as const satisfies readonly EndpointSpec[];

/** At most this many pages of 100 (GitLab stops counting past 10,000 records; this reads 20,000). */
const MAX_PAGES = 200;
/** Scopes a non-administrator may give a token created through the API [UT]. */
const SELF_CREATE_SCOPES = new Set(['k8s_proxy', 'self_rotate']);

const headers = async (ctx: AdapterContext, override?: string) => ({
  'PRIVATE-TOKEN': override ?? (await ctx.credential()),
});

/**
 * Which listed token is the connection's own, learned from `GET …/self` during the list that
 * precedes `identifyCredential` (sync). Keyed by a hash of the credential, held in memory only.
 */
const selfIds = new Map<string, string>();
const fingerprint = (credential: string) => createHash('sha256').update(credential).digest('hex');

async function getUser(ctx: AdapterContext, token?: string): Promise<GitLabUser> {
  const { data } = await ctx.http.send({
    endpoint: 'user.get',
    method: 'GET',
    path: '/api/v4/user',
    headers: await headers(ctx, token),
    auth: 'credential',
    schema: UserSchema,
  });
  return data;
}

async function getSelf(ctx: AdapterContext, token?: string): Promise<GitLabToken> {
  const { data } = await ctx.http.send({
    endpoint: 'tokens.self',
    method: 'GET',
    path: '/api/v4/personal_access_tokens/self',
    headers: await headers(ctx, token),
    auth: 'credential',
    schema: TokenSchema,
  });
  return data;
}

/** GitLab.com creates a human user's personal access tokens only in its web page [UT]. */
function isGitLabDotCom(baseUrl: string | null): boolean {
  if (baseUrl === null) return true;
  try {
    return new URL(baseUrl).hostname.toLowerCase() === 'gitlab.com';
  } catch {
    return false;
  }
}

/** What the connection can do with this token, in a line: its scopes decide. */
function describeCredential(user: GitLabUser, self: GitLabToken): string {
  const scopes = self.scopes.join(', ');
  const reach = self.scopes.includes('api') ? '' : ' (without api it can list tokens but not rotate others)';
  return `${user.username}${user.is_admin === true ? ' (administrator)' : ''}: token “${self.name}”, scopes ${scopes}${reach}`;
}

/**
 * The expiry a rotation asks for: as long as the old token was valid (at most 365 days). Without
 * one, GitLab gives the successor one week when expiry is enforced [ROT], which would surprise.
 */
function rotationExpiry(token: TokenRecord, now: number): string | undefined {
  if (token.expiresAt === null || token.createdAt === null) return undefined;
  const span = Math.min(
    Math.max(token.expiresAt - token.createdAt, DAY_MS),
    GITLAB_MAX_LIFETIME_DAYS * DAY_MS,
  );
  return dateForExpiry(now + span);
}

export const gitlabAdapter: ProviderAdapter = {
  descriptor: gitlabDescriptor,
  endpoints: GITLAB_ENDPOINTS,
  // GitLab.com: 2,000 authenticated API requests per user per minute [COM]. Self-managed is
  // unlimited by default [RL]; the same figure keeps Tokenkeeper polite there too.
  rateLimit: { limit: 2000, windowMs: 60_000 },

  async connect(ctx, fields) {
    const token = tokenField(fields, 'accessToken', 'personal access token', true) ?? '';
    const user = await getUser(ctx, token);
    const self = await getSelf(ctx, token);
    return {
      accounts: [],
      identity: user.username,
      summary: describeCredential(user, self),
      credential: token,
      passwordSession: null,
    };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'accessToken', 'personal access token', true) ?? '';
    const user = await getUser(ctx, token);
    const self = await getSelf(ctx, token);
    return { credential: token, accounts: null, summary: describeCredential(user, self) };
  },

  async test(ctx) {
    const self = await getSelf(ctx);
    return `GitLab accepted the token “${self.name}” (scopes ${self.scopes.join(', ')}).`;
  },

  async list(ctx) {
    const credential = await ctx.credential();
    const self = await getSelf(ctx, credential);
    selfIds.set(fingerprint(credential), String(self.id));
    const all: GitLabToken[] = [];
    let page: string | null = '1';
    for (let n = 0; page !== null; n++) {
      if (n === MAX_PAGES)
        throw new AppError(
          'response_too_large',
          `GitLab lists more than ${MAX_PAGES * 100} tokens for this user; Tokenkeeper stopped reading.`,
        );
      const response: { data: GitLabToken[]; headers: Record<string, string | string[] | undefined> } =
        await ctx.http.send({
          endpoint: 'tokens.list',
          method: 'GET',
          path: '/api/v4/personal_access_tokens',
          query: { user_id: String(self.user_id), revoked: 'false', per_page: '100', page },
          headers: { 'PRIVATE-TOKEN': credential },
          auth: 'credential',
          schema: z.array(TokenSchema),
        });
      all.push(...response.data);
      page = response.data.length === 0 ? null : nextPage(response.headers);
    }
    // A token revoked between two pages may still show; the filter keeps the list to live ones.
    return all.filter((t) => !t.revoked).map(toRemote);
  },

  checkCreate(input, connection, _live, now) {
    refuseUnusedCreateOptions(input, gitlabDescriptor);
    if (isGitLabDotCom(connection.baseUrl)) {
      throw invalidInput(
        'GitLab.com creates personal access tokens only in its web page (User settings → Access tokens). Create it there; Tokenkeeper lists it at the next sync.',
        'name',
      );
    }
    const scope = input.permissionGroup ?? '';
    if (!(GITLAB_SCOPES as readonly string[]).includes(scope))
      throw invalidInput(`Pick the token’s scope: one of ${GITLAB_SCOPES.join(', ')}.`, 'permissionGroup');
    const name = input.name.trim();
    // GitLab counts the limit in days on the calendar date (today + 365), not in calendar years;
    // without a date it gives the maximum, which is what Tokenkeeper asks for then too.
    const latest = dateForExpiry(now + GITLAB_MAX_LIFETIME_DAYS * DAY_MS);
    const expiresAt =
      input.expiresAt === undefined
        ? Date.parse(`${latest}T00:00:00.000Z`)
        : checkExpiry(input, gitlabDescriptor, now);
    if (expiresAt !== null && dateForExpiry(expiresAt) > latest)
      throw invalidInput(
        `GitLab tokens can be valid for at most ${GITLAB_MAX_LIFETIME_DAYS} days: pick ${latest} or earlier.`,
        'expiresAt',
      );
    return { accountId: null, name, expiresAt, organizations: [], permissionGroup: scope };
  },

  async create(ctx, request) {
    const scope = request.permissionGroup ?? '';
    const user = await getUser(ctx);
    const admin = user.is_admin === true;
    if (!admin && !SELF_CREATE_SCOPES.has(scope)) {
      throw invalidInput(
        `Through its API, GitLab lets ${user.username} create tokens only with the k8s_proxy or self_rotate scope; a token with ${scope} needs an administrator’s token, or GitLab’s web page.`,
        'permissionGroup',
      );
    }
    const { data } = await ctx.http.send({
      endpoint: admin ? 'tokens.create.admin' : 'tokens.create.self',
      method: 'POST',
      path: admin ? `/api/v4/users/${user.id}/personal_access_tokens` : '/api/v4/user/personal_access_tokens',
      headers: await headers(ctx),
      json: {
        name: request.name,
        scopes: [scope],
        ...(request.expiresAt === null ? {} : { expires_at: dateForExpiry(request.expiresAt) }),
      },
      auth: 'credential',
      schema: MintedSchema,
    });
    return mintedToken(toRemote(data), data.token, ctx.now());
  },

  async rotate(ctx, old) {
    const id = old.remoteId ?? '';
    const credential = await ctx.credential();
    let path = `/api/v4/personal_access_tokens/${encodeURIComponent(id)}/rotate`;
    let endpoint: 'tokens.rotate' | 'tokens.rotate.self' = 'tokens.rotate';
    if (old.isConnectionCredential) {
      // A revoked token hitting a rotate path revokes its whole family [FAM]: check it first.
      const self = await getSelf(ctx, credential);
      if (String(self.id) !== id || self.revoked || !self.active) {
        throw new AppError(
          'conflict',
          `The token Tokenkeeper uses for this connection is no longer “${old.name}” as GitLab lists it (it may have been rotated elsewhere). Sync, then try again; Tokenkeeper did not rotate anything.`,
        );
      }
      path = '/api/v4/personal_access_tokens/self/rotate';
      endpoint = 'tokens.rotate.self';
    }
    const expires = rotationExpiry(old, ctx.now());
    const { data } = await ctx.http.send({
      endpoint,
      method: 'POST',
      path,
      headers: { 'PRIVATE-TOKEN': credential },
      json: expires === undefined ? {} : { expires_at: expires },
      auth: 'credential',
      schema: MintedSchema,
    });
    if (old.isConnectionCredential) selfIds.set(fingerprint(data.token), String(data.id));
    const minted = mintedToken(toRemote(data), data.token, ctx.now());
    return { ...minted, previousGraceEndsAt: null };
  },

  async revoke(ctx, token) {
    await ctx.http.send({
      endpoint: 'tokens.revoke',
      method: 'DELETE',
      path: `/api/v4/personal_access_tokens/${encodeURIComponent(token.remoteId ?? '')}`,
      headers: await headers(ctx),
      auth: 'credential',
      schema: null,
    });
  },

  /** The listed token whose id `GET /personal_access_tokens/self` gave for this credential. */
  identifyCredential(tokens, credential) {
    const id = selfIds.get(fingerprint(credential));
    const match = id === undefined ? undefined : tokens.find((t) => t.remoteId === id);
    return match === undefined ? null : remoteKey(match);
  },
};
