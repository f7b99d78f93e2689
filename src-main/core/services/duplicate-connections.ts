/**
 * One remote account, one connection. A connection whose provider answers with an identity (the
 * e-mail or user name signed in with) or account ids already held by a connection of the same
 * provider at the same origin is the same account twice: every token would show twice, and the
 * attention count and the `.ics` export would double. Adding it is refused, naming the one that
 * exists (the window offers to open it); the sync keeps one remote token to one row even for two
 * such connections made before this check (`claimedElsewhere`).
 */
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import { AppError } from '../errors';
import { remoteKey, type RemoteToken } from '../providers/types';
import { credentialOriginOf } from './connection-origin';

export interface Candidate {
  provider: ConnectionRecord['provider'];
  credentialOrigin: string | null;
  identity: string | null;
  accountIds: string[];
}

const sameIdentity = (a: string | null, b: string | null): boolean =>
  a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** API connections of the same provider whose credential goes to the same origin. */
function siblings(ctx: CoreContext, provider: string, origin: string | null, exceptId?: string) {
  return ctx.repos.connections
    .list()
    .filter(
      (c) =>
        c.id !== exceptId &&
        c.mode === 'api' &&
        c.provider === provider &&
        ctx.providers.has(c.provider) &&
        credentialOriginOf(c, ctx.providers) === origin,
    );
}

/**
 * The existing connection the candidate duplicates, or null. With `allAccounts`, an account
 * overlap counts only when every candidate account is already held (a draft still lets the user
 * leave the held ones out); otherwise any held account does.
 */
export function findDuplicate(
  ctx: CoreContext,
  candidate: Candidate,
  options: { allAccounts: boolean },
): ConnectionRecord | null {
  for (const existing of siblings(ctx, candidate.provider, candidate.credentialOrigin)) {
    if (sameIdentity(existing.identity, candidate.identity)) return existing;
    if (candidate.accountIds.length === 0) continue;
    const held = new Set(existing.accounts.map((a) => a.id));
    const overlap = candidate.accountIds.filter((id) => held.has(id));
    if (options.allAccounts ? overlap.length === candidate.accountIds.length : overlap.length > 0)
      return existing;
  }
  return null;
}

export function alreadyConnected(existing: ConnectionRecord): AppError {
  return new AppError(
    'conflict',
    `Already connected as “${existing.label}”. Each account is connected once, so its tokens are not shown twice.`,
    { connectionId: existing.id },
  );
}

/** Throws "Already connected as …" when the candidate is an account already connected. */
export function refuseDuplicate(ctx: CoreContext, candidate: Candidate, options: { allAccounts: boolean }) {
  const existing = findDuplicate(ctx, candidate, options);
  if (existing !== null) throw alreadyConnected(existing);
}

/**
 * The remote tokens an older connection of the same account already shows (same provider,
 * origin and account/remote id): the sync of the newer one leaves them out, so no token is listed
 * twice. Only rows still listed (active or in grace) claim a token.
 */
export function claimedElsewhere(ctx: CoreContext, record: ConnectionRecord, remote: RemoteToken[]) {
  const origin = credentialOriginOf(record, ctx.providers);
  const older = siblings(ctx, record.provider, origin, record.id).filter(
    (c) => c.createdAt < record.createdAt || (c.createdAt === record.createdAt && c.id < record.id),
  );
  if (older.length === 0) return { kept: remote, claimedBy: null as ConnectionRecord | null, count: 0 };
  const owners = new Map<string, ConnectionRecord>();
  for (const connection of older)
    for (const t of ctx.repos.tokens.listByConnection(connection.id))
      if (t.origin === 'synced' && t.remoteId !== null && (t.state === 'active' || t.state === 'grace'))
        owners.set(remoteKey(t), connection);
  let claimedBy: ConnectionRecord | null = null;
  const kept = remote.filter((r) => {
    const owner = owners.get(remoteKey(r));
    if (owner === undefined) return true;
    claimedBy ??= owner;
    return false;
  });
  return { kept, claimedBy, count: remote.length - kept.length };
}
