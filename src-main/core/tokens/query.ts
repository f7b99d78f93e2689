/**
 * The token list query: filters, search, sort, grouping and paging in SQL, so the renderer can
 * page through 50,000 rows without the main process holding them all. Only enum values from the
 * validated query are ever spliced into SQL; everything the user typed is a bound parameter.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { SortColumn, TokenCounts, TokenPage, TokenQuery, TokenRow } from '../../../src-preload/contract';
import { LIST_ORDER_NEVER_EXPIRES } from '../db/migrations/0003-list-indexes';
import { tokenFromRow, type TokenRecord, type TokenSqlRow } from '../db/repositories/tokens';
import { ATTENTION_SQL, DAY_MS, STATUS_RANK_SQL, badgeSql, badgesFor } from './status';

type JoinedRow = TokenSqlRow & { provider: TokenRow['provider']; connection_label: string };

const SORT_SQL: Record<SortColumn, string> = {
  provider: 'c.provider',
  account: `COALESCE(t.account_name, '') COLLATE NOCASE`,
  name: 't.name COLLATE NOCASE',
  last4: 't.last4',
  createdAt: 't.created_at',
  lastUsedAt: 't.last_used_at',
  // Never-expiring tokens sort after every dated one when ascending. Exactly the expression of
  // the tokens_list_expiry index (migration 3), so the default order is read from the index.
  expiresAt: `COALESCE(t.expires_at, ${LIST_ORDER_NEVER_EXPIRES})`,
  scope: 't.scope_summary COLLATE NOCASE',
  status: STATUS_RANK_SQL,
};

const NULLABLE_SQL: Partial<Record<SortColumn, string>> = {
  last4: 't.last4',
  createdAt: 't.created_at',
  lastUsedAt: 't.last_used_at',
};

const GROUP_SQL = {
  none: null,
  provider: 'c.provider',
  connection: 'c.label COLLATE NOCASE, c.id',
} as const;

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

export function toTokenRow(
  record: TokenRecord,
  provider: TokenRow['provider'],
  connectionLabel: string,
  now: number,
  /** Whether the provider reports last use (the registry's `reportingLastUse`). */
  reportsLastUse: boolean,
): TokenRow {
  return {
    id: record.id,
    connectionId: record.connectionId,
    connectionLabel,
    provider,
    accountId: record.accountId,
    accountName: record.accountName,
    name: record.name,
    last4: record.last4,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    lastUsedAt: record.lastUsedAt,
    expiresAt: record.expiresAt,
    scopeKind: record.scopeKind,
    scopeSummary: record.scopeSummary,
    state: record.state,
    graceEndsAt: record.graceEndsAt,
    origin: record.origin,
    isConnectionCredential: record.isConnectionCredential,
    snoozedUntil: record.snoozedUntil,
    replacesId: record.replacesId,
    replacedById: record.replacedById,
    badges: badgesFor(
      { ...record, reportsLastUse, reportedProblem: record.scope.problem !== undefined },
      now,
    ),
  };
}

/**
 * How long a count (the header counts, a query's match count) is reused while nothing in the
 * database changed. Counting scans every live token (50 ms at 50,000 tokens), and the renderer
 * asks for a page at a time as the list scrolls; the counts that depend on the time (expired,
 * expiring soon) are at most this much behind a deadline passing.
 */
export const COUNT_REUSE_MS = 10_000;

