/**
 * The renderer's list index, a page at a time: every token's list metadata (never a secret) in
 * id order, so the window can search, filter, sort and group 50,000 tokens itself within a frame
 * while the database stays the source of truth. Keyset paging (`t.id > @after`) reads each page
 * straight from the primary key; a change to some connections is fetched again for those alone.
 */
import type { Database, Statement } from 'better-sqlite3';
import type {
  ProviderId,
  TokenIndexPage,
  TokenIndexQuery,
  TokenIndexRow,
} from '../../../src-preload/contract';
import { parseJson } from '../db/repositories/json';
import type { TokenSqlRow } from '../db/repositories/tokens';
import { badgesFor } from './status';

/**
 * The columns the index reads (no scope or usage), the connection's provider, and the
 * annotation's tags, owner and search text (none: NULL).
 */
type IndexSqlRow = Omit<TokenSqlRow, 'remote_id' | 'scope' | 'usage' | 'first_seen_at' | 'updated_at'> & {
  search_text: string;
  provider: ProviderId;
  tags: string | null;
  owner: string | null;
  annotation_text: string | null;
};

const COLUMNS = `t.id, t.connection_id, t.account_id, t.account_name, t.name, t.last4, t.created_at, t.created_by,
  t.last_used_at, t.expires_at, t.scope_kind, t.scope_summary, t.state, t.grace_ends_at, t.origin,
  t.is_connection_credential, t.snoozed_until, t.replaces_id, t.replaced_by_id, t.broad_scope, t.legacy,
  t.search_text, c.provider, a.tags, a.owner, a.search_text AS annotation_text`;

function toIndexRow(row: IndexSqlRow, now: number, reporting: ReadonlySet<string>): TokenIndexRow {
  const badges = badgesFor(
    {
      reportsLastUse: reporting.has(row.provider),
      state: row.state,
      origin: row.origin,
      expiresAt: row.expires_at,
      lastUsedAt: row.last_used_at,
      broadScope: row.broad_scope === 1,
      legacy: row.legacy === 1,
      isConnectionCredential: row.is_connection_credential === 1,
    },
    now,
  );
  return [
    row.id,
    row.connection_id,
    row.account_id,
    row.account_name,
    row.name,
    row.last4,
    row.created_at,
    row.created_by,
    row.last_used_at,
    row.expires_at,
    row.scope_kind,
    row.scope_summary,
    row.state,
    row.grace_ends_at,
    row.origin,
    row.is_connection_credential === 1,
    row.snoozed_until,
    row.replaces_id,
    row.replaced_by_id,
    badges,
    row.search_text,
    row.provider,
    parseJson<string[]>(row.tags, []),
    row.owner,
    row.annotation_text ?? '',
  ];
}

/** `reportingLastUse`: the providers whose API reports last use (the registry's list). */
export function tokenIndexQueries(db: Database, reportingLastUse: readonly string[]) {
  const reporting = new Set(reportingLastUse);
  const statements = new Map<number, Statement<Record<string, unknown>, IndexSqlRow>>();
  const statementFor = (connections: number) => {
    let statement = statements.get(connections);
    if (statement === undefined) {
      const filter =
        connections === 0
          ? ''
          : `AND t.connection_id IN (${Array.from({ length: connections }, (_, i) => `@c${i}`).join(', ')})`;
      statement = db.prepare<Record<string, unknown>, IndexSqlRow>(
        `SELECT ${COLUMNS} FROM tokens t JOIN connections c ON c.id = t.connection_id
         LEFT JOIN token_annotations a ON a.token_id = t.id
         WHERE t.id > @after ${filter} ORDER BY t.id LIMIT @limit`,
      );
      // A statement per count of connections asked for (at most 500): kept only for small counts.
      if (connections <= 8) statements.set(connections, statement);
    }
    return statement;
  };

  return {
    page(query: TokenIndexQuery, now: number): TokenIndexPage {
      const ids = query.connectionIds ?? [];
      const params: Record<string, unknown> = { after: query.after ?? '', limit: query.limit };
      ids.forEach((id, i) => (params[`c${i}`] = id));
      const rows = statementFor(ids.length).all(params);
      return {
        rows: rows.map((row) => toIndexRow(row, now, reporting)),
        next: rows.length === query.limit ? (rows[rows.length - 1]?.id ?? null) : null,
        generatedAt: now,
      };
    },
  };
}
