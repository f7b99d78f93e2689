/**
 * Changes what ALTER TABLE cannot (a CHECK, a column's type or constraints, a foreign key) by
 * rebuilding the table, steps 4-9 of SQLite's procedure
 * (https://www.sqlite.org/lang_altertable.html#otheralter): remember the table's indexes and
 * triggers and the schema's views, create the new table under a temporary name, copy every
 * row, drop the old table, rename the new one, recreate the indexes, triggers and views.
 *
 * Runs only inside a migration (the runner's transaction, foreign keys off): with foreign keys
 * on, the DROP would delete the rows of every table that references this one `ON DELETE CASCADE`.
 * The order matters too: renaming the OLD table out of the way would make SQLite (3.26+) repoint
 * the other tables' foreign keys at it; creating the new one aside and renaming it last does not.
 */
import type { Database } from 'better-sqlite3';

export interface TableRebuild {
  /** The table to rebuild; it keeps its name. */
  table: string;
  /**
   * The new definition: what goes between CREATE TABLE's parentheses (columns, then table
   * constraints). References name the final tables, this one's own name included.
   */
  columns: string;
  /** What follows the closing parenthesis. Every table here is STRICT. */
  options?: string;
  /**
   * How to fill a new or changed column from the old row (an SQL expression over the old
   * table's columns). A column both tables have is otherwise copied as it is, and a new column
   * not listed takes its default.
   */
  fill?: Readonly<Record<string, string>>;
  /** Old columns that are meant to go. Any other old column missing from the new table is refused. */
  dropColumns?: readonly string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function columnNames(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map(
    (c) => c.name,
  );
}

const hasRowid = (db: Database, table: string) =>
  (
    db.prepare(`SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?`).get(table) as {
      wr: number;
    }
  ).wr === 0;

function count(db: Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
}

function sequenceOf(db: Database, table: string): number | null {
  const hasSequence = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'`).get();
  if (hasSequence === undefined) return null;
  const row = db.prepare(`SELECT seq FROM sqlite_sequence WHERE name = ?`).get(table) as
    { seq: number } | undefined;
  return row?.seq ?? null;
}

export function rebuildTable(db: Database, rebuild: TableRebuild): void {
  const { table } = rebuild;
  if (!db.inTransaction || db.pragma('foreign_keys', { simple: true }) !== 0) {
    throw new Error(
      `rebuildTable(${table}) runs only inside a migration (in its transaction, with foreign keys off)`,
    );
  }
  const oldColumns = columnNames(db, table);
  if (oldColumns.length === 0) throw new Error(`rebuildTable(${table}): no such table`);

  // Step 4: what dropping the table takes with it (automatic indexes have no SQL: the new
  // table's own constraints recreate them). Views are dropped and recreated around the swap
  // because the rename re-checks every view in the schema.
  const attached = db
    .prepare(
      `SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name`,
    )
    .all(table) as { sql: string }[];
  const views = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY name`).all() as {
    name: string;
    sql: string;
  }[];
  const sequence = sequenceOf(db, table);
  const rowsBefore = count(db, table);

  // Step 5.
  const temporary = `${table}__rebuilt`;
  db.exec(`CREATE TABLE ${quote(temporary)} (${rebuild.columns}) ${rebuild.options ?? 'STRICT'}`);
  const newColumns = columnNames(db, temporary);
  const fill = rebuild.fill ?? {};
  for (const name of Object.keys(fill)) {
    if (!newColumns.includes(name))
      throw new Error(`rebuildTable(${table}): fill names ${name}, not a new column`);
  }
  const lost = oldColumns.filter((c) => !newColumns.includes(c) && !(rebuild.dropColumns ?? []).includes(c));
  if (lost.length > 0) {
    throw new Error(
      `rebuildTable(${table}): the new table has no column ${lost.join(', ')}; list it in dropColumns if it is meant to go`,
    );
  }

  // Step 6: every row (under its rowid too, so even the order of an unordered read stays),
  // then the count proves it.
  const copied = newColumns.filter((c) => c in fill || oldColumns.includes(c));
  const targets = copied.map(quote);
  const sources = copied.map((c) => fill[c] ?? quote(c));
  if (hasRowid(db, table) && hasRowid(db, temporary)) {
    targets.unshift('rowid');
    sources.unshift('rowid');
  }
  db.exec(
    `INSERT INTO ${quote(temporary)} (${targets.join(', ')}) SELECT ${sources.join(', ')} FROM ${quote(table)}`,
  );
  const rowsAfter = count(db, temporary);
  if (rowsAfter !== rowsBefore) {
    throw new Error(`rebuildTable(${table}): copied ${rowsAfter} of ${rowsBefore} rows`);
  }

  // Steps 7-9.
  for (const view of views) db.exec(`DROP VIEW ${quote(view.name)}`);
  db.exec(`DROP TABLE ${quote(table)}`);
  db.exec(`ALTER TABLE ${quote(temporary)} RENAME TO ${quote(table)}`);
  for (const { sql } of attached) db.exec(sql);
  for (const { sql } of views) db.exec(sql);
  // An AUTOINCREMENT table must not hand out ids it has handed out before (rows since deleted).
  if (sequence !== null && /\bAUTOINCREMENT\b/i.test(rebuild.columns)) {
    const afterCopy = sequenceOf(db, table) ?? 0;
    db.prepare(`DELETE FROM sqlite_sequence WHERE name = ?`).run(table);
    db.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)`).run(
      table,
      Math.max(afterCopy, sequence),
    );
  }
}
