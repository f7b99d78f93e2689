/**
 * 0005 adds `connections.credential_origin`: every row stays whole, and each API connection gets
 * the origin of its current address (its own, with port; or its provider's default), while a
 * tracked connection and a provider without an address get none.
 */
import { describe, expect, it } from 'vitest';
import { CONNECTIONS_AT_V5 } from '../../../src-main/core/db/migrations/0005-credential-origin';
import { databaseAt, insertRealRows, migratedWithRealRows, readAllRows, realRows } from './real-rows';
import { openDatabase } from '../../../src-main/core/db/database';
import { migrations } from '../../../src-main/core/db/migrations';

describe('migration 0005: the credential origin', () => {
  it('keeps every row of every table, and records each connection’s origin', () => {
    const { db, before } = migratedWithRealRows(5);
    const after = readAllRows(db, before);
    expect(after).toEqual({ ...before, connections: realRows(5).connections });
    const origins = db.prepare(`SELECT id, credential_origin AS origin FROM connections ORDER BY id`).all();
    expect(origins).toEqual([
      { id: 'c_mailtrap', origin: 'https://mailtrap.io' },
      { id: 'c_mirox', origin: null },
      { id: 'c_smenso', origin: null },
      { id: 'c_smoxy', origin: 'https://smoxy.staging.acme.test' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('takes the port of a loopback address and drops its path prefix; an unknown provider gets none', () => {
    const at = databaseAt(4);
    insertRealRows(at.db, realRows(4));
    const insert = at.db.prepare(
      `INSERT INTO connections (id, provider, label, mode, base_url, created_at, updated_at) VALUES (?, ?, ?, 'api', ?, 1, 1)`,
    );
    insert.run('c_sim', 'mailtrap', 'Simulator', 'http://127.0.0.1:4010/prefix');
    insert.run('c_future', 'gitlab', 'From a newer build', null);
    at.db.close();
    const { db } = openDatabase({ file: at.file, migrations });
    const origin = (id: string) =>
      (
        db.prepare(`SELECT credential_origin AS o FROM connections WHERE id = ?`).get(id) as {
          o: string | null;
        }
      ).o;
    expect(origin('c_sim')).toBe('http://127.0.0.1:4010');
    expect(origin('c_future')).toBeNull();
    // Tokens still point at their connections (the rebuild kept the foreign keys).
    expect(db.prepare(`SELECT count(*) AS n FROM tokens WHERE connection_id = 'c_mailtrap'`).get()).toEqual({
      n: realRows(4).tokens!.filter((t) => t.connection_id === 'c_mailtrap').length,
    });
    db.close();
  });

  it('adds the column last, keeping the other columns as 0004 left them', () => {
    const { db } = migratedWithRealRows(5);
    const columns = (
      db.prepare(`SELECT name FROM pragma_table_info('connections')`).all() as { name: string }[]
    ).map((c) => c.name);
    expect(columns.at(-1)).toBe('credential_origin');
    expect(CONNECTIONS_AT_V5).toContain('credential_origin TEXT');
    expect(db.prepare(`SELECT "table" FROM pragma_foreign_key_list('tokens')`).all()).not.toEqual([]);
    db.close();
  });
});
