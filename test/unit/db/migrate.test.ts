/**
 * The runner: foreign keys off around the migration transaction, foreign_key_check before
 * commit. The danger it closes: a textbook rebuild of `connections` with foreign keys on deletes
 * every token through ON DELETE CASCADE, hand-tracked ones included.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseMigrationError, openDatabase } from '../../../src-main/core/db/database';
import { listBackups } from '../../../src-main/core/db/backup';
import { applyMigrations, ForeignKeyViolationError } from '../../../src-main/core/db/migrate';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src-main/core/db/migrations';
import type { Migration } from '../../../src-main/core/db/migrations/types';
import { databaseAt, insertRealRows, readAllRows, realRows } from './real-rows';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const NEXT = LATEST_SCHEMA_VERSION + 1;

/** What a developer would write from SQLite's docs without a helper: new table, copy, drop, rename. */
function textbookConnectionsRebuild(db: Database): void {
  db.exec(`
    CREATE TABLE connections_new (
      id TEXT PRIMARY KEY, provider TEXT NOT NULL, label TEXT NOT NULL, mode TEXT NOT NULL,
      base_url TEXT, accounts TEXT NOT NULL DEFAULT '[]', identity TEXT,
      status TEXT NOT NULL DEFAULT 'never_synced', last_sync_at INTEGER, last_error TEXT,
      created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, credential_origin TEXT
    ) STRICT;
    INSERT INTO connections_new SELECT * FROM connections;
    DROP TABLE connections;
    ALTER TABLE connections_new RENAME TO connections;
  `);
}

const textbook: Migration = { version: NEXT, name: 'textbook rebuild', up: textbookConnectionsRebuild };

/** A current database holding the real rows, closed: the file a user has. */
function currentFileWithRows() {
  const { file, db } = databaseAt(LATEST_SCHEMA_VERSION);
  const rows = realRows(LATEST_SCHEMA_VERSION);
  insertRealRows(db, rows);
  db.close();
  return { file, rows };
}

describe('migration runner', () => {
  it('without it, a textbook rebuild of connections deletes every token (the danger is real)', () => {
    const { file } = currentFileWithRows();
    const db = new BetterSqlite3(file);
    db.pragma('foreign_keys = ON');
    db.transaction(() => textbookConnectionsRebuild(db))();
    expect(db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 0 });
    db.close();
  });

  it('runs the same textbook rebuild of connections and keeps every token, hand-tracked ones included', () => {
    const { file, rows } = currentFileWithRows();
    const { db, applied } = openDatabase({ file, migrations: [...migrations, textbook] });
    expect(applied).toEqual([NEXT]);
    expect(readAllRows(db, rows)).toEqual(rows);
    expect(db.prepare(`SELECT id FROM tokens WHERE origin = 'tracked' ORDER BY id`).all()).toEqual([
      { id: 't_hand_mirox' },
      { id: 't_hand_smoxy' },
    ]);
    // Foreign keys are on again and still lead to the rebuilt table.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(`DELETE FROM connections WHERE id = 'c_mirox'`).run();
    expect(db.prepare(`SELECT count(*) AS n FROM tokens WHERE connection_id = 'c_mirox'`).get()).toEqual({
      n: 0,
    });
    db.close();
  });

  it('refuses a migration that leaves rows pointing at nothing, and leaves the file byte-for-byte untouched', () => {
    const { file, rows } = currentFileWithRows();
    const before = sha(file);
    // With foreign keys off nothing cascades: the hand-tracked Mirox token would be left without its connection.
    const dangling: Migration = {
      version: NEXT,
      name: 'removes a connection and relies on a cascade',
      up: (db) => db.exec(`DELETE FROM connections WHERE id = 'c_mirox'`),
    };
    let caught: unknown;
    try {
      openDatabase({ file, migrations: [...migrations, dangling], now: () => Date.UTC(2026, 5, 1) });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseMigrationError);
    const [backup] = listBackups(file);
    expect((caught as Error).message).toBe(
      `Tokenkeeper could not update its data from schema ${LATEST_SCHEMA_VERSION} to ${NEXT}: ` +
        'the update would leave rows pointing at rows that do not exist ' +
        '(operations → connections: 1 row; tokens → connections: 1 row). The file was not changed. ' +
        `A copy from before the update is kept at ${backup}.`,
    );
    expect(sha(file)).toBe(before);
    // No journal left behind either: only the file and the backup.
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(
      ['tokenkeeper.db', path.basename(backup!)].sort(),
    );
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(readAllRows(db, rows)).toEqual(rows);
    db.close();
  });

  it('turns foreign keys back on after a failed migration, with nothing applied', () => {
    const { db } = databaseAt(LATEST_SCHEMA_VERSION);
    const failing: Migration = {
      version: NEXT,
      name: 'fails',
      up: (d) =>
        d.exec(
          `INSERT INTO tokens (id, connection_id, name, origin, first_seen_at, updated_at) VALUES ('t', 'nowhere', 'x', 'tracked', 1, 1)`,
        ),
    };
    expect(() => applyMigrations(db, [...migrations, failing])).toThrow(ForeignKeyViolationError);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 0 });
    db.close();
  });
});
