import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { openDatabase } from '../../../src-main/core/db/database';
import { auditRepo } from '../../../src-main/core/db/repositories/audit';
import { connectionsRepo } from '../../../src-main/core/db/repositories/connections';
import { operationsRepo } from '../../../src-main/core/db/repositories/operations';
import { remindersSentRepo } from '../../../src-main/core/db/repositories/reminders-sent';
import { settingsRepo } from '../../../src-main/core/db/repositories/settings';
import { EMPTY_SCOPE, tokensRepo } from '../../../src-main/core/db/repositories/tokens';
import { NOW, connection, token } from '../builders';
import { tempDir } from '../helpers';

let db: Database;
beforeEach(() => {
  db = openDatabase({ file: path.join(tempDir(), 'tk.db') }).db;
});

describe('connections repository', () => {
  it('round-trips a connection, including its accounts and last error', () => {
    const repo = connectionsRepo(db);
    const record = connection({ lastError: { code: 'unauthorized', message: 'The token was refused.' } });
    repo.insert(record);
    expect(repo.get('c_1')).toEqual(record);
    expect(repo.list()).toEqual([record]);
  });

  it('saves changes and reports a missing row', () => {
    const repo = connectionsRepo(db);
    repo.insert(connection());
    expect(repo.save({ ...connection(), label: 'Renamed', status: 'error' })).toBe(true);
    expect(repo.get('c_1')).toMatchObject({ label: 'Renamed', status: 'error' });
    expect(repo.save(connection({ id: 'c_missing' }))).toBe(false);
  });

  it('keeps a provider id the schema does not list: the registry validates ids, not the database', () => {
    const repo = connectionsRepo(db);
    const record = connection({ id: 'c_new', provider: 'acme-new-provider' });
    repo.insert(record);
    expect(repo.get('c_new')).toEqual(record);
  });

  it('removing a connection removes its tokens (foreign keys are on)', () => {
    connectionsRepo(db).insert(connection());
    tokensRepo(db).insert(token());
    connectionsRepo(db).remove('c_1');
    expect(tokensRepo(db).listAll()).toEqual([]);
  });
});

describe('tokens repository', () => {
  beforeEach(() => connectionsRepo(db).insert(connection()));

  it('round-trips every field', () => {
    const repo = tokensRepo(db);
    const record = token({
      scope: { ...EMPTY_SCOPE, organizations: [{ id: '12', name: 'Org 12' }] },
      usage: [{ at: NOW, ip: '10.0.0.1', location: 'Berlin', browser: 'curl', os: 'Linux' }],
      broadScope: true,
    });
    repo.insert(record);
    expect(repo.get('t_1')).toEqual(record);
  });

  it('keeps (connection, account, remote id) unique', () => {
    const repo = tokensRepo(db);
    repo.insert(token());
    expect(() => repo.insert(token({ id: 't_2' }))).toThrow(/UNIQUE/);
    // Tracked tokens have no remote id and may share everything else.
    repo.insert(token({ id: 't_3', remoteId: null, origin: 'tracked' }));
    repo.insert(token({ id: 't_4', remoteId: null, origin: 'tracked' }));
    expect(repo.listByConnection('c_1')).toHaveLength(3);
  });

  it('refuses a token for a connection that does not exist', () => {
    expect(() => tokensRepo(db).insert(token({ id: 't_9', connectionId: 'c_nope' }))).toThrow(/FOREIGN KEY/);
  });

  it('saveChanged writes exactly what differs from the stored row, and nothing when nothing does', () => {
    const repo = tokensRepo(db);
    const stored = token({ lastUsedAt: 1_000, snoozedUntil: 5 });
    repo.insert(stored);
    const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    repo.saveChanged(stored, { ...stored });
    expect(changes()).toBe(before);
    const next = {
      ...stored,
      lastUsedAt: 2_000,
      name: 'Renamed',
      scope: { ...stored.scope, permissionGroup: 'Reporting' },
      updatedAt: stored.updatedAt + 5,
    };
    repo.saveChanged(stored, next);
    expect(changes()).toBe(before + 1);
    expect(repo.get(stored.id)).toEqual(next);
    expect(() => repo.saveChanged(stored, { ...next, id: 't_other' })).toThrow(/not the same token/);
  });

  it('counts live tokens per connection', () => {
    const repo = tokensRepo(db);
    repo.insert(token());
    repo.insert(token({ id: 't_2', remoteId: '2', state: 'revoked' }));
    repo.insert(token({ id: 't_3', remoteId: '3', state: 'grace' }));
    expect(repo.liveCount('c_1')).toBe(2);
    expect(connectionsRepo(db).activeTokenCounts().get('c_1')).toBe(2);
  });
});

