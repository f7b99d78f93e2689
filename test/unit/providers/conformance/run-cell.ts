/**
 * One cell of the fault matrix: a fresh core and simulator, one fault injected on the route of one
 * operation, the operation run through dispatch as the renderer calls it, and everything observed
 * that the expectations in faults.ts speak of.
 */
import { expect } from 'vitest';
import type { Connection, TokenPage } from '../../../../src-preload/contract';
import type { ProviderTest } from '../harness';
import type { Expected, FaultSpec } from './faults';
import { subjectKey, type ApiSubject, type Operation } from './subject';

export interface Cell extends Expected {
  provider: string;
  operation: Operation;
  fault: string;
}

/** Every token row, and every connection row without the fields a failed call is meant to change. */
export function cacheSnapshot(t: ProviderTest): string {
  const db = t.core.context.db;
  return JSON.stringify({
    tokens: db.prepare('SELECT * FROM tokens ORDER BY id').all(),
    connections: db
      .prepare(
        'SELECT id, provider, label, mode, base_url, accounts, identity, created_at FROM connections ORDER BY id',
      )
      .all(),
  });
}

/** Message text without what changes from run to run (the simulator's port, the clock). */
export const normalise = (text: string) =>
  text.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/\d\d:\d\d:\d\d UTC/g, 'HH:MM:SS UTC');

export async function liveRows(t: ProviderTest): Promise<TokenPage['rows']> {
  const result = await t.core.call('listTokens', { offset: 0, limit: 1000 });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as TokenPage).rows.filter((r) => r.state === 'active' || r.state === 'grace');
}

const JOURNAL_KIND: Record<Operation, string | null> = {
  sync: null,
  create: 'create',
  rotate: 'rotate',
  revoke: 'revoke',
};

/** Runs one cell; `remoteBefore` is reported so the expectation can follow the provider's pages. */
export async function runCell(
  t: ProviderTest,
  s: ApiSubject,
  operation: Operation,
  spec: FaultSpec,
): Promise<{ cell: Cell; remoteBefore: number }> {
  const { sim, connection, remote } = await s.connect(t);
  const route = s.routes[operation];
  const before = cacheSnapshot(t);
  const rowsBefore = await liveRows(t);
  const remoteBefore = remote.live().length;
  const target = operation === 'rotate' ? s.rotateName : s.revokeName;
  const targetId = rowsBefore.find((r) => r.name === target)?.id;
  sim.resetLog();
  sim.inject({ route, times: operation === 'sync' ? 10 : 1, fault: spec.fault(s) });

  let outcome: { code: string; message: string } = { code: 'ok', message: '' };
  if (operation === 'sync') {
    const started = await t.core.call('syncNow', { connectionIds: [connection.id] });
    expect(started.ok).toBe(true);
    await t.idle();
    const views = await t.core.call('listConnections', undefined);
    if (!views.ok) throw new Error(views.error.message);
    const error = (views.value as Connection[])[0]?.lastError ?? null;
    if (error !== null) outcome = { code: error.code, message: error.message };
  } else {
    const result =
      operation === 'create'
        ? await t.core.call('createToken', s.createInput(connection.id, 'Fault probe'))
        : operation === 'rotate'
          ? await t.core.call('startRotation', { tokenId: targetId, ...s.rotateInput?.() })
          : await t.core.call('revokeToken', { tokenId: targetId });
    if (result.ok) {
      const secretId = (result.value as { secretId?: string | null }).secretId ?? null;
      if (secretId !== null) await t.core.call('discardSecret', { secretId });
    } else {
      outcome = { code: result.error.code, message: result.error.message };
    }
  }

  const after = cacheSnapshot(t);
  const ops = await t.core.call('listOperations', { onlyOpen: false });
  if (!ops.ok) throw new Error(ops.error.message);
  const kind = JOURNAL_KIND[operation];
  const journal =
    kind === null
      ? null
      : ((ops.value as { kind: string; state: string }[]).find((o) => o.kind === kind)?.state ?? null);
  const cell: Cell = {
    provider: subjectKey(s),
    operation,
    fault: spec.label,
    code: outcome.code,
    message: normalise(outcome.message),
    cache: after === before ? 'unchanged' : outcome.code === 'ok' ? 'updated' : 'reconciled',
    journal,
    calls: sim.count(route),
    remoteDelta: remote.live().length - remoteBefore,
  };

  if (operation === 'create' && cell.cache === 'reconciled') {
    // Reconciled by listing: the token the provider made is in the cache, and the journal names it.
    const added = (await liveRows(t)).filter((r) => !rowsBefore.some((b) => b.id === r.id));
    expect(added.map((r) => r.name)).toEqual(['Fault probe']);
    const op = (ops.value as { kind: string; resultTokenId: string | null }[]).find(
      (o) => o.kind === 'create',
    );
    expect(op?.resultTokenId).toBe(added[0]?.id);
  }
  // The provider acted: the cache must now hold exactly what the provider holds. (A 404 to a
  // revoke is the provider's word that the token is gone, which an injected 404 is not.)
  if (cell.cache !== 'unchanged' && !(operation === 'revoke' && spec.label === '404')) {
    const cached = await liveRows(t);
    expect(cached).toHaveLength(remote.live().length);
    expect(cached.length - rowsBefore.length).toBe(cell.remoteDelta);
  }
  return { cell, remoteBefore };
}
