import { rebuildTable } from './rebuild-table';
import type { Migration } from './types';

/**
 * The database stops repeating enums that the contract and the registry already validate:
 * `connections`, `tokens`, `operations` and `audit` are rebuilt without their `CHECK (x IN
 * (...))` on provider, mode, status, scope kind, state, origin, operation kind and state, and
 * audit outcome. A new provider, token state or operation kind then needs no table rebuild.
 *
 * Everything else stays exactly as it was: column order, types, NOT NULL, defaults, the boolean
 * `IN (0, 1)` checks (a value, not a list of names), every foreign key (tokens' own rotation
 * links included) and every index (0001's, 0003's expression index). Frozen SQL, not derived
 * from the old definitions: a shipped migration must not change when other code does.
 *
 * `TABLES_AT_V4` holds the four definitions as this migration leaves them; tests build on them.
 */
export const TABLES_AT_V4 = {
  connections: `
    id TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    label TEXT NOT NULL,
    mode TEXT NOT NULL,
    base_url TEXT,
    accounts TEXT NOT NULL DEFAULT '[]',
    identity TEXT,
    status TEXT NOT NULL DEFAULT 'never_synced',
    last_sync_at INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL`,
  tokens: `
    id TEXT PRIMARY KEY,
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    remote_id TEXT,
    account_id TEXT,
    account_name TEXT,
    name TEXT NOT NULL,
    last4 TEXT,
    created_at INTEGER,
    created_by TEXT,
    last_used_at INTEGER,
    expires_at INTEGER,
    scope_kind TEXT NOT NULL DEFAULT 'none',
    scope_summary TEXT NOT NULL DEFAULT '',
    scope TEXT NOT NULL DEFAULT '{}',
    broad_scope INTEGER NOT NULL DEFAULT 0 CHECK (broad_scope IN (0, 1)),
    legacy INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1)),
    state TEXT NOT NULL DEFAULT 'active',
    grace_ends_at INTEGER,
    replaces_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
    replaced_by_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
    origin TEXT NOT NULL,
    is_connection_credential INTEGER NOT NULL DEFAULT 0 CHECK (is_connection_credential IN (0, 1)),
    note TEXT,
    usage TEXT NOT NULL DEFAULT '[]',
    snoozed_until INTEGER,
    search_text TEXT NOT NULL DEFAULT '',
    first_seen_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL`,
  operations: `
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    connection_id TEXT REFERENCES connections(id) ON DELETE SET NULL,
    token_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
    result_token_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
    token_name TEXT NOT NULL,
    request TEXT NOT NULL DEFAULT '{}',
    error TEXT,
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    secret_pending INTEGER NOT NULL DEFAULT 0 CHECK (secret_pending IN (0, 1))`,
  audit: `
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    connection_id TEXT,
    token_id TEXT,
    detail TEXT NOT NULL DEFAULT ''`,
} as const;

export const m0004EnumsOutOfSchema: Migration = {
  version: 4,
  name: 'no enum CHECKs on connections, tokens, operations, audit',
  up(db) {
    for (const table of ['connections', 'tokens', 'operations', 'audit'] as const) {
      rebuildTable(db, { table, columns: TABLES_AT_V4[table] });
    }
  },
};
