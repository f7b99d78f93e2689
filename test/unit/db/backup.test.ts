/**
 * The copy taken before migrating: made beside the file, named with the schema it holds, owner
 * only, kept through the start that migrated, removed at the next successful start; a failed
 * migration keeps it and says where it is.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupFileName, listBackups } from '../../../src-main/core/db/backup';
import { DatabaseMigrationError, openDatabase } from '../../../src-main/core/db/database';
import { LATEST_SCHEMA_VERSION, migrations } from '../../../src-main/core/db/migrations';
import type { Migration } from '../../../src-main/core/db/migrations/types';
import { databaseAt, insertRealRows, readAllRows, realRows } from './real-rows';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const FIRST_START = Date.UTC(2026, 5, 1, 8, 0);
const PREVIOUS = LATEST_SCHEMA_VERSION - 1;
const failing: Migration = {
  version: LATEST_SCHEMA_VERSION + 1,
  name: 'fails',
  up: (db) => db.exec('THIS IS NOT SQL'),
};

/** A user's file at the schema before the latest, with rows, closed. */
function fileAtPreviousVersion() {
  const { file, db } = databaseAt(PREVIOUS);
  const rows = realRows(PREVIOUS);
  insertRealRows(db, rows);
  db.close();
  return { file, rows, files: () => fs.readdirSync(path.dirname(file)).sort() };
}

describe('backup before migrating', () => {
  it('copies the file at its old schema beside it before migrating, and keeps it through that start', () => {
    const { file, rows, files } = fileAtPreviousVersion();
    const { db, backup } = openDatabase({ file, now: () => FIRST_START });
    db.close();
    expect(backup).toBe(
      path.join(path.dirname(file), `tokenkeeper.db.schema-${PREVIOUS}-backup-2026-06-01T08-00-00-000Z`),
    );
    expect(files()).toEqual(['tokenkeeper.db', path.basename(backup!)]);
    if (process.platform !== 'win32') expect(fs.statSync(backup!).mode & 0o777).toBe(0o600);
    const copy = new BetterSqlite3(backup!, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(PREVIOUS);
    expect(readAllRows(copy, rows)).toEqual(rows);
    copy.close();
  });

  it('removes it at the next successful start', () => {
    const { file, files } = fileAtPreviousVersion();
    openDatabase({ file, now: () => FIRST_START }).db.close();
    const { db, backup } = openDatabase({ file, now: () => FIRST_START + 60_000 });
    db.close();
    expect(backup).toBeNull();
    expect(files()).toEqual(['tokenkeeper.db']);
  });

  it('makes none for a new database or a current one', () => {
    const { file, files } = fileAtPreviousVersion();
    fs.rmSync(file);
    for (const start of ['new', 'current']) {
      const { db, backup } = openDatabase({ file });
      db.close();
      expect(backup, start).toBeNull();
    }
    expect(files()).toEqual(['tokenkeeper.db']);
  });

  it('keeps it when the migration fails, names it in the error, and the next successful start removes it', () => {
    const { file, files } = fileAtPreviousVersion();
    const before = sha(file);
    let caught: unknown;
    try {
      openDatabase({ file, migrations: [...migrations, failing], now: () => FIRST_START });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseMigrationError);
    const [backup] = listBackups(file);
    expect((caught as DatabaseMigrationError).backup).toBe(backup);
    expect((caught as Error).message).toMatch(
      new RegExp(
        `^Tokenkeeper could not update its data from schema ${PREVIOUS} to ${LATEST_SCHEMA_VERSION + 1}: `,
      ),
    );
    expect((caught as Error).message).toContain(
      `The file was not changed. A copy from before the update is kept at ${backup}.`,
    );
    expect(sha(file)).toBe(before);
    expect(files()).toEqual(['tokenkeeper.db', path.basename(backup!)]);

    // The fixed app migrates (its own backup kept), and the failed start's backup goes.
    const fixed = openDatabase({ file, now: () => FIRST_START + 3_600_000 });
    expect(readAllRows(fixed.db, realRows(LATEST_SCHEMA_VERSION))).toEqual(realRows(LATEST_SCHEMA_VERSION));
    fixed.db.close();
    expect(listBackups(file)).toEqual([fixed.backup]);
  });

  it('does not migrate when the copy cannot be made, and overwrites nothing', () => {
    const { file, files } = fileAtPreviousVersion();
    const before = sha(file);
    const inTheWay = backupFileName(file, PREVIOUS, FIRST_START);
    fs.writeFileSync(inTheWay, 'not ours');
    expect(() => openDatabase({ file, now: () => FIRST_START })).toThrow(
      new RegExp(
        `^Tokenkeeper could not copy its data before updating it from schema ${PREVIOUS} to ${LATEST_SCHEMA_VERSION}: .*EEXIST.*\\. The file was not changed\\.$`,
      ),
    );
    expect(sha(file)).toBe(before);
    expect(fs.readFileSync(inTheWay, 'utf8')).toBe('not ours');
    expect(files()).toEqual(['tokenkeeper.db', path.basename(inTheWay)]);
  });
});
