import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, readSchemaVersion } from '../../../src-main/core/db/database';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src-main/core/db/migrations';
import { tempDir } from '../helpers';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const tables = (db: BetterSqlite3.Database) =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as { name: string }[]
  ).map((r) => r.name);

describe('migrations', () => {
  it('are numbered 1..n without gaps, in registry order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('each have a data test with real rows (test/unit/db/migration-NNNN.test.ts)', () => {
    const missing = migrations
      .map((m) => `migration-${String(m.version).padStart(4, '0')}.test.ts`)
      .filter((name) => !fs.existsSync(path.join(import.meta.dirname, name)));
    expect(missing).toEqual([]);
  });

  it('create the whole schema from an empty file, with WAL, foreign keys and STRICT tables', () => {
    const file = path.join(tempDir(), 'tk.db');
    const { db, applied } = openDatabase({ file });
    expect(applied).toEqual(migrations.map((m) => m.version));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['audit', 'connections', 'operations', 'reminders_sent', 'settings', 'tokens']),
    );
    const strict = db
      .prepare(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'`,
      )
      .all() as { name: string; strict: number }[];
    expect(strict.filter((t) => t.strict !== 1)).toEqual([]);
    db.close();
  });

  // Every earlier version, including 0 (a file created before any migration ran).
  it.each([0, ...migrations.slice(0, -1).map((m) => m.version)])(
    'upgrade a database left at version %i to the latest',
    (version) => {
      const file = path.join(tempDir(), 'tk.db');
      const first = openDatabase({ file, migrations: migrations.filter((m) => m.version <= version) });
      expect(first.db.pragma('user_version', { simple: true })).toBe(version);
      first.db.close();
      const { db, applied } = openDatabase({ file });
      expect(applied).toEqual(migrations.filter((m) => m.version > version).map((m) => m.version));
      expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      db.close();
    },
  );

  it('are a no-op when the database is current', () => {
    const file = path.join(tempDir(), 'tk.db');
    openDatabase({ file }).db.close();
    const { db, applied } = openDatabase({ file });
    expect(applied).toEqual([]);
    db.close();
  });

  it('roll back entirely when one migration fails', () => {
    const file = path.join(tempDir(), 'tk.db');
    const broken = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'adds a table, then fails',
        up(db: BetterSqlite3.Database) {
          db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
          db.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => openDatabase({ file, migrations: broken })).toThrow();
    const db = new BetterSqlite3(file);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('refuse a database written by a newer app and leave the file byte-for-byte untouched', () => {
    const file = path.join(tempDir(), 'tk.db');
    const newer = new BetterSqlite3(file);
    newer.exec('CREATE TABLE future (x INTEGER)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    newer.close();
    const before = sha(file);
    const siblings = fs.readdirSync(path.dirname(file)).sort();

    let caught: unknown;
    try {
      openDatabase({ file });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseTooNewError);
    expect((caught as Error).message).toMatch(/newer version of Tokenkeeper/);
    expect((caught as Error).message).toMatch(/not changed/);
    expect(sha(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
    expect(readSchemaVersion(file)).toBe(LATEST_SCHEMA_VERSION + 5);
  });

  it('move a file that is not a database aside, keep it, and start a fresh cache', () => {
    const dir = tempDir();
    const file = path.join(dir, 'tk.db');
    fs.writeFileSync(file, 'this is not a sqlite database, just some bytes'.repeat(200));
    const { db, recoveredFrom } = openDatabase({ file, now: () => Date.UTC(2026, 0, 2) });
    expect(recoveredFrom).not.toBeNull();
    expect(fs.readFileSync(recoveredFrom!, 'utf8')).toMatch(/^this is not a sqlite database/);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });
});
