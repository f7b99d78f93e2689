/**
 * Cloudflare's wire shapes (shared/providers/cloudflare.md §3–§5) and how a token maps to the
 * cache. Every answer is the v4 envelope `{success, errors, messages, result[, result_info]}`;
 * a 2xx whose `success` is not true is not accepted as a result. Token fields are all optional in
 * the SDK's typing and whether absent keys come as `null` is UNDOC, so both are read.
 */
import { z } from 'zod';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { parseTime } from '../common';
import type { RemoteToken } from '../types';

const Message = z.object({ code: z.number().int(), message: z.string() }).passthrough();

/** The v4 envelope around `result`; `result_info` carries the paging of lists. */
export function envelope<T extends z.ZodTypeAny>(result: T) {
  return z
    .object({
      success: z.literal(true),
      errors: z.array(Message),
      messages: z.array(Message).optional(),
      result,
      result_info: z
        .object({
          page: z.number().int().optional(),
          per_page: z.number().int().optional(),
          count: z.number().int().optional(),
          total_count: z.number().int().optional(),
          total_pages: z.number().int().optional(),
        })
        .passthrough()
        .nullable()
        .optional(),
    })
    .passthrough();
}

const time = z.string().nullable().optional();

/** A resource value: `"*"` or, for "every zone of one account", a nested map [CVA]. */
const ResourceValue = z.union([z.string(), z.record(z.string(), z.string())]);

export const PolicySchema = z
  .object({
    id: z.string().optional(),
    effect: z.enum(['allow', 'deny']),
    permission_groups: z.array(z.object({ id: z.string(), name: z.string().optional() }).passthrough()),
    resources: z.record(z.string(), ResourceValue),
  })
  .passthrough();
export type CloudflarePolicy = z.infer<typeof PolicySchema>;

const IpLists = z.object({ in: z.array(z.string()).optional(), not_in: z.array(z.string()).optional() });

export const TokenSchema = z
  .object({
    id: z.string().min(1).max(32),
    name: z.string(),
    status: z.enum(['active', 'disabled', 'expired']).optional(),
    issued_on: time,
    modified_on: time,
    last_used_on: time,
    expires_on: time,
    not_before: time,
    policies: z.array(PolicySchema).optional(),
    // The API's wire key is `request.ip` [CVA][WIRE]; the TS SDK's typing says `request_ip`.
    condition: z.object({ 'request.ip': IpLists.optional() }).passthrough().nullable().optional(),
  })
  .passthrough();
export type CloudflareToken = z.infer<typeof TokenSchema>;

export const VerifySchema = z.object({
  id: z.string().min(1),
  status: z.enum(['active', 'disabled', 'expired']),
  expires_on: time,
  not_before: time,
});

export const AccountSchema = z.object({ id: z.string().min(1), name: z.string() }).passthrough();
export const ZoneSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    account: z.object({ id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export const PermissionGroupSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    scopes: z.array(z.string()).optional(),
  })
  .passthrough();
export type PermissionGroup = z.infer<typeof PermissionGroupSchema>;

/** Names of the accounts and zones a token's resources point at, for the scope text. */
export interface ResourceNames {
  accounts: Map<string, string>;
  zones: Map<string, string>;
}

const ACCOUNT = 'com.cloudflare.api.account.';
const ZONE = 'com.cloudflare.api.account.zone.';
const USER = 'com.cloudflare.api.user.';

/** One resource key in words: "example.com", "all zones of Acme", "all accounts" [CVA]. */
function resourceWords(key: string, value: unknown, names: ResourceNames): string {
  if (key === `${ZONE}*`) return 'all zones';
  if (key.startsWith(ZONE)) {
    const id = key.slice(ZONE.length);
    return names.zones.get(id) ?? `zone ${id}`;
  }
  if (key === `${ACCOUNT}*`) return 'all accounts';
  if (key.startsWith(ACCOUNT)) {
    const id = key.slice(ACCOUNT.length);
    const account = names.accounts.get(id) ?? `account ${id}`;
    if (value !== null && typeof value === 'object' && `${ZONE}*` in value) return `all zones of ${account}`;
    return account;
  }
  if (key.startsWith(USER)) return 'your user';
  return key;
}

/** A policy in words: "DNS Write on example.com", "Deny Zone Read on all zones". */
export function policyWords(policy: CloudflarePolicy, names: ResourceNames): string {
  const groups = policy.permission_groups.map((g) => g.name ?? g.id).join(', ');
  const where = Object.entries(policy.resources)
    .map(([key, value]) => resourceWords(key, value, names))
    .join(', ');
  return `${policy.effect === 'deny' ? 'Deny ' : ''}${groups} on ${where}`;
}

/** Policies that write across every account or every zone: the list's "broad scope" flag. */
function isBroad(policies: CloudflarePolicy[]): boolean {
  return policies.some(
    (p) =>
      p.effect === 'allow' &&
      p.permission_groups.some((g) => /\b(Write|Edit)\b/.test(g.name ?? '')) &&
      Object.entries(p.resources).some(
        ([key, value]) => key.endsWith('.*') || (typeof value === 'object' && `${ZONE}*` in value),
      ),
  );
}

/** The scope line: status when not active, policies, not-before, IP conditions. */
export function scopeText(t: CloudflareToken, names: ResourceNames, now: number): string {
  const parts: string[] = [];
  if (t.status === 'disabled') parts.push('Disabled');
  const policies = (t.policies ?? []).map((p) => policyWords(p, names));
  parts.push(policies.length === 0 ? 'No permissions' : policies.join('; '));
  const notBefore = parseTime(t.not_before);
  if (notBefore !== null && notBefore > now)
    parts.push(`valid from ${new Date(notBefore).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const ip = t.condition?.['request.ip'];
  if (ip?.in !== undefined && ip.in.length > 0) parts.push(`only from ${ip.in.join(', ')}`);
  if (ip?.not_in !== undefined && ip.not_in.length > 0) parts.push(`not from ${ip.not_in.join(', ')}`);
  return parts.join(' · ');
}

/** A listed token in the cache's terms: a user token (account null) or one account's token. */
export function toRemote(
  t: CloudflareToken,
  owner: { id: string; name: string } | null,
  names: ResourceNames,
  now: number,
): RemoteToken {
  const text = scopeText(t, names, now);
  return {
    remoteId: t.id,
    accountId: owner?.id ?? null,
    accountName: owner?.name ?? null,
    name: t.name,
    last4: null,
    createdAt: parseTime(t.issued_on),
    createdBy: null,
    lastUsedAt: parseTime(t.last_used_on),
    // An expired token keeps its expires_on; a status "expired" without one is read as now.
    expiresAt: parseTime(t.expires_on) ?? (t.status === 'expired' ? now : null),
    scopeKind: 'permission_group',
    scopeSummary: text,
    scope: { ...EMPTY_SCOPE, permissionGroup: text.slice(0, 500) },
    broadScope: isBroad(t.policies ?? []),
    legacy: false,
    usage: [],
    // Modeled (UNDOC §7.3): a roll updates modified_on; it is what shows a lost roll took effect.
    rotatedAt: parseTime(t.modified_on),
    successorRemoteId: null,
  };
}
