import type { Database } from 'better-sqlite3';
import { TABLES_AT_V4 } from './0004-enums-out-of-schema';
import { rebuildTable } from './rebuild-table';
import type { Migration } from './types';

/**
 * `token_annotations`: what the user writes about a token, synced or tracked: a note, tags, an
 * owner and the places that use it ("used by"). Metadata only, never a secret (the annotations
 * service refuses a value shaped like one). Keyed by the token's id: a sync keeps a token's id
 * for the same remote token (sync-merge.ts), so the annotation survives every re-sync; removing
 * the token (its connection) removes its annotation with it.
 *
 * Hand-tracked tokens had a note in `tokens.note`: each non-empty one moves into its token's
 * annotation, then `tokens` is rebuilt without the column (through `rebuildTable`, the safe
 * path) and each token's own `search_text` is written again without the note, which the
 * annotation's `search_text` now carries (tokens/query.ts matches either).
 *
 * Frozen SQL and a frozen copy of the search text rule, as 0004 and 0005 do.
 */
export const TOKENS_AT_V6 = TABLES_AT_V4.tokens.replace(/\n\s*note TEXT,/, '');

export const TOKEN_ANNOTATIONS_AT_V6 = `
    token_id TEXT PRIMARY KEY REFERENCES tokens(id) ON DELETE CASCADE,
    note TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    owner TEXT,
    used_by TEXT NOT NULL DEFAULT '[]',
    search_text TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL`;

/** The token's own search text as 0006 leaves it (name, account, last 4, creator, scope). */
function tokenSearchText(row: Record<string, string | null>): string {
  return [row.name, row.account_name, row.last4, row.created_by, row.scope_summary]
    .filter((part): part is string => typeof part === 'string' && part.length > 0)
    .join('\u001f')
    .toLowerCase();
}

function moveNotes(db: Database): void {
  db.exec(`CREATE TABLE token_annotations (${TOKEN_ANNOTATIONS_AT_V6}) STRICT`);
  db.exec(`
    INSERT INTO token_annotations (token_id, note, search_text, updated_at)
    SELECT id, note, lower(note), updated_at FROM tokens WHERE note IS NOT NULL AND trim(note) <> ''`);
}

function rewriteSearchText(db: Database): void {
  const rows = db
    .prepare(`SELECT id, name, account_name, last4, created_by, scope_summary FROM tokens`)
    .all() as Record<string, string | null>[];
  const set = db.prepare(`UPDATE tokens SET search_text = ? WHERE id = ?`);
  for (const row of rows) set.run(tokenSearchText(row), row.id);
}

export const m0006TokenAnnotations: Migration = {
  version: 6,
  name: 'annotations on every token (note, tags, owner, used by)',
  up(db) {
    moveNotes(db);
    rebuildTable(db, { table: 'tokens', columns: TOKENS_AT_V6, dropColumns: ['note'] });
    rewriteSearchText(db);
  },
};
