/**
 * rebuildTable, the helper later migrations use to change constraints: every row survives under
 * its rowid, indexes, triggers and views come back, and the mistakes that would lose data are
 * refused with a clear message before anything is committed.
 */
import type { Database } from 'better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseMigrationError, openDatabase } from '../../../src-main/core/db/database';
import { applyMigrations } from '../../../src-main/core/db/migrate';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src-main/core/db/migrations';
import { TOKENS_AT_V6 } from '../../../src-main/core/db/migrations/0006-token-annotations';
import { CONNECTIONS_AT_V5 } from '../../../src-main/core/db/migrations/0005-credential-origin';
import { rebuildTable, type TableRebuild } from '../../../src-main/core/db/migrations/rebuild-table';
import type { Migration } from '../../../src-main/core/db/migrations/types';
import { databaseAt, insertRealRows, readAllRows, realRows } from './real-rows';

const NEXT = LATEST_SCHEMA_VERSION + 1;

const CONNECTIONS_WITH_SORT_KEY = `${CONNECTIONS_AT_V5},
  sort_key TEXT NOT NULL,
  colour TEXT`;

const rebuilding = (...rebuilds: TableRebuild[]): Migration => ({
  version: NEXT,
  name: 'a rebuild',
  up: (db) => rebuilds.forEach((r) => rebuildTable(db, r)),
});

function migrateCurrentWithRows(migration: Migration) {
  const { file, db: at } = databaseAt(LATEST_SCHEMA_VERSION);
  const rows = realRows(LATEST_SCHEMA_VERSION);
  insertRealRows(at, rows);
  at.close();
  const { db } = openDatabase({ file, migrations: [...migrations, migration] });
  return { file, db, rows };
}

