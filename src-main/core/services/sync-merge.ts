/**
 * How a provider's token list replaces a connection's cached set (pure: no I/O, tested alone).
 * - A listed token updates its row (matched by account and remote id) or becomes a new row.
 * - What the user added locally is kept: snooze, note, rotation links, the first-seen time, and
 *   the last 4 characters / creation time when the provider does not report them.
 * - A row still in its grace period stays in grace while the provider lists it.
 * - A synced row the provider no longer lists is not deleted: it becomes `removed` (or `retired`
 *   when it was rotated out and its successor is known).
 * - Tokens recorded by hand (origin `tracked`) are never touched by a sync.
 */
import { newTokenState, type TokenRecord } from '../db/repositories/tokens';
import { newId } from '../ids';
import { remoteKey, type RemoteToken } from '../providers/types';

export interface MergePlan {
  inserts: TokenRecord[];
  updates: TokenRecord[];
  /** Rows marked removed or retired in this sync. */
  gone: TokenRecord[];
  /** Each updated row as it is stored now (by id), so only what changed needs writing. */
  previous: Map<string, TokenRecord>;
}

export function planMerge(
  connectionId: string,
  existing: TokenRecord[],
  remote: RemoteToken[],
  now: number,
  credentialKeyOfRemote: string | null,
): MergePlan {
  const synced = new Map(
    existing.filter((t) => t.origin === 'synced' && t.remoteId !== null).map((t) => [remoteKey(t), t]),
  );
  /** The new state of every listed token, by remote key. */
  const next = new Map<string, TokenRecord>();
  const inserted = new Set<string>();

  for (const r of remote) {
    const key = remoteKey(r);
    if (next.has(key)) continue;
    const isCredential = credentialKeyOfRemote !== null && credentialKeyOfRemote === key;
    const row = synced.get(key);
    // In grace: we reset it (local state), or the provider's list shows its successor.
    const inGrace = row?.state === 'grace' || r.successorRemoteId !== null;
    const graceEndsAt = inGrace ? (r.expiresAt ?? row?.graceEndsAt ?? null) : null;
    if (row === undefined) {
      next.set(
        key,
        newRecordFromRemote(connectionId, r, now, {
          isConnectionCredential: isCredential,
          state: inGrace ? 'grace' : 'active',
          graceEndsAt,
        }),
      );
      inserted.add(key);
      continue;
    }
    next.set(key, {
      ...row,
      ...reported(r),
      isConnectionCredential: isCredential,
      last4: r.last4 ?? row.last4,
      createdAt: r.createdAt ?? row.createdAt,
      state: inGrace ? 'grace' : 'active',
      graceEndsAt,
      updatedAt: now,
    });
  }

  // Link a token in grace to its successor when the list names it (and no link exists yet).
  for (const r of remote) {
    if (r.successorRemoteId === null) continue;
    const old = next.get(remoteKey(r));
    const successor = next.get(remoteKey({ accountId: r.accountId, remoteId: r.successorRemoteId }));
    if (old === undefined || successor === undefined) continue;
    if (old.replacedById === null) old.replacedById = successor.id;
    if (successor.replacesId === null) successor.replacesId = old.id;
  }

  const inserts: TokenRecord[] = [];
  const updates: TokenRecord[] = [];
  const previous = new Map<string, TokenRecord>();
  for (const [key, record] of next) {
    const stored = synced.get(key);
    if (inserted.has(key) || stored === undefined) inserts.push(record);
    else if (!sameRecord(stored, record)) {
      updates.push(record);
      previous.set(record.id, stored);
    }
  }

  const gone: TokenRecord[] = [];
  for (const [key, row] of synced) {
    if (next.has(key) || (row.state !== 'active' && row.state !== 'grace')) continue;
    const retired = row.state === 'grace' || row.replacedById !== null;
    const record: TokenRecord = {
      ...row,
      state: retired ? 'retired' : 'removed',
      isConnectionCredential: false,
      updatedAt: now,
    };
    updates.push(record);
    previous.set(record.id, row);
    gone.push(record);
  }
  return { inserts, updates, gone, previous };
}

/** Equal apart from `updatedAt`: scalars compared directly, the JSON columns as JSON. */
function sameRecord(a: TokenRecord, b: TokenRecord): boolean {
  for (const key of Object.keys(a) as (keyof TokenRecord)[]) {
    if (key === 'updatedAt') continue;
    const x = a[key];
    const y = b[key];
    if (x === y) continue;
    if (
      typeof x !== 'object' ||
      typeof y !== 'object' ||
      x === null ||
      y === null ||
      JSON.stringify(x) !== JSON.stringify(y)
    )
      return false;
  }
  return Object.keys(b).length === Object.keys(a).length;
}

/** A new cache row for a token the provider reports (after a sync, a create or a rotation). */
export function newRecordFromRemote(
  connectionId: string,
  r: RemoteToken,
  now: number,
  overrides: Partial<TokenRecord> = {},
): TokenRecord {
  return {
    id: newId('t'),
    connectionId,
    ...reported(r),
    last4: r.last4,
    createdAt: r.createdAt,
    origin: 'synced',
    ...newTokenState(now),
    ...overrides,
  };
}

/**
 * The columns a provider's report always decides, for a new row and an updated one alike. The
 * last 4 and the creation time are left out: a sync keeps the cached ones when the provider
 * stops reporting them.
 */
function reported(
  r: RemoteToken,
): Pick<
  TokenRecord,
  | 'remoteId'
  | 'accountId'
  | 'accountName'
  | 'name'
  | 'createdBy'
  | 'lastUsedAt'
  | 'expiresAt'
  | 'scopeKind'
  | 'scopeSummary'
  | 'scope'
  | 'broadScope'
  | 'legacy'
  | 'usage'
> {
  return {
    remoteId: r.remoteId,
    accountId: r.accountId,
    accountName: r.accountName,
    name: r.name,
    createdBy: r.createdBy,
    lastUsedAt: r.lastUsedAt,
    expiresAt: r.expiresAt,
    scopeKind: r.scopeKind,
    scopeSummary: r.scopeSummary,
    scope: r.scope,
    broadScope: r.broadScope,
    legacy: r.legacy,
    usage: r.usage,
  };
}
