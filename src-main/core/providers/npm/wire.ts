/**
 * npm's wire shapes (shared/providers/npm.md §3–§5) and how a token maps to the cache. No
 * official schema exists for granular tokens (§7): list items follow the CLI's own output as a
 * user reported it (I9443: `expiry`, `cidr`, `accessed`, `permissions`, `scopes`), the create
 * answer the fields the CLI reads (`token`, `key`, `expires`, `cidr_whitelist`), and legacy
 * tokens the registry's old doc (`readonly`, `cidr_whitelist`). Every field is optional and
 * may be null; what is absent is shown as not reported.
 */
import { z } from 'zod';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { listWords, parseTime } from '../common';
import type { RemoteToken } from '../types';

const text = z.string().nullable().optional();
const texts = z.array(z.string()).nullable().optional();

export const TokenSchema = z
  .object({
    key: z.string().min(1).max(256),
    token: text,
    name: text,
    description: text,
    created: text,
    updated: text,
    accessed: text,
    expiry: text,
    expires: text,
    cidr: texts,
    cidr_whitelist: texts,
    readonly: z.boolean().nullable().optional(),
    bypass_2fa: z.boolean().nullable().optional(),
    revoked: text,
    permissions: z
      .array(z.object({ name: z.string(), action: z.string() }).passthrough())
      .nullable()
      .optional(),
    scopes: z
      .array(z.object({ name: z.string(), type: z.string() }).passthrough())
      .nullable()
      .optional(),
  })
  .passthrough();
export type NpmToken = z.infer<typeof TokenSchema>;

/** One page of `GET /-/npm/v1/tokens` [REG]; clients follow `urls.next` as an absolute URL. */
export const PageSchema = z
  .object({
    total: z.number().int().nonnegative().nullable().optional(),
    objects: z.array(z.unknown()),
    urls: z
      .object({ next: z.string().nullable().optional(), prev: z.string().nullable().optional() })
      .passthrough(),
  })
  .passthrough();

export const CreatedSchema = TokenSchema.extend({ token: z.string().min(8).max(4096) });

export const WhoamiSchema = z.object({ username: z.string().min(1).max(214) }).passthrough();

/** The web confirmation's poll answer: 202 (keep waiting) or 200 `{token}` [CLI otplease][NP]. */
export const DoneSchema = z.object({ token: z.string().min(1).max(4096).optional() }).passthrough();

/** "Read and write" where any permission writes; "Read-only" otherwise (legacy: `readonly`). */
export function permissionOf(t: NpmToken): 'Read and write' | 'Read-only' | null {
  if (t.permissions !== undefined && t.permissions !== null && t.permissions.length > 0) {
    // The packages' own permission where npm names it; an org-only token by its org permission.
    const own = t.permissions.filter((p) => p.name === 'package');
    return (own.length > 0 ? own : t.permissions).some((p) => p.action === 'write')
      ? 'Read and write'
      : 'Read-only';
  }
  if (typeof t.readonly === 'boolean') return t.readonly ? 'Read-only' : 'Read and write';
  return null;
}

/** The places a token covers: all packages (modeled as the package `*`), scopes, packages. */
function placesOf(t: NpmToken, access: string) {
  return (t.scopes ?? [])
    .filter((s) => s.type === 'package' || s.type === 'scope')
    .map((s) =>
      s.name === '*'
        ? { type: 'packages_all', id: '*', name: 'All packages', access }
        : { type: s.type, id: s.name, name: s.name, access },
    );
}

/** The organizations a token covers, each with the org permission npm reports (`org` action). */
function orgsOf(t: NpmToken) {
  const action = (t.permissions ?? []).find((p) => p.name === 'org')?.action;
  const access = action === 'write' ? 'read-write' : action === 'read' ? 'read-only' : 'no-access';
  return (t.scopes ?? [])
    .filter((s) => s.type === 'org')
    .map((s) => ({ type: 'org', id: s.name, name: s.name, access }));
}

const ACCESS_WORDS: Record<string, string> = {
  'read-write': 'read and write',
  'read-only': 'read-only',
  'no-access': 'no access',
};

/** The masked token keeps its last four characters (DOC-CV); a legacy one may be a UUID. */
function lastFour(masked: string | null | undefined): string | null {
  if (masked === null || masked === undefined) return null;
  const tail = /([A-Za-z0-9]{4})$/.exec(masked);
  return tail?.[1] ?? null;
}

/** The scope line: permission, what it covers, orgs, IP ranges, bypass-2FA, and the description. */
function scopeText(
  t: NpmToken,
  permission: string | null,
  places: { name: string | null }[],
  orgs: { name: string; access: string }[],
  cidrs: string[],
) {
  const parts: string[] = [];
  parts.push(permission ?? 'Permission not reported by npm');
  if (places.length > 0) parts.push(listWords(places.map((p) => p.name ?? '')));
  if (orgs.length > 0)
    parts.push(
      `orgs ${listWords(orgs.map((o) => o.name))} (${ACCESS_WORDS[orgs[0]?.access ?? ''] ?? 'not reported'})`,
    );
  if (cidrs.length > 0) parts.push(`only from ${cidrs.join(', ')}`);
  if (t.bypass_2fa === true) parts.push('bypasses 2FA');
  const description = (t.description ?? '').trim();
  if (description !== '') parts.push(description.slice(0, 200));
  return parts.join(' · ');
}

/** A listed (or just created) token in the cache's terms; owned by the signed-in user. */
export function toRemote(t: NpmToken, username: string | null): RemoteToken {
  const permission = permissionOf(t);
  const wire = permission === 'Read-only' ? 'read-only' : 'read-write';
  const places = placesOf(t, wire);
  const orgs = orgsOf(t);
  const cidrs = [...(t.cidr ?? t.cidr_whitelist ?? [])];
  const description = (t.description ?? '').trim().slice(0, 2000);
  const granular = t.permissions !== undefined || t.scopes !== undefined || typeof t.name === 'string';
  return {
    remoteId: t.key,
    accountId: null,
    accountName: null,
    name: (t.name ?? '').trim() || `Token ${t.key.slice(0, 6)}`,
    last4: lastFour(t.token),
    createdAt: parseTime(t.created),
    createdBy: username,
    lastUsedAt: parseTime(t.accessed),
    expiresAt: parseTime(t.expiry ?? t.expires),
    scopeKind: 'permission_group',
    scopeSummary: scopeText(t, permission, places, orgs, cidrs),
    scope: {
      ...EMPTY_SCOPE,
      permissionGroup: permission,
      resources: [
        ...places,
        ...orgs,
        ...cidrs.map((c) => ({ type: 'cidr', id: c, name: null, access: 'allow' })),
      ],
      ...(description === '' ? {} : { description }),
    },
    broadScope: permission === 'Read and write' && places.some((p) => p.type === 'packages_all'),
    // Classic tokens (no name, no granular fields) were all revoked on 2025-12-09 [CL-1209].
    legacy: !granular,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}
