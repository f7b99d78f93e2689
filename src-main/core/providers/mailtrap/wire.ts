/**
 * Mailtrap's answers, read tolerantly: the reference marks every token field optional, so a row
 * without a `name` shows as "(unnamed)", one without a usable `id` is left out (and counted), and
 * nothing one row lacks fails the account. Also: how `resources` read as a scope ("Admin on
 * account Acme"), and the modeled grace pair.
 */
import { z } from 'zod';
import type { RemoteAccount } from '../../../../src-preload/contract';
import { EMPTY_SCOPE } from '../../db/repositories/tokens';
import { parseTime } from '../common';
import type { RemoteToken } from '../types';

export const UNNAMED = '(unnamed)';

/** Access levels as the API numbers them (documented: 1000 owner, 100 admin, 10 viewer). */
export const ACCESS: Record<number, string> = { 1000: 'owner', 100: 'admin', 10: 'viewer' };
/** The levels a token's resource can carry (the SDK: 10 viewer, 100 admin). */
export const GRANTABLE: Record<string, number> = { viewer: 10, admin: 100 };

const RESOURCE_WORDS: Record<string, string> = {
  account: 'account',
  project: 'project',
  inbox: 'inbox',
  sending_domain: 'sending domain',
};

export const AccountSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string(),
  access_levels: z.array(z.number()).optional(),
});

const ResourceSchema = z.object({
  resource_type: z.string(),
  resource_id: z.union([z.number(), z.string()]),
  access_level: z.number(),
});

/**
 * One token as answered. Only `id` is needed to show it: an optional field that is missing or
 * mistyped reads as absent (`token` comes only with create and reset, and is required there).
 */
export const TokenSchema = z.object({
  id: z.union([z.number().int(), z.string().min(1)]),
  name: z.string().nullable().optional().catch(null),
  last_4_digits: z.string().nullable().optional().catch(null),
  created_by: z.string().nullable().optional().catch(null),
  expires_at: z.string().nullable().optional().catch(null),
  resources: z.array(ResourceSchema).nullable().optional().catch(null),
});
export const MintedSchema = TokenSchema.extend({ token: z.string().min(8) });
export type MailtrapToken = z.infer<typeof TokenSchema>;

/** A list answer: an array of anything; each row is read on its own. */
export const ListSchema = z.array(z.unknown());

/** The rows that can be shown, and how many could not (no usable id, or not an object). */
export function readRows(rows: unknown[]): { tokens: MailtrapToken[]; skipped: number } {
  const tokens: MailtrapToken[] = [];
  for (const row of rows) {
    const parsed = TokenSchema.safeParse(row);
    if (parsed.success) tokens.push(parsed.data);
  }
  return { tokens, skipped: rows.length - tokens.length };
}

export function accessName(levels: number[] | undefined): string | null {
  const top = Math.max(...(levels ?? []), 0);
  return ACCESS[top] ?? (top > 0 ? `level ${top}` : null);
}

const accessWord = (level: number): string => ACCESS[level] ?? `level ${level}`;
const capital = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/** "Admin on account Acme Mail, Viewer on inbox #8001". */
export function scopeLine(
  resources: { type: string; id: string; name: string | null; access: string }[],
): string {
  if (resources.length === 0) return 'No permissions listed';
  return resources
    .map((r) => `${capital(r.access)} on ${RESOURCE_WORDS[r.type] ?? r.type} ${r.name ?? `#${r.id}`}`)
    .join(', ');
}

export function toRemote(
  t: MailtrapToken,
  accounts: readonly RemoteAccount[],
  account: RemoteAccount,
): RemoteToken {
  const wire = t.resources ?? [];
  const resources = wire.map((r) => ({
    type: r.resource_type,
    id: String(r.resource_id),
    name:
      r.resource_type === 'account'
        ? (accounts.find((a) => a.id === String(r.resource_id))?.name ?? null)
        : null,
    access: accessWord(r.access_level),
  }));
  return {
    remoteId: String(t.id),
    accountId: account.id,
    accountName: account.name,
    name: t.name === null || t.name === undefined || t.name.trim() === '' ? UNNAMED : t.name,
    last4: t.last_4_digits ?? null,
    createdAt: null,
    createdBy: t.created_by ?? null,
    lastUsedAt: null,
    expiresAt: parseTime(t.expires_at),
    scopeKind: 'resources',
    scopeSummary: scopeLine(resources),
    scope: { ...EMPTY_SCOPE, resources },
    broadScope: wire.some((r) => r.resource_type === 'account' && r.access_level >= 100),
    legacy: false,
    usage: [],
    rotatedAt: null,
    successorRemoteId: null,
  };
}

/**
 * Modeled: the list does not say which token is in a grace period, but a reset leaves a telltale
 * pair in one account: the old token now expires within the grace period, and a newer token
 * (higher id) with the same name lives on: with no expiry, or one later than the old token's
 * (a successor can have an expiry of its own). Such a pair is read as "reset": the old one in
 * grace until its expires_at, linked to its successor. This only affects how the tokens are
 * shown; no call depends on it.
 */
export function markGrace(tokens: RemoteToken[], now: number, graceMs: number): RemoteToken[] {
  return tokens.map((t) => {
    const ends = t.expiresAt;
    if (ends === null || ends <= now || ends - now > graceMs) return t;
    const successor = tokens
      .filter(
        (s) =>
          s.name === t.name &&
          s.name !== UNNAMED &&
          (s.expiresAt === null || s.expiresAt > ends) &&
          Number(s.remoteId) > Number(t.remoteId),
      )
      .sort((a, b) => Number(a.remoteId) - Number(b.remoteId))[0];
    return successor === undefined ? t : { ...t, successorRemoteId: successor.remoteId };
  });
}
