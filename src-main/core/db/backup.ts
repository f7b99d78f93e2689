/**
 * A copy of the database taken before migrating it, next to it and named with the schema it
 * holds (`tokenkeeper.db.schema-3-backup-<time>`). It stays while the migrated database has not
 * yet opened once more, and the next successful open removes it: by then the new schema has
 * worked. A migration that fails leaves it in place, and its error says where it is.
 *
 * `VACUUM INTO` writes a consistent snapshot (WAL content included) from the open handle, in one
 * synchronous statement; the file is created first, empty and owner-only, so an existing file is
 * never overwritten and the copy is never readable by others, even for a moment.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';

const BACKUP_MARK = /^\.schema-\d+-backup-[^/\\]+$/;

export function backupFileName(file: string, version: number, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  return `${file}.schema-${version}-backup-${stamp}`;
}

/** Copies the open database to a new file beside it; returns the copy's path. */
export function backUpDatabase(db: Database, file: string, version: number, now: number): string {
  const target = backupFileName(file, version, now);
  fs.closeSync(fs.openSync(target, 'wx', 0o600));
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
  return target;
}

/** The backups of `file` in its folder. */
export function listBackups(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = path.basename(file);
  return fs
    .readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && BACKUP_MARK.test(name.slice(prefix.length)))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Removes the backups of `file` left by earlier starts, keeping `keep` (this start's). One that
 * cannot be removed now (locked, say) is harmless and is tried again at the next start.
 */
export function removeEarlierBackups(file: string, keep: string | null): void {
  for (const backup of listBackups(file)) {
    if (backup === keep) continue;
    try {
      fs.rmSync(backup, { force: true });
    } catch {
      // Left for the next start.
    }
  }
}
