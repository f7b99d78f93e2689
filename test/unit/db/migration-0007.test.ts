/**
 * 0007 adds `waiting_annotations` (a restore's annotations waiting for their API token): every
 * row of every table stays whole, and the new table holds a waiting annotation (ü, 🔑, quotes)
 * keyed by provider and remote id, once per pair.
 */
import { describe, expect, it } from 'vitest';
import { waitingAnnotationsRepo } from '../../../src-main/core/db/repositories/waiting-annotations';
import { migratedWithRealRows, readAllRows, realRows } from './real-rows';

describe('migration 0007: waiting annotations', () => {
  it('keeps every row of every table and adds an empty waiting_annotations table', () => {
    const { db } = migratedWithRealRows(7);
    const expected = realRows(7);
    expect(readAllRows(db, expected)).toEqual(expected);
    expect(db.prepare('SELECT count(*) AS n FROM waiting_annotations').get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('holds a waiting annotation whole, once per provider and remote id', () => {
    const { db } = migratedWithRealRows(7);
    const repo = waitingAnnotationsRepo(db);
    const waiting = {
      provider: 'mailtrap',
      remoteId: '4711',
      connectionLabel: 'Acme „Mail“ 🔑',
      note: 'Für den Versand: "nightly" 🔑',
      tags: ['ci', 'müller'],
      owner: 'ops@acme.test',
      usedBy: ['cron on db-1', 'vault/kv/mail'],
      restoredAt: 1_790_000_000_000,
    };
    repo.put(waiting);
    repo.put({ ...waiting, tags: ['prod'] });
    repo.put({ ...waiting, provider: 'smoxy' });
    expect(repo.listAll()).toEqual([
      { ...waiting, tags: ['prod'] },
      { ...waiting, provider: 'smoxy' },
    ]);
    repo.remove('mailtrap', '4711');
    expect(repo.listAll().map((w) => w.provider)).toEqual(['smoxy']);
    db.close();
  });
});
