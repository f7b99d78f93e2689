/** Prepared statements for the `tokens` table (metadata only: no column holds a secret). */
import type { Database, Statement } from 'better-sqlite3';
import type { ScopeKind, TokenDetail, TokenState, UsageEvent } from '../../../../src-preload/contract';
import { bool, int, parseJson } from './json';

export type TokenScope = TokenDetail['scope'];

export const EMPTY_SCOPE: TokenScope = {
  permissionGroup: null,
  organizations: null,
  resources: null,
  workspace: null,
};

export interface TokenRecord {
  id: string;
  connectionId: string;
  remoteId: string | null;
  accountId: string | null;
  accountName: string | null;
  name: string;
  last4: string | null;
  createdAt: number | null;
  createdBy: string | null;
  lastUsedAt: number | null;
  expiresAt: number | null;
  scopeKind: ScopeKind;
  scopeSummary: string;
  scope: TokenScope;
  broadScope: boolean;
  legacy: boolean;
  state: TokenState;
  graceEndsAt: number | null;
  replacesId: string | null;
  replacedById: string | null;
  origin: 'synced' | 'tracked';
  isConnectionCredential: boolean;
  usage: UsageEvent[];
  snoozedUntil: number | null;
  firstSeenAt: number;
  updatedAt: number;
}

/**
 * The local part of a row for a token Tokenkeeper records for the first time (from a sync, a
 * create or by hand): active, in no rotation, not the connection's credential, not
 * snoozed, first seen now.
 */
export function newTokenState(
  now: number,
): Pick<
  TokenRecord,
  | 'state'
  | 'graceEndsAt'
  | 'replacesId'
  | 'replacedById'
  | 'isConnectionCredential'
  | 'snoozedUntil'
  | 'firstSeenAt'
  | 'updatedAt'
> {
  return {
    state: 'active',
    graceEndsAt: null,
    replacesId: null,
    replacedById: null,
    isConnectionCredential: false,
    snoozedUntil: null,
    firstSeenAt: now,
    updatedAt: now,
  };
}

export interface TokenSqlRow {
  id: string;
  connection_id: string;
  remote_id: string | null;
  account_id: string | null;
  account_name: string | null;
  name: string;
  last4: string | null;
  created_at: number | null;
  created_by: string | null;
  last_used_at: number | null;
  expires_at: number | null;
  scope_kind: ScopeKind;
  scope_summary: string;
  scope: string;
  broad_scope: number;
  legacy: number;
  state: TokenState;
  grace_ends_at: number | null;
  replaces_id: string | null;
  replaced_by_id: string | null;
  origin: 'synced' | 'tracked';
  is_connection_credential: number;
  usage: string;
  snoozed_until: number | null;
  first_seen_at: number;
  updated_at: number;
}

export function tokenFromRow(row: TokenSqlRow): TokenRecord {
  return {
    id: row.id,
    connectionId: row.connection_id,
    remoteId: row.remote_id,
    accountId: row.account_id,
    accountName: row.account_name,
    name: row.name,
    last4: row.last4,
    createdAt: row.created_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    scopeKind: row.scope_kind,
    scopeSummary: row.scope_summary,
    scope: { ...EMPTY_SCOPE, ...parseJson<Partial<TokenScope>>(row.scope, {}) },
    broadScope: bool(row.broad_scope),
    legacy: bool(row.legacy),
    state: row.state,
    graceEndsAt: row.grace_ends_at,
    replacesId: row.replaces_id,
    replacedById: row.replaced_by_id,
    origin: row.origin,
    isConnectionCredential: bool(row.is_connection_credential),
    usage: parseJson<UsageEvent[]>(row.usage, []),
    snoozedUntil: row.snoozed_until,
    firstSeenAt: row.first_seen_at,
    updatedAt: row.updated_at,
  };
}

/** Lower-cased text the list's search box matches against. */
export function searchTextFor(t: TokenRecord): string {
  return [t.name, t.accountName, t.last4, t.createdBy, t.scopeSummary]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('\u001f')
    .toLowerCase();
}

function toParams(t: TokenRecord) {
  return {
    id: t.id,
    connectionId: t.connectionId,
    remoteId: t.remoteId,
    accountId: t.accountId,
    accountName: t.accountName,
    name: t.name,
    last4: t.last4,
    createdAt: t.createdAt,
    createdBy: t.createdBy,
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
    scopeKind: t.scopeKind,
    scopeSummary: t.scopeSummary,
    scope: JSON.stringify(t.scope),
    broadScope: int(t.broadScope),
    legacy: int(t.legacy),
    state: t.state,
    graceEndsAt: t.graceEndsAt,
    replacesId: t.replacesId,
    replacedById: t.replacedById,
    origin: t.origin,
    isConnectionCredential: int(t.isConnectionCredential),
    usage: JSON.stringify(t.usage),
    snoozedUntil: t.snoozedUntil,
    searchText: searchTextFor(t),
    firstSeenAt: t.firstSeenAt,
    updatedAt: t.updatedAt,
  };
}

