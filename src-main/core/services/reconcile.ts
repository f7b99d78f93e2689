/**
 * After an ambiguous failure (a timeout or a broken connection after the request left, a 5xx, an
 * unreadable 2xx), Tokenkeeper never repeats a create, a reset, a rotation or a revoke. It lists
 * the provider's tokens again (a safe, retryable GET) and compares with what it knew before the
 * call, to tell the user what actually happened.
 */
import type { RotationKind } from '../../../src-preload/contract';
import type { TokenRecord } from '../db/repositories/tokens';
import type { AdapterContext, ProviderAdapter, RemoteToken } from '../providers/types';
import { remoteKey } from '../providers/types';

/** Clock skew allowed between the provider and this computer when comparing creation times. */
const SKEW_MS = 5 * 60_000;

export type Listing = { ok: true; tokens: RemoteToken[] } | { ok: false };

export async function listForReconcile(adapter: ProviderAdapter, ctx: AdapterContext): Promise<Listing> {
  try {
    return { ok: true, tokens: await adapter.list(ctx) };
  } catch {
    return { ok: false };
  }
}

/** Tokens that appeared since the intent was written and carry the requested name. */
export function createdSince(
  listing: RemoteToken[],
  known: ReadonlySet<string>,
  request: { name: string; accountId: string | null },
  intentAt: number,
): RemoteToken[] {
  return listing.filter(
    (t) =>
      !known.has(remoteKey(t)) &&
      t.name === request.name &&
      (request.accountId === null || t.accountId === request.accountId) &&
      (t.createdAt === null || t.createdAt >= intentAt - SKEW_MS),
  );
}

export type RotationEvidence =
  { happened: true; successor: RemoteToken | null; current: RemoteToken | null } | { happened: false };

/**
 * Whether a rotation took effect. Mailtrap: the old token now expires sooner than it did (its
 * grace period; a dated token can be reset too) or is gone, and a new token with its name
 * appeared. Mirox: the token's rotation time or expiry moved, or (GitLab) the token left the list
 * and its successor with the same name appeared.
 */
export function rotationEvidence(
  kind: RotationKind,
  old: TokenRecord,
  listing: RemoteToken[],
  known: ReadonlySet<string>,
  intentAt: number,
): RotationEvidence {
  const current = listing.find((t) => remoteKey(t) === remoteKey(old)) ?? null;
  const successor =
    createdSince(listing, known, { name: old.name, accountId: old.accountId }, intentAt)[0] ?? null;
  if (kind === 'in_place_immediate') {
    // In place (Mirox): the same token, with a new rotation time or a reset expiry window.
    // GitLab gives the rotated token a new id: the old one left the list and a token with its
    // name appeared since the intent, and that successor is the rotated token now.
    if (current === null)
      return successor === null
        ? { happened: false }
        : { happened: true, successor: null, current: successor };
    const rotated =
      (current.rotatedAt !== null && current.rotatedAt >= intentAt - SKEW_MS) ||
      current.expiresAt !== old.expiresAt;
    return rotated ? { happened: true, successor: null, current } : { happened: false };
  }
  const oldRetiring =
    current === null ||
    (current.expiresAt !== null && (old.expiresAt === null || current.expiresAt < old.expiresAt));
  return oldRetiring && successor !== null ? { happened: true, successor, current } : { happened: false };
}
