/**
 * Vercel's answers as the adapter reads them (shared/providers/vercel.md §3, §4: the SDK's
 * AuthToken and list shapes), and their mapping to the cache's vocabulary. Lenient where the SDK
 * is (optional fields, an unknown scope origin), strict on what the app relies on (ids, times).
 */
import { z } from 'zod';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { listWords } from '../common';
import type { RemoteToken } from '../types';
import { FULL_ACCOUNT } from './descriptor';

const Millis = z.number().int().min(0);

const ScopeSchema = z.union([
  z.object({
    type: z.literal('user'),
    origin: z.string().optional(),
    createdAt: Millis,
    expiresAt: Millis.optional(),
  }),
  z.object({
    type: z.literal('team'),
    teamId: z.string().min(1),
    origin: z.string().optional(),
    createdAt: Millis,
    expiresAt: Millis.optional(),
  }),
]);

export const AuthTokenSchema = z.object({
  id: z.string().min(1).max(200),
  name: z.string(),
  type: z.string(),
  origin: z.string().optional(),
  scopes: z.array(ScopeSchema).optional(),
  expiresAt: Millis.optional(),
  activeAt: Millis,
  createdAt: Millis,
  revokedAt: Millis.optional(),
  leakedAt: Millis.optional(),
  leakedUrl: z.string().optional(),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
export type AuthToken = z.infer<typeof AuthTokenSchema>;

/** Both pagination shapes of the docs (§3): `next` a timestamp, as a number or a string. */
export const ListSchema = z.object({
  tokens: z.array(AuthTokenSchema),
  pagination: z.object({
    count: z.number(),
    next: z.union([Millis, z.string().regex(/^\d{1,16}$/)]).nullable(),
    prev: z.union([z.number(), z.string()]).nullable(),
  }),
});

export const OneSchema = z.object({ token: AuthTokenSchema });
export const CreatedSchema = z.object({ token: AuthTokenSchema, bearerToken: z.string().min(8) });
export const DeletedSchema = z.object({ tokenId: z.string() });

/** `GET /v2/user`: AuthUser or AuthUserLimited (`limited: true`); only what the app shows. */
export const UserSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    username: z.string(),
    name: z.string().nullable().optional(),
    limited: z.literal(true).optional(),
  }),
});

/** What a token reaches: the whole account (a `user` scope) or only some teams (or a project in one). */
export function reachOf(t: AuthToken): { full: boolean; teams: string[] } {
  const scopes = t.scopes ?? [];
  const teams = scopes.flatMap((s) => (s.type === 'team' ? [s.teamId] : []));
  return { full: scopes.some((s) => s.type === 'user'), teams };
}

/** Why this token, as the connection's credential, cannot create tokens; null when it can (§1). */
export function createRefusal(t: AuthToken): string | null {
  if (t.type === 'oauth2-token')
    return 'This is a Vercel sign-in session (OAuth), not an access token: Vercel lets only access tokens create tokens.';
  if (!reachOf(t).full)
    return 'This token is scoped to a team or a project: Vercel lets only a full-account token create tokens.';
  return null;
}

export function toRemote(t: AuthToken): RemoteToken {
  const { full, teams } = reachOf(t);
  const workspace = full
    ? FULL_ACCOUNT
    : teams.length === 0
      ? 'No scope reported'
      : `Team ${listWords(teams)} (or a project in it)`;
  return {
    remoteId: t.id,
    accountId: null,
    accountName: null,
    name: t.name,
    // `suffix` is the end of the secret Vercel shows to tell tokens apart (§4).
    last4: t.suffix === undefined || t.suffix === '' ? null : t.suffix.slice(-4),
    createdAt: t.createdAt,
    createdBy: null,
    // `activeAt` is "most recently used" (§4); its granularity is not stated.
    lastUsedAt: t.activeAt,
    expiresAt: t.expiresAt ?? null,
    scopeKind: 'workspace',
    scopeSummary: t.type === 'oauth2-token' ? `${workspace} · sign-in session` : workspace,
    scope: {
      ...EMPTY_SCOPE,
      workspace,
      ...(t.leakedAt === undefined ? {} : { problem: { reportedAt: t.leakedAt } }),
    },
    broadScope: full,
    legacy: false,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}
