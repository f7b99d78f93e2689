/**
 * 0008 adds the delivery tables (targets, the per-target journal, rotation schedules): every row
 * of every table stays whole, and the new tables hold real targets (ü, 🔑, quotes in a path), a
 * rotation's delivery steps and a schedule, each removed with its token.
 */
import { describe, expect, it } from 'vitest';
import { deliveryRepo } from '../../../src-main/core/db/repositories/delivery';
import { migratedWithRealRows, readAllRows, realRows } from './real-rows';

const T = Date.UTC(2026, 4, 4, 9, 30);

describe('migration 0008: delivery targets', () => {
  it('keeps every row of every table and adds three empty tables', () => {
    const { db } = migratedWithRealRows(8);
    const expected = realRows(8);
    expect(readAllRows(db, expected)).toEqual(expected);
    for (const table of ['delivery_targets', 'delivery_steps', 'rotation_schedules'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()).toEqual({ n: 0 });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('holds a token’s targets in order, its delivery steps and its schedule; the token’s removal takes them along', () => {
    const { db } = migratedWithRealRows(8);
    const repo = deliveryRepo(db);
    const tokenId = (db.prepare('SELECT id FROM tokens ORDER BY rowid LIMIT 1').get() as { id: string }).id;
    const opId = (db.prepare('SELECT id FROM operations ORDER BY rowid LIMIT 1').get() as { id: string }).id;
    const file = {
      id: 'dt_file',
      tokenId,
      position: 0,
      kind: 'file',
      config: { path: '/home/jürgen/app "prod"/.env', format: 'env', key: 'MAILTRAP_TOKEN' },
      label: 'Server 🔑',
      createdAt: T,
    };
    const command = {
      id: 'dt_cmd',
      tokenId,
      position: 1,
      kind: 'command',
      config: { file: '/usr/local/bin/reload', args: ['--from-stdin', 'ü'], timeoutSeconds: 30 },
      label: null,
      createdAt: T,
    };
    repo.replaceTargets(tokenId, [command, file]);
    expect(repo.targets(tokenId)).toEqual([
      { ...command, position: 0 },
      { ...file, position: 1 },
    ]);
    repo.saveStep({
      operationId: opId,
      position: 0,
      targetId: 'dt_cmd',
      kind: 'command',
      description: 'reload --from-stdin ü',
      state: 'delivering',
      startedAt: T,
      finishedAt: null,
      error: null,
      receipt: {},
    });
    repo.saveStep({
      operationId: opId,
      position: 1,
      targetId: 'dt_file',
      kind: 'file',
      description: 'MAILTRAP_TOKEN in /home/jürgen/app "prod"/.env',
      state: 'verified',
      startedAt: T,
      finishedAt: T + 1,
      error: null,
      receipt: { sha256: 'ab12' },
    });
    expect(repo.takeInterrupted()).toEqual([opId]);
    expect(repo.steps(opId).map((s) => [s.state, s.receipt])).toEqual([
      ['interrupted', {}],
      ['verified', { sha256: 'ab12' }],
    ]);
    const rule = { tokenId, rule: 'before_expiry' as const, days: 14, lastRunAt: null, createdAt: T };
    repo.putSchedule(rule);
    repo.putSchedule({ ...rule, days: 7 });
    expect(repo.schedules()).toEqual([{ ...rule, days: 7 }]);
    db.pragma('foreign_keys = ON');
    db.prepare('DELETE FROM tokens WHERE id = ?').run(tokenId);
    expect(repo.targets(tokenId)).toEqual([]);
    expect(repo.schedule(tokenId)).toBeNull();
    db.close();
  });
});
