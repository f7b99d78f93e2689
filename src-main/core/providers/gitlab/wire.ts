/**
 * GitLab's wire shapes and how they map to the cache (shared/providers/gitlab.md §3, §4). Fields
 * newer than some self-managed versions (description, last_used_ips, granular_scopes,
 * resource_type) are optional: an older instance leaves them out.
 */
import { z } from 'zod';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { parseTime, userTokenFields } from '../common';
import type { RemoteToken } from '../types';

export const TokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable().optional(),
  scopes: z.array(z.string()),
  created_at: z.string(),
  expires_at: z.string().nullable().optional(),
  last_used_at: z.string().nullable().optional(),
  last_used_ips: z.array(z.string()).nullable().optional(),
  revoked: z.boolean(),
  active: z.boolean().optional(),
  user_id: z.number().int(),
  /** Project and group tokens: the bot's role there [ENT]. */
  access_level: z.number().int().optional(),
});
export type GitLabToken = z.infer<typeof TokenSchema>;

/** `GET /projects` and `GET /groups` rows: the id and the path the user knows them by. */
export const ProjectSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  path_with_namespace: z.string(),
});
export const GroupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  full_path: z.string(),
  /** null for a top-level group (service accounts live only there [SA]); older answers may omit it. */
  parent_id: z.number().int().nullable().optional(),
});
/** A group's service account (modeled: gitbeaker's ServiceAccountSchema; no source in the brief). */
export const ServiceAccountSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string().optional(),
});

/** GitLab's roles by access level (a token's role is its bot's membership [ENT]). */
export const ROLE_NAMES: Record<number, string> = {
  5: 'Minimal access',
  10: 'Guest',
  15: 'Planner',
  20: 'Reporter',
  30: 'Developer',
  40: 'Maintainer',
  50: 'Owner',
};

/** Where a listed token belongs: the user's own (personal), or one project's or group's. */
export interface TokenPlace {
  accountId: string;
  accountName: string;
}

export const MintedSchema = TokenSchema.extend({ token: z.string().min(8) });

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string().optional(),
  /** Present (true) only for administrators. */
  is_admin: z.boolean().optional(),
});
export type GitLabUser = z.infer<typeof UserSchema>;

/** Scopes that reach the whole API or more than one user's data (the list's "broad scope" flag). */
const BROAD = new Set(['api', 'write_repository', 'write_registry', 'sudo', 'admin_mode']);

/** `expires_at` is a date; the token stops working at 00:00 UTC on that date [UPAT]. */
export function expiryFromDate(date: string | null | undefined): number | null {
  if (date === null || date === undefined || date === '') return null;
  return parseTime(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date);
}

/**
 * The date GitLab is sent for a chosen expiry moment: its day (UTC). GitLab's `expires_at` names
 * the day the token stops (at 00:00 UTC), which is what the create form's "Expires on" means.
 */
export function dateForExpiry(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function toRemote(t: GitLabToken, place: TokenPlace | null = null): RemoteToken {
  const role =
    t.access_level === undefined ? null : (ROLE_NAMES[t.access_level] ?? `level ${t.access_level}`);
  const scopes = t.scopes.length === 0 ? 'No scopes' : t.scopes.join(', ');
  const ips = t.last_used_ips ?? [];
  const lastUsedAt = parseTime(t.last_used_at ?? null);
  return {
    ...userTokenFields({
      id: t.id,
      name: t.name,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at ?? null,
      expiresAt: null,
    }),
    ...(place === null ? {} : place),
    expiresAt: expiryFromDate(t.expires_at),
    scopeKind: 'permission_group',
    scopeSummary: role === null ? scopes : `${role} · ${scopes}`,
    scope: { ...EMPTY_SCOPE, permissionGroup: t.scopes.join(', ') },
    broadScope: t.scopes.some((s) => BROAD.has(s)) || (t.access_level ?? 0) >= 50,
    // Where it was used from: up to 5 addresses (newer GitLab only) [PAT]. GitLab dates none of
    // them, so each carries the token's last use, the latest moment it can have been.
    usage:
      lastUsedAt === null
        ? []
        : ips.slice(0, 5).map((ip) => ({ at: lastUsedAt, ip, location: null, browser: null, os: null })),
    legacy: false,
    rotatedAt: null,
    successorRemoteId: null,
  };
}

/**
 * The next page of an offset-paginated list: `X-Next-Page` when sent, else the `page` of the
 * `Link` header's rel="next" URL (GitLab.com may leave some headers out [REST]); null at the end.
 */
export function nextPage(headers: Record<string, string | string[] | undefined>): string | null {
  const header = (name: string): string => {
    const value = headers[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  const next = header('x-next-page').trim();
  if (/^[1-9]\d*$/.test(next)) return next;
  for (const part of header('link').split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part);
    if (match === null) continue;
    try {
      const page = new URL(match[1] ?? '', 'https://link.invalid').searchParams.get('page');
      if (page !== null && /^[1-9]\d*$/.test(page)) return page;
    } catch {
      return null;
    }
  }
  return null;
}
