/**
 * 0004 rebuilds connections, tokens, operations and audit without their enum CHECKs. Every row
 * stays whole (hand-tracked tokens, rotation links, operations pointing at tokens, reminders),
 * and the tables keep every column, default, boolean check, foreign key and index they had.
 */
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { operationsRepo } from '../../../src-main/core/db/repositories/operations';
import { tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { databaseAt, migratedWithRealRows, readAllRows } from './real-rows';

const REBUILT = ['connections', 'tokens', 'operations', 'audit'];

function shape(db: Database, table: string) {
  return {
    columns: db.prepare(`SELECT * FROM pragma_table_xinfo(?)`).all(table),
    foreignKeys: db.prepare(`SELECT * FROM pragma_foreign_key_list(?)`).all(table),
    indexes: db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name`)
      .all(table),
    strict: (
      db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table) as { strict: number }
    ).strict,
  };
}

const tableSql = (db: Database, table: string) =>
  (
    db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) as {
      sql: string;
    }
  ).sql;

describe('migration 0004: enums out of the schema', () => {
  it('keeps every row of every table, whole', () => {
    const { db, before } = migratedWithRealRows(4);
    expect(readAllRows(db, before)).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('keeps every column, default, foreign key and index (0003 expression index included)', () => {
    const previous = databaseAt(3).db;
    const { db } = migratedWithRealRows(4);
    for (const table of REBUILT) expect(shape(db, table), table).toEqual(shape(previous, table));
    expect(shape(db, 'tokens').indexes.map((i) => (i as { name: string }).name)).toContain(
      'tokens_list_expiry',
    );
    previous.close();
    db.close();
  });

  it('drops every enum CHECK and keeps the boolean ones', () => {
    const { db } = migratedWithRealRows(4);
    const checks = REBUILT.flatMap((table) => tableSql(db, table).match(/CHECK \([^)]*\)\)?/g) ?? []);
    expect(checks.sort()).toEqual(
      [
        'CHECK (broad_scope IN (0, 1))',
        'CHECK (legacy IN (0, 1))',
        'CHECK (is_connection_credential IN (0, 1))',
        'CHECK (acknowledged IN (0, 1))',
        'CHECK (secret_pending IN (0, 1))',
      ].sort(),
    );
    expect(() => db.prepare(`UPDATE tokens SET broad_scope = 2 WHERE id = 't_old'`).run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });

  it('accepts values the old lists did not name, which the contract and registry now judge', () => {
    const { db } = migratedWithRealRows(4);
    db.prepare(`UPDATE connections SET provider = 'gitlab', status = 'paused' WHERE id = 'c_smoxy'`).run();
    db.prepare(`UPDATE tokens SET state = 'suspended', scope_kind = 'project' WHERE id = 't_revoked'`).run();
    db.prepare(`UPDATE operations SET kind = 'annotate', state = 'queued' WHERE id = 'op_manual'`).run();
    db.prepare(`INSERT INTO audit (at, action, outcome, detail) VALUES (1, 'x', 'warning', '')`).run();
    expect(db.prepare(`SELECT provider, status FROM connections WHERE id = 'c_smoxy'`).get()).toEqual({
      provider: 'gitlab',
      status: 'paused',
    });
    db.close();
  });

  it('keeps the foreign keys working: cascades, SET NULL, rotation links, and a fresh audit id', () => {
    const { db } = migratedWithRealRows(4);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.prepare(`DELETE FROM tokens WHERE id = 't_new'`).run();
    expect(tokensRepo(db).get('t_old')?.replacedById).toBeNull();
    expect(operationsRepo(db).get('op_rotate')?.resultTokenId).toBeNull();
    // The SQL a removal runs (today's repository expects the columns of later migrations).
    db.prepare(`DELETE FROM connections WHERE id = 'c_mirox'`).run();
    expect(tokensRepo(db).get('t_hand_mirox')).toBeNull();
    expect(
      db.prepare(`SELECT count(*) AS n FROM reminders_sent WHERE token_id = 't_hand_mirox'`).get(),
    ).toEqual({
      n: 0,
    });
    expect(() =>
      db
        .prepare(
          `INSERT INTO tokens (id, connection_id, name, origin, first_seen_at, updated_at) VALUES ('t_x', 'c_none', 'x', 'tracked', 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    // Audit ids keep counting from where they were (4 was never used, 5 was the last).
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO audit (at, action, outcome) VALUES (9, 'y', 'ok')`)
      .run();
    expect(lastInsertRowid).toBe(6);
    db.close();
  });

  it('leaves rows the app reads back as it wrote them', () => {
    const { db } = migratedWithRealRows(4);
    expect(
      tokensRepo(db)
        .listAll()
        .map((t) => [t.id, t.origin, t.state]),
    ).toEqual([
      ['t_old', 'synced', 'grace'],
      ['t_new', 'synced', 'active'],
      ['t_credential', 'synced', 'active'],
      ['t_revoked', 'synced', 'revoked'],
      ['t_retired', 'synced', 'retired'],
      ['t_hand_mirox', 'tracked', 'active'],
      ['t_hand_smoxy', 'tracked', 'removed'],
    ]);
    db.close();
  });
});
