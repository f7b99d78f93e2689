/**
 * The journal module on its own: each transition writes the operations row and its audit line
 * together (one transaction: neither without the other), with the states, times and
 * acknowledgement the open-operations list relies on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../../../src-main/core/db/repositories/connections';
import type { TokenRecord } from '../../../src-main/core/db/repositories/tokens';
import { AppError } from '../../../src-main/core/errors';
import { OperationJournal } from '../../../src-main/core/services/operations/journal';
import { addTrackedConnection, DAY, makeCore, type TestCore } from '../helpers';

let t: TestCore;
afterEach(async () => {
  await t.close();
});

async function setUp(): Promise<{ journal: OperationJournal; connection: ConnectionRecord }> {
  t = makeCore();
  const added = await addTrackedConnection(t.core);
  const connection = t.core.context.repos.connections.get(added.id) as ConnectionRecord;
  return { journal: new OperationJournal(t.core.context), connection };
}

/** A token row to point at (result tokens are foreign keys). */
async function trackedToken(connection: ConnectionRecord, name: string): Promise<TokenRecord> {
  const row = await t.core.handlers.addTrackedToken({
    connectionId: connection.id,
    name,
    accountName: null,
    last4: null,
    createdAt: t.clock.now(),
    expiresAt: t.clock.now() + 30 * DAY,
    note: null,
  });
  return t.core.context.repos.tokens.get(row.id) as TokenRecord;
}

const auditLines = () =>
  t.core.context.repos.audit
    .recent()
    .filter((a) => a.action.startsWith('test.'))
    .map(({ action, outcome, connectionId, tokenId, detail }) => ({
      action,
      outcome,
      connectionId,
      tokenId,
      detail,
    }));

describe('operation journal', () => {
  it('writes the intent as a pending row, with the audit line only when one is given', async () => {
    const { journal, connection } = await setUp();
    const op = journal.begin(
      { kind: 'create', connection, token: null, tokenName: 'CI', request: { name: 'CI' } },
      null,
    );
    expect(t.core.context.repos.operations.get(op.id)).toMatchObject({
      kind: 'create',
      state: 'pending',
      connectionId: connection.id,
      tokenId: null,
      tokenName: 'CI',
      request: { name: 'CI' },
      startedAt: t.clock.now(),
      finishedAt: null,
      acknowledged: false,
    });
    expect(auditLines()).toEqual([]);

    const waiting = journal.begin(
      {
        kind: 'manual_rotate',
        connection,
        token: null,
        tokenName: 'Deploy',
        request: { kind: 'manual' },
        state: 'awaiting_confirmation',
      },
      { action: 'test.start', outcome: 'info', connectionId: connection.id, detail: 'started' },
    );
    expect(t.core.context.repos.operations.get(waiting.id)?.state).toBe('awaiting_confirmation');
    expect(auditLines()).toEqual([
      {
        action: 'test.start',
        outcome: 'info',
        connectionId: connection.id,
        tokenId: null,
        detail: 'started',
      },
    ]);
  });

  it('finishes: succeeded is acknowledged and timed; awaiting confirmation stays open', async () => {
    const { journal, connection } = await setUp();
    const created = await trackedToken(connection, 'CI');
    const successor = await trackedToken(connection, 'Successor');
    const op = journal.begin({ kind: 'create', connection, token: null, tokenName: 'CI', request: {} }, null);
    t.clock.advance(5_000);
    journal.finish(
      op,
      'succeeded',
      { resultTokenId: created.id, secretPending: true },
      {
        action: 'test.create',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: created.id,
        detail: 'Created',
      },
    );
    expect(t.core.context.repos.operations.get(op.id)).toMatchObject({
      state: 'succeeded',
      resultTokenId: created.id,
      secretPending: true,
      finishedAt: t.clock.now(),
      acknowledged: true,
      error: null,
    });

    const rotation = journal.begin(
      { kind: 'rotate', connection, token: null, tokenName: 'Old', request: {} },
      null,
    );
    journal.finish(rotation, 'awaiting_confirmation', { resultTokenId: successor.id }, null);
    expect(t.core.context.repos.operations.get(rotation.id)).toMatchObject({
      state: 'awaiting_confirmation',
      finishedAt: null,
      acknowledged: false,
    });
    expect(t.core.context.repos.operations.listOpen().map((o) => o.id)).toEqual([rotation.id]);
    expect(auditLines()).toEqual([
      {
        action: 'test.create',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: created.id,
        detail: 'Created',
      },
    ]);
  });

  it('fails with the error, the result token and an error audit line, and returns the error to throw', async () => {
    const { journal, connection } = await setUp();
    const result = await trackedToken(connection, 'CI');
    const op = journal.begin({ kind: 'revoke', connection, token: null, tokenName: 'CI', request: {} }, null);
    const error = new AppError('ambiguous', 'The provider did not say whether it was revoked.');
    const returned = journal.fail(
      op,
      'ambiguous',
      error,
      { action: 'test.revoke', connectionId: connection.id, detail: 'outcome unknown' },
      result.id,
    );
    expect(returned).toBe(error);
    expect(t.core.context.repos.operations.get(op.id)).toMatchObject({
      state: 'ambiguous',
      resultTokenId: result.id,
      error: { code: 'ambiguous', message: 'The provider did not say whether it was revoked.' },
      finishedAt: t.clock.now(),
      acknowledged: false,
    });
    expect(auditLines()).toEqual([
      {
        action: 'test.revoke',
        outcome: 'error',
        connectionId: connection.id,
        tokenId: null,
        detail: 'outcome unknown',
      },
    ]);
  });

  it('writes neither the outcome nor the line when the audit write fails', async () => {
    const { connection } = await setUp();
    const failing = new OperationJournal({
      ...t.core.context,
      audit: () => {
        throw new Error('disk full');
      },
    });
    const op = failing.begin({ kind: 'create', connection, token: null, tokenName: 'CI', request: {} }, null);
    expect(() =>
      failing.fail(op, 'failed', new AppError('provider_error', 'Refused.'), {
        action: 'test.create',
        connectionId: connection.id,
        detail: 'provider_error',
      }),
    ).toThrow('disk full');
    expect(t.core.context.repos.operations.get(op.id)?.state).toBe('pending');
    expect(() =>
      failing.begin(
        { kind: 'create', connection, token: null, tokenName: 'Second', request: {} },
        { action: 'test.start', outcome: 'info', connectionId: connection.id, detail: 'started' },
      ),
    ).toThrow('disk full');
    expect(t.core.context.repos.operations.listRecent().map((o) => o.tokenName)).toEqual(['CI']);
  });

  it('finds the rotation of a token that still waits for the user', async () => {
    const { journal, connection } = await setUp();
    const token = await trackedToken(connection, 'Deploy');
    expect(journal.openRotationFor(token.id)).toBeNull();
    const op = journal.begin(
      {
        kind: 'manual_rotate',
        connection,
        token,
        tokenName: 'Deploy',
        request: {},
        state: 'awaiting_confirmation',
      },
      null,
    );
    expect(journal.openRotationFor(token.id)?.id).toBe(op.id);
    journal.finish(op, 'abandoned', {}, null);
    expect(journal.openRotationFor(token.id)).toBeNull();
  });
});
