/**
 * The migration runner, following SQLite's procedure for schema changes
 * (https://www.sqlite.org/lang_altertable.html#otheralter):
 *
 * 1. `PRAGMA foreign_keys = OFF` outside the transaction (inside one it is silently ignored).
 *    With foreign keys on, dropping a rebuilt `connections` table deletes every token through
 *    `ON DELETE CASCADE`, hand-tracked tokens included, which nothing can fetch again.
 * 2. Every pending migration in one IMMEDIATE transaction, `user_version` set after each.
 * 3. `PRAGMA foreign_key_check` before commit: any row left pointing at nothing rolls the whole
 *    transaction back, so the file keeps its previous schema and rows.
 * 4. Foreign keys back on, whatever happened.
 *
 * Foreign keys are off for every migration, not only for those that rebuild tables: one rule is
 * easier to trust, and the check in step 3 still catches what enforcement would have refused.
 */
import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types';

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

/** Rows that point at rows that do not exist, found before commit; nothing was committed. */
export class ForeignKeyViolationError extends Error {
  constructor(readonly violations: readonly ForeignKeyViolation[]) {
    const counts = new Map<string, number>();
    for (const v of violations) {
      const key = `${v.table} → ${v.parent}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // In name order, so the message does not depend on the order tables were (re)built in.
    const summary = [...counts]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([link, n]) => `${link}: ${n} row${n === 1 ? '' : 's'}`)
      .join('; ');
    super(`the update would leave rows pointing at rows that do not exist (${summary})`);
    this.name = 'ForeignKeyViolationError';
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The migrations newer than `version`, in order. */
export function pendingMigrations(migrations: readonly Migration[], version: number): Migration[] {
  return migrations.filter((m) => m.version > version).sort((a, b) => a.version - b.version);
}

/** Applies what is pending, all or nothing; returns the versions applied. */
export function applyMigrations(db: Database, migrations: readonly Migration[]): number[] {
  const pending = pendingMigrations(migrations, schemaVersion(db));
  if (pending.length === 0) return [];
  const foreignKeysWereOn = db.pragma('foreign_keys', { simple: true }) === 1;
  db.pragma('foreign_keys = OFF');
  try {
    const run = db.transaction(() => {
      for (const migration of pending) {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      }
      const violations = db.pragma('foreign_key_check') as ForeignKeyViolation[];
      if (violations.length > 0) throw new ForeignKeyViolationError(violations);
    });
    run.immediate();
  } finally {
    if (foreignKeysWereOn) db.pragma('foreign_keys = ON');
  }
  return pending.map((m) => m.version);
}