export type TokensRepo = ReturnType<typeof tokensRepo>;

type TokenParams = ReturnType<typeof toParams>;
/** The column each parameter of toParams() writes (camelCase to snake_case). */
const columnOf = (param: string) => param.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
/** Never changed by an update: the row's identity and when it was first seen. */
const FIXED_PARAMS = new Set<keyof TokenParams>(['id', 'connectionId', 'firstSeenAt']);

export function tokensRepo(db: Database) {
  const columns = `id, connection_id, remote_id, account_id, account_name, name, last4, created_at, created_by,
    last_used_at, expires_at, scope_kind, scope_summary, scope, broad_scope, legacy, state, grace_ends_at,
    replaces_id, replaced_by_id, origin, is_connection_credential, usage, snoozed_until, search_text,
    first_seen_at, updated_at`;
  const values = `@id, @connectionId, @remoteId, @accountId, @accountName, @name, @last4, @createdAt, @createdBy,
    @lastUsedAt, @expiresAt, @scopeKind, @scopeSummary, @scope, @broadScope, @legacy, @state, @graceEndsAt,
    @replacesId, @replacedById, @origin, @isConnectionCredential, @usage, @snoozedUntil, @searchText,
    @firstSeenAt, @updatedAt`;
  const insert = db.prepare(`INSERT INTO tokens (${columns}) VALUES (${values})`);
  const update = db.prepare(`
    UPDATE tokens SET remote_id = @remoteId, account_id = @accountId, account_name = @accountName, name = @name,
      last4 = @last4, created_at = @createdAt, created_by = @createdBy, last_used_at = @lastUsedAt,
      expires_at = @expiresAt, scope_kind = @scopeKind, scope_summary = @scopeSummary, scope = @scope,
      broad_scope = @broadScope, legacy = @legacy, state = @state, grace_ends_at = @graceEndsAt,
      replaces_id = @replacesId, replaced_by_id = @replacedById, origin = @origin,
      is_connection_credential = @isConnectionCredential, usage = @usage,
      snoozed_until = @snoozedUntil, search_text = @searchText, updated_at = @updatedAt
    WHERE id = @id`);
  const getOne = db.prepare<[string], TokenSqlRow>('SELECT * FROM tokens WHERE id = ?');
  const byConnection = db.prepare<[string], TokenSqlRow>('SELECT * FROM tokens WHERE connection_id = ?');
  const all = db.prepare<[], TokenSqlRow>('SELECT * FROM tokens');
  // One UPDATE per set of changed columns, prepared once.
  const partialUpdates = new Map<string, Statement>();
  const liveCount = db.prepare<[string], { n: number }>(
    `SELECT COUNT(*) AS n FROM tokens WHERE connection_id = ? AND state IN ('active', 'grace')`,
  );

  return {
    insert(record: TokenRecord): void {
      insert.run(toParams(record));
    },
    save(record: TokenRecord): void {
      update.run(toParams(record));
    },
    /**
     * Writes only the columns that differ from `before` (the row as stored): a re-sync where only
     * the last use moved then touches no index. `save()` rewrites every column and so every index
     * of the row (a re-sync of 50,000 changed tokens took 6× a plain upsert; npm run bench).
     */
    saveChanged(before: TokenRecord, after: TokenRecord): void {
      if (before.id !== after.id) throw new Error('saveChanged: not the same token');
      const old = toParams(before);
      const next = toParams(after);
      const changed = (Object.keys(next) as (keyof TokenParams)[]).filter(
        (key) => !FIXED_PARAMS.has(key) && next[key] !== old[key],
      );
      if (changed.length === 0) return;
      const sql = `UPDATE tokens SET ${changed.map((key) => `${columnOf(key)} = @${key}`).join(', ')} WHERE id = @id`;
      let statement = partialUpdates.get(sql);
      if (statement === undefined) {
        statement = db.prepare(sql);
        partialUpdates.set(sql, statement);
      }
      statement.run(Object.fromEntries([['id', next.id], ...changed.map((key) => [key, next[key]])]));
    },
    get(id: string): TokenRecord | null {
      const row = getOne.get(id);
      return row === undefined ? null : tokenFromRow(row);
    },
    listByConnection(connectionId: string): TokenRecord[] {
      return byConnection.all(connectionId).map(tokenFromRow);
    },
    listAll(): TokenRecord[] {
      return all.all().map(tokenFromRow);
    },
    liveCount(connectionId: string): number {
      return liveCount.get(connectionId)?.n ?? 0;
    },
  };
}
