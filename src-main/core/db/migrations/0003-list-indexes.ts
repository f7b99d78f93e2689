import type { Migration } from './types';

/**
 * Indexes measured with `npm run bench` (docs/benchmarks.md) on 50,000 tokens:
 * - the list's default order (expiry, never-expiring last, then name and id) as an expression
 *   index, so the first page is read in order and stops after 100 rows instead of sorting every
 *   live token (query.ts writes its ORDER BY with exactly these expressions);
 * - the two rotation links, which reference tokens(id) ON DELETE SET NULL: without an index,
 *   deleting a token scans the whole table twice to clear links to it, so removing a connection
 *   with 1,000 tokens from a 50,000-token cache took minutes.
 */
export const LIST_ORDER_NEVER_EXPIRES = Number.MAX_SAFE_INTEGER;

export const m0003ListIndexes: Migration = {
  version: 3,
  name: 'indexes for the list order and the rotation links',
  up(db) {
    db.exec(`
      CREATE INDEX tokens_list_expiry ON tokens(COALESCE(expires_at, ${LIST_ORDER_NEVER_EXPIRES}), name COLLATE NOCASE, id);
      CREATE INDEX tokens_replaces ON tokens(replaces_id);
      CREATE INDEX tokens_replaced_by ON tokens(replaced_by_id);
    `);
  },
};
