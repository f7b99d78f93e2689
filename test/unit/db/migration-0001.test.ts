/**
 * 0001 creates the schema: the real rows a user builds up fit it whole, and its foreign keys do
 * what the app relies on (a removed connection takes its tokens, a removed token clears the
 * links and references to it).
 */
import { describe, expect, it } from 'vitest';
import { databaseAt, insertRealRows, readAllRows, realRows } from './real-rows';

describe('migration 0001: initial schema', () => {
  it('holds every real row as written', () => {
    const { db } = databaseAt(1);
    const rows = realRows(1);
    insertRealRows(db, rows);
    expect(readAllRows(db, rows)).toEqual(rows);
    db.close();
  });

  it('cascades a removed connection to its tokens and clears references to a removed token', () => {
    const { db } = databaseAt(1);
    insertRealRows(db, realRows(1));
    db.prepare(`DELETE FROM tokens WHERE id = 't_new'`).run();
    expect(db.prepare(`SELECT replaced_by_id FROM tokens WHERE id = 't_old'`).get()).toEqual({
      replaced_by_id: null,
    });
    expect(db.prepare(`SELECT result_token_id FROM operations WHERE id = 'op_rotate'`).get()).toEqual({
      result_token_id: null,
    });
    db.prepare(`DELETE FROM connections WHERE id = 'c_mirox'`).run();
    expect(db.prepare(`SELECT id FROM tokens WHERE connection_id = 'c_mirox'`).all()).toEqual([]);
    expect(db.prepare(`SELECT token_id FROM reminders_sent WHERE token_id = 't_hand_mirox'`).all()).toEqual(
      [],
    );
    db.close();
  });
});
