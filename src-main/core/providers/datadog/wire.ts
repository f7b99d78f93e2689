/**
 * Datadog's JSON:API wire shapes (shared/providers/datadog.md §4, from the client's models) and
 * how a key maps to the cache. Every model accepts more properties than it names (DDC
 * `additionalProperties`), so the schemas pass unknown fields through. `date_last_used`,
 * `last_used_at` and `scopes` may be null (§7, PROBE): both absent and null are read.
 */
import { z } from 'zod';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { parseTime } from '../common';
import type { RemoteToken } from '../types';
import { KEY_KINDS } from './descriptor';

const time = z.string().nullable().optional();
const UserRef = z.object({ id: z.string(), type: z.string() }).passthrough();
const Relationship = z.object({ data: UserRef.nullable().optional() }).passthrough().optional();

export const ApiKeySchema = z
  .object({
    id: z.string().min(1),
    type: z.literal('api_keys'),
    attributes: z
      .object({
        name: z.string(),
        last4: z.string().nullable().optional(),
        created_at: time,
        modified_at: time,
        date_last_used: time,
        category: z.string().nullable().optional(),
        remote_config_read_enabled: z.boolean().nullable().optional(),
      })
      .passthrough(),
    relationships: z.object({ created_by: Relationship, modified_by: Relationship }).passthrough().optional(),
  })
  .passthrough();
export type ApiKey = z.infer<typeof ApiKeySchema>;

export const AppKeySchema = z
  .object({
    id: z.string().min(1),
    type: z.literal('application_keys'),
    attributes: z
      .object({
        name: z.string(),
        last4: z.string().nullable().optional(),
        created_at: time,
        last_used_at: time,
        scopes: z.array(z.string()).nullable().optional(),
      })
      .passthrough(),
    relationships: z.object({ owned_by: Relationship }).passthrough().optional(),
  })
  .passthrough();
export type AppKey = z.infer<typeof AppKeySchema>;

/** An included user (`include=created_by` / `owned_by`): whose key it is, in words. */
const IncludedSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    attributes: z
      .object({ name: z.string().nullable().optional(), email: z.string().nullable().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** A list page: `{data, included?, meta: {page: {total_filtered_count}}}` (§4). */
export function listPage<T extends z.ZodTypeAny>(item: T) {
  return z
    .object({
      data: z.array(item),
      included: z.array(IncludedSchema).optional(),
      meta: z
        .object({
          page: z.object({ total_filtered_count: z.number().int().nonnegative().optional() }).passthrough(),
        })
        .passthrough()
        .optional(),
    })
    .passthrough();
}

/** A created key: the full object, with its secret `key` (§4). */
const Secret = z.object({ attributes: z.object({ key: z.string().min(8) }).passthrough() });
export const CreatedApiKeySchema = z
  .object({ data: ApiKeySchema.and(Secret), included: z.array(IncludedSchema).optional() })
  .passthrough();
export const CreatedAppKeySchema = z
  .object({ data: AppKeySchema.and(Secret), included: z.array(IncludedSchema).optional() })
  .passthrough();

export const ValidateKeysSchema = z.object({ status: z.literal('ok') }).passthrough();

export type Included = z.infer<typeof IncludedSchema>;

/** Who a relationship points at: the included user's name or e-mail, else the user's id. */
function personOf(ref: { id: string } | null | undefined, included: Included[]): string | null {
  if (ref === null || ref === undefined) return null;
  const user = included.find((u) => u.id === ref.id);
  return user?.attributes?.email ?? user?.attributes?.name ?? `user ${ref.id}`;
}

const base = {
  expiresAt: null,
  scopeKind: 'permission_group' as const,
  legacy: false,
  usage: [],
  rotatedAt: null,
  successorRemoteId: null,
};

export function apiKeyToRemote(k: ApiKey, included: Included[]): RemoteToken {
  const a = k.attributes;
  const extras = [
    ...(a.category === null || a.category === undefined || a.category === '' ? [] : [a.category]),
    ...(a.remote_config_read_enabled === true ? ['remote configuration'] : []),
  ];
  return {
    ...base,
    remoteId: k.id,
    accountId: KEY_KINDS.apiKeys,
    accountName: 'API keys',
    name: a.name,
    last4: a.last4 ?? null,
    createdAt: parseTime(a.created_at),
    createdBy: personOf(k.relationships?.created_by?.data, included),
    lastUsedAt: parseTime(a.date_last_used),
    scopeSummary: ['Organization API key', ...extras].join(' · '),
    scope: { ...EMPTY_SCOPE },
    // An API key submits data for the whole organization; it has no scopes to narrow it.
    broadScope: false,
  };
}

export function appKeyToRemote(
  k: AppKey,
  kind: typeof KEY_KINDS.orgAppKeys | typeof KEY_KINDS.myAppKeys,
  included: Included[],
): RemoteToken {
  const a = k.attributes;
  const scopes = a.scopes ?? [];
  const owner = personOf(k.relationships?.owned_by?.data, included);
  return {
    ...base,
    remoteId: k.id,
    accountId: kind,
    accountName: kind === KEY_KINDS.orgAppKeys ? 'Application keys' : 'Your application keys',
    name: a.name,
    last4: a.last4 ?? null,
    createdAt: parseTime(a.created_at),
    createdBy: owner,
    lastUsedAt: parseTime(a.last_used_at),
    scopeSummary: scopes.length === 0 ? 'All of its owner’s permissions (no scopes)' : scopes.join(', '),
    // The scopes, so a replacement carries the same ones (null: unscoped, as Datadog's default).
    scope: { ...EMPTY_SCOPE, permissionGroup: scopes.length === 0 ? null : scopes.join(', ').slice(0, 500) },
    // Without scopes an application key has every permission of its owner (DD-KEYS).
    broadScope: scopes.length === 0,
  };
}
