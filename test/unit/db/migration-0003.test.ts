/** 0003 adds indexes only: every row stays as it was, and the list reads in index order. */
import { describe, expect, it } from 'vitest';
import { migratedWithRealRows, readAllRows } from './real-rows';

describe('migration 0003: list and rotation-link indexes', () => {
  it('keeps every row as it was', () => {
    const { db, before } = migratedWithRealRows(3);
    expect(readAllRows(db, before)).toEqual(before);
    db.close();
  });

  it('adds the three indexes, and the list order is read from the expression index', () => {
    const { db } = migratedWithRealRows(3);
    const names = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tokens'`).all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['tokens_list_expiry', 'tokens_replaces', 'tokens_replaced_by']),
    );
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM tokens ORDER BY COALESCE(expires_at, ${Number.MAX_SAFE_INTEGER}), name COLLATE NOCASE, id LIMIT 100`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/tokens_list_expiry/);
    db.close();
  });
});
