/** 0002 adds operations.secret_pending: every row stays, each operation gains it as 0. */
import { describe, expect, it } from 'vitest';
import { migratedWithRealRows, readAllRows } from './real-rows';

describe('migration 0002: operations.secret_pending', () => {
  it('keeps every row and adds secret_pending = 0 to each operation', () => {
    const { db, before } = migratedWithRealRows(2);
    expect(readAllRows(db, before)).toEqual({
      ...before,
      operations: before.operations!.map((op) => ({ ...op, secret_pending: 0 })),
    });
    db.close();
  });

  it('accepts only 0 or 1', () => {
    const { db } = migratedWithRealRows(2);
    expect(() => db.prepare(`UPDATE operations SET secret_pending = 2 WHERE id = 'op_rotate'`).run()).toThrow(
      /CHECK constraint/,
    );
    db.close();
  });
});
