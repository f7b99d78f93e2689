/**
 * GitLab: personal access tokens, and the access tokens of the projects and groups chosen at
 * connection time (places.ts, resource-tokens.ts), on GitLab.com or a self-managed instance (the
 * connection's address), called with a personal access token (`PRIVATE-TOKEN` header). Every
 * fact below is in shared/providers/gitlab.md with its source; the endpoint table (endpoints.ts)
 * names them.
 *
 * Rotation revokes the old token and issues its successor at once (no grace period), and
 * rotating an already-revoked token with that token revokes its whole family. So: a rotation is
 * sent once and never retried; an unclear one is reconciled by listing; the connection's own
 * token is rotated through `self/rotate` only after `GET …/self` shows it is still live and still
 * the one the row names.
 */
import { createHash } from 'node:crypto';
import { AppError, invalidInput } from '../../errors';
import type { TokenRecord } from '../../db/repositories/tokens';
import { DAY_MS } from '../../tokens/status';
import { checkExpiry, mintedToken, refuseUnusedCreateOptions, tokenField } from '../common';
import { GITLAB_MAX_LIFETIME_DAYS, GITLAB_SCOPES, gitlabDescriptor, gitlabRotation } from './descriptor';
import type { AdapterContext, CreateRequest, ProviderAdapter, RotateOptions } from '../types';
import { remoteKey } from '../types';
import { GITLAB_ENDPOINTS } from './endpoints';
import { readPages } from './pages';
import { chosenPlaces, enumeratePlaces, listsPersonal, placeOf } from './places';
import {
  createServiceAccountToken,
  listServiceAccountTokens,
  revokeServiceAccountToken,
  rotateServiceAccountToken,
  serviceAccountOf,
} from './service-accounts';
import {
  ROLE_LEVELS,
  createPlaceToken,
  listPlaceTokens,
  revokePlaceToken,
  rotatePlaceToken,
} from './resource-tokens';
import {
  MintedSchema,
  TokenSchema,
  UserSchema,
  dateForExpiry,
  toRemote,
  type GitLabToken,
  type GitLabUser,
} from './wire';

// ENDPOINTS (documented / modeled): the table is endpoints.ts (GITLAB_ENDPOINTS).

/** Scopes a non-administrator may give a personal token created through the API [UT]. */
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
  const reach = self.scopes.includes('api')
    ? ''
    : ' (read-only: without api it can list tokens, but not create, rotate or revoke them)';
  return `${user.username}${user.is_admin === true ? ' (administrator)' : ''}: token “${self.name}”, scopes ${scopes}${reach}`;
}

/**
 * The expiry a rotation asks for, always sent: the date chosen in the rotate dialog, which starts
 * at GitLab's own default, one week (gitlabRotation.successorExpiry; the dialog sends nothing when
 * it was left as proposed). GitLab would apply that week silently if no date were sent [ROT].
 */
function rotationExpiry(token: TokenRecord, options: RotateOptions, now: number): string | undefined {
  const chosen =
    options.expiresAt === undefined
      ? (gitlabRotation.successorExpiry?.(token, now) ?? null)
      : options.expiresAt;
  return chosen === null ? undefined : dateForExpiry(chosen);
}

