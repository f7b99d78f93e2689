import type { Database } from 'better-sqlite3';

/**
 * One numbered schema change. `up` runs inside the runner's transaction with foreign keys OFF
 * (so a table rebuild cannot cascade deletes; see `rebuildTable`), and the runner refuses to
 * commit when `PRAGMA foreign_key_check` finds a row pointing at nothing afterwards.
 */
export interface Migration {
  /** 1, 2, 3, ...: becomes `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up(db: Database): void;
}
