import type { Migration } from './types';

/**
 * The first schema. Times are milliseconds since the epoch (INTEGER). JSON columns hold only
 * non-secret metadata. No column anywhere is meant for a secret.
 */
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial schema: connections, tokens, reminders_sent, operations, audit, settings',
  up(db) {
    db.exec(`
      CREATE TABLE connections (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL CHECK (provider IN ('mailtrap', 'smoxy', 'mirox', 'smenso')),
        label TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('api', 'tracked')),
        base_url TEXT,
        accounts TEXT NOT NULL DEFAULT '[]',
        identity TEXT,
        status TEXT NOT NULL DEFAULT 'never_synced'
          CHECK (status IN ('never_synced', 'syncing', 'ok', 'error', 'needs_credential', 'needs_sign_in', 'tracked')),
        last_sync_at INTEGER,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE tokens (
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
        scope_kind TEXT NOT NULL DEFAULT 'none'
          CHECK (scope_kind IN ('resources', 'organizations', 'permission_group', 'workspace', 'none')),
        scope_summary TEXT NOT NULL DEFAULT '',
        scope TEXT NOT NULL DEFAULT '{}',
        broad_scope INTEGER NOT NULL DEFAULT 0 CHECK (broad_scope IN (0, 1)),
        legacy INTEGER NOT NULL DEFAULT 0 CHECK (legacy IN (0, 1)),
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'grace', 'revoked', 'removed', 'retired')),
        grace_ends_at INTEGER,
        replaces_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
        replaced_by_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
        origin TEXT NOT NULL CHECK (origin IN ('synced', 'tracked')),
        is_connection_credential INTEGER NOT NULL DEFAULT 0 CHECK (is_connection_credential IN (0, 1)),
        note TEXT,
        usage TEXT NOT NULL DEFAULT '[]',
        snoozed_until INTEGER,
        search_text TEXT NOT NULL DEFAULT '',
        first_seen_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX tokens_remote ON tokens(connection_id, account_id, remote_id) WHERE remote_id IS NOT NULL;
      CREATE INDEX tokens_connection ON tokens(connection_id);
      CREATE INDEX tokens_expires ON tokens(expires_at);
      CREATE INDEX tokens_state ON tokens(state);

      CREATE TABLE reminders_sent (
        token_id TEXT NOT NULL REFERENCES tokens(id) ON DELETE CASCADE,
        threshold TEXT NOT NULL,
        target_at INTEGER NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (token_id, threshold, target_at)
      ) STRICT;

      CREATE TABLE operations (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('create', 'rotate', 'revoke', 'delete_old', 'manual_rotate')),
        state TEXT NOT NULL
          CHECK (state IN ('pending', 'awaiting_confirmation', 'succeeded', 'failed', 'ambiguous', 'interrupted', 'abandoned')),
        connection_id TEXT REFERENCES connections(id) ON DELETE SET NULL,
        token_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
        result_token_id TEXT REFERENCES tokens(id) ON DELETE SET NULL,
        token_name TEXT NOT NULL,
        request TEXT NOT NULL DEFAULT '{}',
        error TEXT,
        acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX operations_open ON operations(state) WHERE acknowledged = 0;

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        action TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'info')),
        connection_id TEXT,
        token_id TEXT,
        detail TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX audit_token ON audit(token_id);

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