/** A migration on a small schema of its own, run through the runner on an in-memory database. */
function toySchema(setup: string, migration: Migration): Database {
  const db = new BetterSqlite3(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(setup);
  applyMigrations(db, [migration]);
  return db;
}

describe('rebuildTable', () => {
  it('rebuilds connections with a new column and keeps every token, operation and reminder pointing at them', () => {
    const { db, rows } = migrateCurrentWithRows(
      rebuilding({
        table: 'connections',
        columns: CONNECTIONS_WITH_SORT_KEY,
        fill: { sort_key: 'lower(label)' },
      }),
    );
    const after = readAllRows(db, rows);
    expect(after).toEqual({
      ...rows,
      connections: rows.connections!.map((c) => ({
        ...c,
        sort_key: String(c.label).toLowerCase(),
        colour: null,
      })),
    });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('rebuilds tokens, whose rotation links point at the table itself, and keeps them', () => {
    const { db, rows } = migrateCurrentWithRows(
      rebuilding({
        table: 'tokens',
        // tokens as 0006 left them, with the name now limited in length.
        columns: TOKENS_AT_V6.replace('name TEXT NOT NULL', 'name TEXT NOT NULL CHECK (length(name) <= 200)'),
      }),
    );
    expect(readAllRows(db, rows)).toEqual(rows);
    expect(
      (
        db
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tokens' AND sql IS NOT NULL ORDER BY name`,
          )
          .all() as { name: string }[]
      ).map((r) => r.name),
    ).toEqual([
      'tokens_connection',
      'tokens_expires',
      'tokens_list_expiry',
      'tokens_remote',
      'tokens_replaced_by',
      'tokens_replaces',
      'tokens_state',
    ]);
    // The self-references lead to the rebuilt table: removing the new token clears the old one's link.
    db.prepare(`DELETE FROM tokens WHERE id = 't_new'`).run();
    expect(db.prepare(`SELECT replaced_by_id FROM tokens WHERE id = 't_old'`).get()).toEqual({
      replaced_by_id: null,
    });
    db.close();
  });

  it('recreates the table’s indexes and triggers and the views that read it', () => {
    const db = toySchema(
      `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL CHECK (body IN ('a', 'b')), edits INTEGER NOT NULL DEFAULT 0) STRICT;
       CREATE INDEX notes_body ON notes(body);
       CREATE TRIGGER notes_edit AFTER UPDATE OF body ON notes BEGIN UPDATE notes SET edits = edits + 1 WHERE id = new.id; END;
       CREATE VIEW note_bodies AS SELECT body FROM notes;
       INSERT INTO notes (id, body) VALUES (1, 'a'), (7, 'b');`,
      rebuilding({
        table: 'notes',
        columns: `id INTEGER PRIMARY KEY, body TEXT NOT NULL, edits INTEGER NOT NULL DEFAULT 0`,
      }),
    );
    db.prepare(`UPDATE notes SET body = 'c' WHERE id = 7`).run();
    expect(db.prepare('SELECT * FROM notes ORDER BY id').all()).toEqual([
      { id: 1, body: 'a', edits: 0 },
      { id: 7, body: 'c', edits: 1 },
    ]);
    expect(db.prepare('SELECT body FROM note_bodies ORDER BY body').all()).toEqual([
      { body: 'a' },
      { body: 'c' },
    ]);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'notes_body'`).get()).toEqual({
      name: 'notes_body',
    });
    db.close();
  });

  it('keeps an AUTOINCREMENT table from handing out an id it handed out before', () => {
    const db = toySchema(
      `CREATE TABLE log (id INTEGER PRIMARY KEY AUTOINCREMENT, line TEXT NOT NULL CHECK (line IN ('x', 'y'))) STRICT;
       INSERT INTO log (line) VALUES ('x'), ('y'), ('x');
       DELETE FROM log WHERE id = 3;`,
      rebuilding({ table: 'log', columns: `id INTEGER PRIMARY KEY AUTOINCREMENT, line TEXT NOT NULL` }),
    );
    expect(db.prepare(`INSERT INTO log (line) VALUES ('z')`).run().lastInsertRowid).toBe(4);
    db.close();
  });

  it('refuses to let a column disappear unless the migration says so', () => {
    const setup = `CREATE TABLE t (id INTEGER PRIMARY KEY, keep TEXT, old TEXT) STRICT; INSERT INTO t VALUES (1, 'k', 'o');`;
    expect(() =>
      toySchema(setup, rebuilding({ table: 't', columns: 'id INTEGER PRIMARY KEY, keep TEXT' })),
    ).toThrow(
      'rebuildTable(t): the new table has no column old; list it in dropColumns if it is meant to go',
    );
    const db = toySchema(
      setup,
      rebuilding({ table: 't', columns: 'id INTEGER PRIMARY KEY, keep TEXT', dropColumns: ['old'] }),
    );
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1, keep: 'k' }]);
    db.close();
  });

  it('refuses to run outside a migration, where foreign keys on would cascade the drop', () => {
    const { db } = databaseAt(LATEST_SCHEMA_VERSION);
    insertRealRows(db, realRows(LATEST_SCHEMA_VERSION));
    const rebuild = { table: 'connections', columns: CONNECTIONS_WITH_SORT_KEY, fill: { sort_key: 'label' } };
    expect(() => db.transaction(() => rebuildTable(db, rebuild))()).toThrow(
      'rebuildTable(connections) runs only inside a migration (in its transaction, with foreign keys off)',
    );
    expect(db.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 7 });
    db.close();
  });

  it('rolls the whole migration back when a row does not fit the new definition', () => {
    const { file, db: at } = databaseAt(LATEST_SCHEMA_VERSION);
    const rows = realRows(LATEST_SCHEMA_VERSION);
    insertRealRows(at, rows);
    at.close();
    const strict = rebuilding({
      table: 'connections',
      // Fails on the second row; the copy must not commit the first.
      columns: CONNECTIONS_WITH_SORT_KEY.replace('colour TEXT', `colour TEXT, CHECK (provider <> 'smoxy')`),
      fill: { sort_key: 'label' },
    });
    expect(() => openDatabase({ file, migrations: [...migrations, strict] })).toThrow(DatabaseMigrationError);
    const db = new BetterSqlite3(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(readAllRows(db, rows)).toEqual(rows);
    db.close();
  });
});