describe('operations, audit, reminders and settings repositories', () => {
  beforeEach(() => connectionsRepo(db).insert(connection()));

  it('journals an operation and marks a pending one interrupted', () => {
    const repo = operationsRepo(db);
    repo.insert({
      id: 'op_1',
      kind: 'rotate',
      state: 'pending',
      connectionId: 'c_1',
      tokenId: null,
      resultTokenId: null,
      tokenName: 'CI deploy',
      request: { name: 'CI deploy' },
      error: null,
      acknowledged: false,
      startedAt: NOW,
      finishedAt: null,
    });
    expect(repo.markPendingInterrupted()).toBe(1);
    expect(repo.listOpen()).toMatchObject([
      { id: 'op_1', state: 'interrupted', request: { name: 'CI deploy' } },
    ]);
    repo.save({ ...repo.get('op_1')!, acknowledged: true });
    expect(repo.listOpen()).toEqual([]);
  });

  it('records audit entries newest first per token', () => {
    const repo = auditRepo(db);
    repo.record({
      at: NOW,
      action: 'token.create',
      outcome: 'ok',
      connectionId: 'c_1',
      tokenId: 't_1',
      detail: 'first',
    });
    repo.record({
      at: NOW + 1,
      action: 'token.rotate',
      outcome: 'error',
      connectionId: 'c_1',
      tokenId: 't_1',
      detail: 'second',
    });
    expect(repo.forToken('t_1').map((e) => e.detail)).toEqual(['second', 'first']);
  });

  it('records each reminder once', () => {
    tokensRepo(db).insert(token());
    const repo = remindersSentRepo(db);
    repo.recordMany([{ tokenId: 't_1', threshold: 'd7', targetAt: NOW, sentAt: NOW }]);
    repo.recordMany([{ tokenId: 't_1', threshold: 'd7', targetAt: NOW, sentAt: NOW + 5 }]);
    expect(repo.all()).toEqual([{ tokenId: 't_1', threshold: 'd7', targetAt: NOW, sentAt: NOW }]);
  });

  it('forgets only the reminder records that can never match again', () => {
    const DAY = 24 * 60 * 60 * 1000;
    const tokens = tokensRepo(db);
    tokens.insert(token({ id: 't_live', remoteId: '1', expiresAt: NOW + 5 * DAY }));
    tokens.insert(token({ id: 't_grace', remoteId: '2', state: 'grace', graceEndsAt: NOW - 40 * DAY }));
    tokens.insert(token({ id: 't_revoked', remoteId: '3', state: 'revoked', expiresAt: NOW + 5 * DAY }));
    const repo = remindersSentRepo(db);
    const sent = (tokenId: string, targetAt: number, threshold = '7d') => ({
      tokenId,
      threshold,
      targetAt,
      sentAt: NOW,
    });
    repo.recordMany([
      sent('t_live', NOW + 5 * DAY), // its current deadline: kept
      sent('t_live', NOW - 10 * DAY), // an old deadline, moved 10 days ago: kept (it may be moved back)
      sent('t_live', NOW - 40 * DAY), // an old deadline, long past: forgotten
      sent('t_grace', NOW - 40 * DAY, 'grace-1h'), // long past, but still its deadline: kept
      sent('t_revoked', NOW + 5 * DAY), // a revoked token never fires again: forgotten
    ]);
    expect(repo.pruneObsolete(NOW)).toBe(2);
    expect(
      repo
        .all()
        .map((r) => `${r.tokenId} ${(r.targetAt - NOW) / DAY}`)
        .sort(),
    ).toEqual(['t_grace -40', 't_live -10', 't_live 5']);
    expect(repo.pruneObsolete(NOW)).toBe(0);
  });

  it('stores settings as JSON values', () => {
    const repo = settingsRepo(db);
    repo.writeMany({ theme: 'dark', reminderThresholdsDays: [30, 7] });
    expect(repo.readAll()).toEqual({ theme: 'dark', reminderThresholdsDays: [30, 7] });
  });
});
