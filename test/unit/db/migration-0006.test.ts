/**
 * 0006 adds `token_annotations` and moves each hand-tracked token's note into its annotation:
 * every row of every table stays whole, no note is lost (ü, 🔑 and quotes included), `tokens`
 * loses its `note` column and its search text the note, which the annotation now carries.
 */
import { describe, expect, it } from 'vitest';
import { annotationsRepo } from '../../../src-main/core/db/repositories/annotations';
import { tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { migratedWithRealRows, readAllRows, realRows } from './real-rows';

describe('migration 0006: token annotations', () => {
  it('keeps every row of every table and moves each note into its token’s annotation', () => {
    const { db, before } = migratedWithRealRows(6);
    const expected = realRows(6);
    const after = readAllRows(db, expected);
    expect(after).toEqual(expected);
    // Every note that was there is in an annotation now, byte for byte.
    const notes = before.tokens!.filter((t) => t.note !== null).map((t) => [t.id, t.note]);
    expect(notes).toHaveLength(2);
    const repo = annotationsRepo(db);
    for (const [id, note] of notes) expect(repo.get(String(id))?.note).toBe(note);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('drops tokens.note, keeps the foreign keys and indexes, and the app reads the rows back', () => {
    const { db } = migratedWithRealRows(6);
    const columns = (
      db.prepare(`SELECT name FROM pragma_table_info('tokens')`).all() as { name: string }[]
    ).map((c) => c.name);
    expect(columns).not.toContain('note');
    const indexes = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tokens' AND sql IS NOT NULL`,
        )
        .all() as {
        name: string;
      }[]
    ).map((i) => i.name);
    expect(indexes).toEqual(
      expect.arrayContaining(['tokens_list_expiry', 'tokens_replaces', 'tokens_replaced_by']),
    );
    expect(tokensRepo(db).get('t_hand_mirox')?.name).toBe('Mirox upload key');
    // Removing a token removes its annotation (ON DELETE CASCADE), nothing left pointing at nothing.
    db.prepare(`DELETE FROM tokens WHERE id = 't_hand_mirox'`).run();
    expect(annotationsRepo(db).get('t_hand_mirox')).toBeNull();
    db.close();
  });
});
