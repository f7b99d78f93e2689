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
 * annotation's tags, owner and search text (none: NULL), in the order of the tuple the renderer
 * gets. They are read as plain arrays (better-sqlite3's raw mode): for 50,000 tokens, building an
 * object with 23 named fields per row took about half of the read, and the tuple is those values
 * nearly as they come.
 */
const COLUMNS = `t.id, t.connection_id, t.account_id, t.account_name, t.name, t.last4, t.created_at, t.created_by,
  t.last_used_at, t.expires_at, t.scope_kind, t.scope_summary, t.state, t.grace_ends_at, t.origin,
  t.is_connection_credential, t.snoozed_until, t.replaces_id, t.replaced_by_id, t.broad_scope, t.legacy,
  t.search_text, c.provider, a.tags, a.owner, a.search_text AS annotation_text,
  json_extract(t.scope, '$.problem') IS NOT NULL AS reported_problem`;

type Column<K extends keyof TokenSqlRow> = TokenSqlRow[K];
/** One row as SQLite gives it in raw mode: COLUMNS, in their order. */
type IndexSqlTuple = [
  Column<'id'>,
  Column<'connection_id'>,
  Column<'account_id'>,
  Column<'account_name'>,
  Column<'name'>,
  Column<'last4'>,
  Column<'created_at'>,
  Column<'created_by'>,
  Column<'last_used_at'>,
  Column<'expires_at'>,
  Column<'scope_kind'>,
  Column<'scope_summary'>,
  Column<'state'>,
  Column<'grace_ends_at'>,
  Column<'origin'>,
  Column<'is_connection_credential'>,
  Column<'snoozed_until'>,
  Column<'replaces_id'>,
  Column<'replaced_by_id'>,
  Column<'broad_scope'>,
  Column<'legacy'>,
  string, // search_text
  ProviderId, // provider
  string | null, // the annotation's tags (JSON)
  string | null, // the annotation's owner
  string | null, // the annotation's search text
  number, // reported_problem: the scope carries a problem the provider reports (1) or not (0)
];

function toIndexRow(row: IndexSqlTuple, now: number, reporting: ReadonlySet<string>): TokenIndexRow {
  const [
    id,
    connectionId,
    accountId,
    accountName,
    name,
    last4,
    createdAt,
    createdBy,
    lastUsedAt,
    expiresAt,
    scopeKind,
    scopeSummary,
    state,
    graceEndsAt,
    origin,
    connectionCredential,
    snoozedUntil,
    replacesId,
    replacedById,
    broadScope,
    legacy,
    searchText,
    provider,
    tags,
    owner,
    annotationText,
    reportedProblem,
  ] = row;
  const badges = badgesFor(
    {
      reportsLastUse: reporting.has(provider),
      state,
      origin,
      expiresAt,
      lastUsedAt,
      broadScope: broadScope === 1,
      legacy: legacy === 1,
      isConnectionCredential: connectionCredential === 1,
      reportedProblem: reportedProblem === 1,
    },
    now,
  );
  return [
    id,
    connectionId,
    accountId,
    accountName,
    name,
    last4,
    createdAt,
    createdBy,
    lastUsedAt,
    expiresAt,
    scopeKind,
    scopeSummary,
    state,
    graceEndsAt,
    origin,
    connectionCredential === 1,
    snoozedUntil,
    replacesId,
    replacedById,
    badges,
    searchText,
    provider,
    parseJson<string[]>(tags, []),
    owner,
    annotationText ?? '',
  ];
}

/** `reportingLastUse`: the providers whose API reports last use (the registry's list). */
export function tokenIndexQueries(db: Database, reportingLastUse: readonly string[]) {
  const reporting = new Set(reportingLastUse);
  const statements = new Map<number, Statement<Record<string, unknown>, IndexSqlTuple>>();
  const statementFor = (connections: number) => {
    let statement = statements.get(connections);
    if (statement === undefined) {
      const filter =
        connections === 0
          ? ''
          : `AND t.connection_id IN (${Array.from({ length: connections }, (_, i) => `@c${i}`).join(', ')})`;
      statement = db
        .prepare<Record<string, unknown>, IndexSqlTuple>(
          `SELECT ${COLUMNS} FROM tokens t JOIN connections c ON c.id = t.connection_id
           LEFT JOIN token_annotations a ON a.token_id = t.id
         WHERE t.id > @after ${filter} ORDER BY t.id LIMIT @limit`,
        )
        .raw(true);
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
        next: rows.length === query.limit ? (rows[rows.length - 1]?.[0] ?? null) : null,
        generatedAt: now,
      };
    },
  };
}