/** `reportingLastUse`: the providers whose API reports last use (the registry's list). */
export function tokenQueries(db: Database, reportingLastUse: readonly string[]) {
  const BADGE_SQL = badgeSql(reportingLastUse);
  const reporting = new Set(reportingLastUse);
  const rowOf = (row: JoinedRow, now: number) =>
    toTokenRow(tokenFromRow(row), row.provider, row.connection_label, now, reporting.has(row.provider));
  const statements = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };

  const countsStatement = db.prepare<{ now: number }, TokenCounts>(`
    SELECT
      COUNT(*) AS total,
      COALESCE(SUM(${BADGE_SQL.expired}), 0) AS expired,
      COALESCE(SUM(${BADGE_SQL.expires_7} OR ${BADGE_SQL.expires_30}), 0) AS expiringSoon,
      COALESCE(SUM(${BADGE_SQL.grace}), 0) AS grace,
      COALESCE(SUM(${BADGE_SQL.never_used}), 0) AS neverUsed,
      COALESCE(SUM(${ATTENTION_SQL}), 0) AS needsAttention
    FROM tokens t JOIN connections c ON c.id = t.connection_id
    WHERE t.state IN ('active', 'grace')`);

  const oneRow = db.prepare<[string], JoinedRow>(`
    SELECT t.*, c.provider AS provider, c.label AS connection_label
    FROM tokens t JOIN connections c ON c.id = t.connection_id WHERE t.id = ?`);

  // Counts are reused while the database is unchanged (total_changes() moves with every insert,
  // update and delete on this connection, the only one the app opens) and for COUNT_REUSE_MS.
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck();
  const counted = new Map<string, { at: number; changes: number; value: number | TokenCounts }>();
  function reuse<T extends number | TokenCounts>(key: string, now: number, compute: () => T): T {
    const version = changes.get() ?? 0;
    const hit = counted.get(key);
    if (hit !== undefined && hit.changes === version && now >= hit.at && now - hit.at < COUNT_REUSE_MS)
      return hit.value as T;
    if (counted.size > 100 || (hit !== undefined && hit.changes !== version)) counted.clear();
    const value = compute();
    counted.set(key, { at: now, changes: version, value });
    return value;
  }

  /**
   * `orderedScan`: the live-state test is written `+t.state` so SQLite does not pick the state
   * index (every live token) over reading the list order's index and stopping after one page.
   */
  function where(query: TokenQuery, params: Record<string, unknown>, orderedScan = false): string {
    const clauses: string[] = [];
    if (
      query.includeInactive !== true &&
      !(query.badges ?? []).some((b) => b === 'revoked' || b === 'removed' || b === 'retired')
    ) {
      clauses.push(`${orderedScan ? '+' : ''}t.state IN ('active', 'grace')`);
    }
    const search = query.search?.trim().toLowerCase() ?? '';
    if (search.length > 0) {
      params.search = `%${escapeLike(search)}%`;
      // The label test as a subquery (evaluated once) keeps the join out of the match count.
      clauses.push(
        `(t.search_text LIKE @search ESCAPE '\\' OR t.connection_id IN (SELECT id FROM connections WHERE lower(label) LIKE @search ESCAPE '\\') OR t.id IN (SELECT token_id FROM token_annotations WHERE search_text LIKE @search ESCAPE '\\'))`,
      );
    }
    if (query.tags !== undefined && query.tags.length > 0) {
      const names = query.tags.map((tag, i) => {
        params[`tag${i}`] = tag;
        return `@tag${i}`;
      });
      clauses.push(
        `t.id IN (SELECT a.token_id FROM token_annotations a, json_each(a.tags) j WHERE j.value IN (${names.join(', ')}))`,
      );
    }
    if (query.owners !== undefined && query.owners.length > 0) {
      const names = query.owners.map((owner, i) => {
        params[`owner${i}`] = owner;
        return `@owner${i}`;
      });
      clauses.push(`t.id IN (SELECT token_id FROM token_annotations WHERE owner IN (${names.join(', ')}))`);
    }
    if (query.providers !== undefined && query.providers.length > 0) {
      // Provider ids are checked against the contract's id pattern and the registry.
      clauses.push(`c.provider IN (${query.providers.map((p) => `'${p}'`).join(', ')})`);
    }
    if (query.connectionIds !== undefined && query.connectionIds.length > 0) {
      const names = query.connectionIds.map((id, i) => {
        params[`conn${i}`] = id;
        return `@conn${i}`;
      });
      clauses.push(`t.connection_id IN (${names.join(', ')})`);
    }
    if (query.badges !== undefined && query.badges.length > 0) {
      clauses.push(`(${query.badges.map((badge) => BADGE_SQL[badge]).join(' OR ')})`);
    }
    if (query.expiringWithinDays !== undefined) {
      params.horizon = (params.now as number) + query.expiringWithinDays * DAY_MS;
      clauses.push('(t.expires_at IS NOT NULL AND t.expires_at <= @horizon)');
    }
    return clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`;
  }

  function orderBy(query: TokenQuery): string {
    const parts: string[] = [];
    const group = GROUP_SQL[query.groupBy ?? 'none'];
    if (group !== null) parts.push(group);
    const sort = query.sort ?? { column: 'expiresAt', direction: 'asc' };
    // Missing values sort last in either direction.
    const nullable = NULLABLE_SQL[sort.column];
    if (nullable !== undefined) parts.push(`(${nullable} IS NULL)`);
    parts.push(`${SORT_SQL[sort.column]} ${sort.direction === 'desc' ? 'DESC' : 'ASC'}`);
    parts.push('t.name COLLATE NOCASE', 't.id');
    return `ORDER BY ${parts.join(', ')}`;
  }

  return {
    list(query: TokenQuery, now: number): TokenPage {
      const params: Record<string, unknown> = { now };
      const whereSql = where(query, params);
      // Every token has its connection (foreign key, ON DELETE CASCADE): join only to filter by it.
      const countFrom = /\bc\./.test(whereSql)
        ? 'FROM tokens t JOIN connections c ON c.id = t.connection_id'
        : 'FROM tokens t';
      const countSql = `SELECT COUNT(*) AS n ${countFrom} ${whereSql}`;
      const matched = reuse(
        `${countSql}\u0000${JSON.stringify(params)}`,
        now,
        () => (prepared(countSql).get(params) as { n: number }).n,
      );
      // A search tests every row anyway: scan the table and sort the matches, rather than walk the
      // order index and fetch each row (slow when few rows match).
      const searching = params.search !== undefined;
      const from = `FROM tokens t${searching ? ' NOT INDEXED' : ''} JOIN connections c ON c.id = t.connection_id`;
      const rows = prepared(
        `SELECT t.*, c.provider AS provider, c.label AS connection_label ${from} ${searching ? whereSql : where(query, { ...params }, true)} ${orderBy(query)} LIMIT @limit OFFSET @offset`,
      ).all({ ...params, limit: query.limit, offset: query.offset }) as JoinedRow[];
      return {
        rows: rows.map((row) => rowOf(row, now)),
        matched,
        counts: this.counts(now),
        generatedAt: now,
      };
    },
    counts(now: number): TokenCounts {
      return reuse('counts', now, () => countsStatement.get({ now }) as TokenCounts);
    },
    row(id: string, now: number): TokenRow | null {
      const row = oneRow.get(id);
      return row === undefined ? null : rowOf(row, now);
    },
  };
}

export type TokenQueries = ReturnType<typeof tokenQueries>;
