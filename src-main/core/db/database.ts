/**
 * Opens the metadata cache: WAL, foreign keys on, migrations applied in one transaction.
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

export function applyMigrations(db: Database, migrations: readonly Migration[]): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = migrations.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return [];
  const run = db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  });
  run.immediate();
  return pending.map((m) => m.version);
}

function openAndMigrate(file: string, migrations: readonly Migration[], nativeBinding?: string) {
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
    const applied = applyMigrations(db, migrations);
    return { db, applied };
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
      const { db, applied } = openAndMigrate(options.file, migrations, options.nativeBinding);
      return { db, recoveredFrom: null, applied };
    } catch (error) {
      if (!isCorruption(error)) throw error;
    }
  }
  const recoveredFrom = moveAside(options.file, (options.now ?? Date.now)());
  const { db, applied } = openAndMigrate(options.file, migrations, options.nativeBinding);
  return { db, recoveredFrom, applied };
}
