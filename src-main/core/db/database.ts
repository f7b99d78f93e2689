/**
 * Opens the metadata cache: WAL, foreign keys on, migrations applied in one transaction (see
 * migrate.ts) after a backup copy of the file (see backup.ts).
 *
 * A database written by a newer Tokenkeeper is refused before anything is written to it (the
 * version is read on a read-only handle first). A file that is not a readable SQLite database
 * is moved aside (kept, never deleted) and a fresh cache is created; the caller tells the user
 * and re-syncs from the providers.
 */
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { backUpDatabase, removeEarlierBackups } from './backup';
import { applyMigrations, pendingMigrations, schemaVersion } from './migrate';
import { ensurePrivateFile } from '../private-files';
import { migrations as defaultMigrations } from './migrations';
import type { Migration } from './migrations/types';

export class DatabaseTooNewError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
    readonly file: string,
  ) {
    super(
      `This data was written by a newer version of Tokenkeeper (schema ${fileVersion}; this app knows up to ${appVersion}). ` +
        'Install the newer version to open it. The file was not changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/** A migration failed or was refused: rolled back, the file keeps its schema and rows. */
export class DatabaseMigrationError extends Error {
  constructor(
    readonly fromVersion: number,
    readonly toVersion: number,
    /** The copy taken before migrating; null when making it is what failed. */
    readonly backup: string | null,
    cause: unknown,
  ) {
    const reason = (cause instanceof Error ? cause.message : String(cause)).replace(/\.$/, '');
    super(
      (backup === null
        ? `Tokenkeeper could not copy its data before updating it from schema ${fromVersion} to ${toVersion}: ${reason}. `
        : `Tokenkeeper could not update its data from schema ${fromVersion} to ${toVersion}: ${reason}. `) +
        'The file was not changed.' +
        (backup === null ? '' : ` A copy from before the update is kept at ${backup}.`),
      { cause },
    );
    this.name = 'DatabaseMigrationError';
  }
}

export interface OpenDatabaseOptions {
  file: string;
  migrations?: readonly Migration[];
  /** Where better-sqlite3's native binary lives, when it is not the default (Electron ABI copy). */
  nativeBinding?: string;
  now?: () => number;
}

export interface OpenedDatabase {
  db: Database;
  /** Set when a corrupt file was moved aside: where it went. */
  recoveredFrom: string | null;
  /** Versions applied during this open. */
  applied: number[];
  /** The copy taken before this open migrated the file (removed at the next successful open). */
  backup: string | null;
}

function driverOptions(nativeBinding: string | undefined): BetterSqlite3.Options {
  return nativeBinding === undefined ? {} : { nativeBinding };
}

function isCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT_VTAB';
}

/** Reads `user_version` without writing anything; null when the file does not exist yet. */
export function readSchemaVersion(file: string, nativeBinding?: string): number | null {
  if (!fs.existsSync(file)) return null;
  const db = new BetterSqlite3(file, {
    ...driverOptions(nativeBinding),
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** Backs up a database that has rows, then migrates it; a failure names the backup. */
function backUpAndMigrate(db: Database, file: string, migrations: readonly Migration[], now: number) {
  const from = schemaVersion(db);
  const pending = pendingMigrations(migrations, from);
  // Nothing to keep in a new file (version 0); nothing to do for a current one.
  if (from === 0 || pending.length === 0) return { applied: applyMigrations(db, pending), backup: null };
  const to = pending[pending.length - 1]!.version;
  let backup: string;
  try {
    backup = backUpDatabase(db, file, from, now);
  } catch (error) {
    if (isCorruption(error)) throw error;
    throw new DatabaseMigrationError(from, to, null, error);
  }
  try {
    return { applied: applyMigrations(db, pending), backup };
  } catch (error) {
    if (isCorruption(error)) throw error;
    throw new DatabaseMigrationError(from, to, backup, error);
  }
}

function openAndMigrate(file: string, migrations: readonly Migration[], now: number, nativeBinding?: string) {
  // 0600, and SQLite gives the -wal and -shm files the same mode.
  ensurePrivateFile(file, ['-wal', '-shm']);
  const db = new BetterSqlite3(file, driverOptions(nativeBinding));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 2000');
    // Checkpoint every 4,000 pages (16 MB) rather than 1,000: a sync writes one transaction per
    // connection, and with 1,000 pages the same index pages were copied back and synced again and
    // again (50 connections of 1,000 new tokens: 2.1 s -> 1.5 s; npm run bench).
    db.pragma('wal_autocheckpoint = 4000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw Object.assign(new Error('quick_check failed'), { code: 'SQLITE_CORRUPT' });
    return { db, ...backUpAndMigrate(db, file, migrations, now) };
  } catch (error) {
    db.close();
    throw error;
  }
}

function moveAside(file: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const migrations = options.migrations ?? defaultMigrations;
  const now = (options.now ?? Date.now)();
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });

  let fileVersion: number | null;
  try {
    fileVersion = readSchemaVersion(options.file, options.nativeBinding);
  } catch (error) {
    if (!isCorruption(error)) throw error;
    fileVersion = -1;
  }
  if (fileVersion !== null && fileVersion > latest) {
    throw new DatabaseTooNewError(fileVersion, latest, options.file);
  }

  if (fileVersion !== -1) {
    try {
      const { db, applied, backup } = openAndMigrate(options.file, migrations, now, options.nativeBinding);
      // This open worked: the backups of earlier starts have served their purpose.
      removeEarlierBackups(options.file, backup);
      return { db, recoveredFrom: null, applied, backup };
    } catch (error) {
      if (!isCorruption(error)) throw error;
    }
  }
  // Backups of earlier starts stay: beside a damaged file they may be the best copy there is.
  const recoveredFrom = moveAside(options.file, now);
  const { db, applied, backup } = openAndMigrate(options.file, migrations, now, options.nativeBinding);
  return { db, recoveredFrom, applied, backup };
}