/** A create request as this adapter sends it: the place, several scopes, the role, a description. */
interface GitLabCreate extends CreateRequest {
  scopes: string[];
  level: number;
  description: string | null;
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
    const accounts = await enumeratePlaces(ctx, token, user.username);
    const serviceAccounts = accounts.filter((a) => serviceAccountOf(a.id) !== null).length;
    const places = accounts.length - 1 - serviceAccounts;
    const reach = [
      places === 1 ? '1 project or group' : `${places} projects and groups`,
      ...(serviceAccounts === 0
        ? []
        : [serviceAccounts === 1 ? '1 service account' : `${serviceAccounts} service accounts`]),
    ].join(' and ');
    return {
      accounts,
      identity: user.username,
      summary: `${describeCredential(user, self)}; ${reach} to manage`,
      credential: token,
      passwordSession: null,
    };
  },

  async checkCredential(ctx, fields) {
    const token = tokenField(fields, 'accessToken', 'personal access token', true) ?? '';
    const user = await getUser(ctx, token);
    const self = await getSelf(ctx, token);
    // The chosen projects and groups stay as they were (null: unchanged).
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
    const listed = [];
    if (listsPersonal(ctx.accounts)) {
      const all: GitLabToken[] = await readPages(ctx, {
        endpoint: 'tokens.list',
        path: '/api/v4/personal_access_tokens',
        query: { user_id: String(self.user_id), revoked: 'false' },
        schema: TokenSchema,
        credential,
        what: 'tokens for this user',
      });
      // A token revoked between two pages may still show; the filter keeps the list to live ones.
      listed.push(...all.filter((t) => !t.revoked).map((t) => toRemote(t)));
    }
    for (const place of chosenPlaces(ctx.accounts))
      listed.push(...(await listPlaceTokens(ctx, credential, place)));
    for (const account of ctx.accounts) {
      const serviceAccount = serviceAccountOf(account.id);
      if (serviceAccount !== null)
        listed.push(...(await listServiceAccountTokens(ctx, credential, serviceAccount, account.name)));
    }
    return listed;
  },

  checkCreate(input, connection, _live, now): GitLabCreate {
    refuseUnusedCreateOptions(input, gitlabDescriptor);
    const place = placeOf(input.accountId);
    const account =
      place.kind === 'personal' ? null : connection.accounts.find((a) => a.id === input.accountId);
    if (account === undefined)
      throw invalidInput('Pick one of the projects or groups this connection lists.', 'accountId');
    if (place.kind === 'personal' && isGitLabDotCom(connection.baseUrl)) {
      throw invalidInput(
        'GitLab.com creates personal access tokens only in its web page (User settings → Access tokens). Create it there; Tokenkeeper lists it at the next sync. Project and group tokens can be created here.',
        'name',
      );
    }
    const scopes = [
      ...new Set(
        input.permissionGroups ?? (input.permissionGroup === undefined ? [] : [input.permissionGroup]),
      ),
    ];
    const unknown = scopes.find((scope) => !(GITLAB_SCOPES as readonly string[]).includes(scope));
    if (scopes.length === 0 || unknown !== undefined)
      throw invalidInput(
        `Pick the token’s scopes from ${GITLAB_SCOPES.join(', ')}${unknown === undefined ? '' : ` (${unknown} is not one)`}.`,
        'permissionGroup',
      );
    // A service account's token is a personal access token: no role, any personal scope [SA].
    const hasRole = account !== null && place.kind !== 'serviceaccount';
    // A bot's token cannot read a user's profile [UPRJ]: project and group tokens leave read_user out.
    if (hasRole && scopes.includes('read_user'))
      throw invalidInput('Project and group tokens cannot have the read_user scope.', 'permissionGroup');
    // The role: only project and group tokens have one, at most the caller's own there [PRJ].
    let level = 0;
    if (hasRole && account !== null) {
      const picked = input.permissions?.find((p) => p.resourceId === input.accountId)?.level ?? 'developer';
      level = ROLE_LEVELS[picked] ?? 0;
      if (level === 0) throw invalidInput('Choose the token’s role.', 'permissions');
      if (level > (ROLE_LEVELS[account.access ?? ''] ?? 0))
        throw invalidInput(
          `You are ${account.access ?? 'not a member'} in ${account.name}; a token there cannot have a higher role than yours.`,
          'permissions',
        );
    }
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
    return {
      accountId: place.kind === 'personal' ? null : (input.accountId ?? null),
      name,
      expiresAt,
      organizations: [],
      permissionGroup: scopes.join(', '),
      scopes,
      level,
      description: null,
    };
  },

  async create(ctx, plain) {
    const request = plain as GitLabCreate;
    const place = placeOf(request.accountId);
    if (place.kind === 'serviceaccount') {
      const name = ctx.accounts.find((a) => a.id === request.accountId)?.name ?? request.accountId ?? '';
      return createServiceAccountToken(ctx, place, name, request);
    }
    if (place.kind !== 'personal') {
      const name = ctx.accounts.find((a) => a.id === request.accountId)?.name ?? request.accountId ?? '';
      return createPlaceToken(ctx, { ...place, name }, request);
    }
    const scopes = request.scopes;
    const user = await getUser(ctx);
    const admin = user.is_admin === true;
    const wide = scopes.filter((s) => !SELF_CREATE_SCOPES.has(s));
    if (!admin && wide.length > 0) {
      throw invalidInput(
        `Through its API, GitLab lets ${user.username} create personal tokens only with the k8s_proxy or self_rotate scope; a token with ${wide.join(', ')} needs an administrator’s token, or GitLab’s web page.`,
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
        scopes,
        ...(request.description === null ? {} : { description: request.description }),
        ...(request.expiresAt === null ? {} : { expires_at: dateForExpiry(request.expiresAt) }),
      },
      auth: 'credential',
      schema: MintedSchema,
    });
    return mintedToken(toRemote(data), data.token, ctx.now());
  },

  async rotate(ctx, old, options) {
    const expires = rotationExpiry(old, options, ctx.now());
    const place = placeOf(old.accountId);
    if (place.kind === 'serviceaccount') {
      const minted = await rotateServiceAccountToken(ctx, place, old, expires);
      return { ...minted, previousGraceEndsAt: null };
    }
    if (place.kind !== 'personal') {
      const minted = await rotatePlaceToken(ctx, place.kind, place.id, old, expires);
      return { ...minted, previousGraceEndsAt: null };
    }
    const id = old.remoteId ?? '';
    const credential = await ctx.credential();
    let path = `/api/v4/personal_access_tokens/${encodeURIComponent(id)}/rotate`;
    let endpoint: 'tokens.rotate' | 'tokens.rotate.self' = 'tokens.rotate';
    if (old.isConnectionCredential) {
      // A revoked token hitting a rotate path revokes its whole family [FAM]: check it first.
      const self = await getSelf(ctx, credential);
      if (String(self.id) !== id || self.revoked || self.active === false) {
        throw new AppError(
          'conflict',
          `The token Tokenkeeper uses for this connection is no longer “${old.name}” as GitLab lists it (it may have been rotated elsewhere). Sync, then try again; Tokenkeeper did not rotate anything.`,
        );
      }
      path = '/api/v4/personal_access_tokens/self/rotate';
      endpoint = 'tokens.rotate.self';
    }
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
    const place = placeOf(token.accountId);
    if (place.kind === 'serviceaccount') return revokeServiceAccountToken(ctx, place, token);
    if (place.kind !== 'personal') return revokePlaceToken(ctx, place.kind, place.id, token);
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
    const match =
      id === undefined ? undefined : tokens.find((t) => t.accountId === null && t.remoteId === id);
    return match === undefined ? null : remoteKey(match);
  },
};
