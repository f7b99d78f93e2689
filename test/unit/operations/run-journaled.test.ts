/**
 * runJournaled on its own, with a scripted remote call and listing: the call is sent once
 * whatever happens, a failure that left the provider untouched is recorded without listing, and
 * after an unclear failure the listing decides between "not happened", "done" and "lost" (or
 * "unknown" when the listing fails too). Every outcome is in the journal with its audit line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../../../src-main/core/db/repositories/connections';
import type { TokenRecord } from '../../../src-main/core/db/repositories/tokens';
import { AppError } from '../../../src-main/core/errors';
import { HttpError } from '../../../src-main/core/http/errors';
import type { RemoteToken } from '../../../src-main/core/providers/types';
import { OperationJournal } from '../../../src-main/core/services/operations/journal';
import {
  runJournaled,
  type JournaledRun,
  type Reconciled,
} from '../../../src-main/core/services/operations/run-journaled';
import type { Listing } from '../../../src-main/core/services/reconcile';
import { addTrackedConnection, DAY, makeCore, type TestCore } from '../helpers';

let t: TestCore;
afterEach(async () => {
  await t.close();
});

const unclear = () =>
  new HttpError('timeout', 'Example did not answer within 1 second.', { effect: 'unknown' });
const listed = [{ remoteId: '7', name: 'CI' }] as RemoteToken[];

interface Script {
  call: () => Promise<string>;
  list?: () => Promise<Listing>;
  reconcile?: (tokens: RemoteToken[], failure: AppError) => Reconciled<string>;
  settled?: (error: unknown) => string | undefined;
}

async function harness(script: Script) {
  t = makeCore();
  const added = await addTrackedConnection(t.core);
  const connection = t.core.context.repos.connections.get(added.id) as ConnectionRecord;
  const tracked = await t.core.handlers.addTrackedToken({
    connectionId: connection.id,
    name: 'CI',
    accountName: null,
    last4: null,
    createdAt: t.clock.now(),
    expiresAt: t.clock.now() + 30 * DAY,
    note: null,
  });
  const token = t.core.context.repos.tokens.get(tracked.id) as TokenRecord;
  const journal = new OperationJournal(t.core.context);
  const seen = { calls: 0, lists: 0, noted: [] as unknown[], changed: 0, opId: '' };
  const run: JournaledRun<string, string> = {
    journal,
    begin: () => {
      const op = journal.begin(
        { kind: 'revoke', connection, token, tokenName: 'CI', request: { why: 'test' } },
        null,
      );
      seen.opId = op.id;
      return op;
    },
    call: () => {
      seen.calls++;
      return script.call();
    },
    commit: (op, answer) => {
      journal.finish(op, 'succeeded', {}, null);
      return `committed ${answer}`;
    },
    ...(script.settled === undefined
      ? {}
      : { settled: (_op: unknown, error: unknown) => script.settled?.(error) }),
    noteFailure: (error) => seen.noted.push(error),
    audit: {
      action: 'token.test',
      connectionId: connection.id,
      tokenId: token.id,
      detail: (what) => `“CI”: ${what}`,
    },
    internalMessage: 'It broke inside Tokenkeeper.',
    list: () => {
      seen.lists++;
      return script.list?.() ?? Promise.resolve({ ok: true, tokens: listed });
    },
    unchecked: (failure) => `${failure.message} Could not check.`,
    reconcile: (tokens, failure) =>
      script.reconcile?.(tokens, failure) ?? {
        outcome: 'not_happened',
        error: new AppError(failure.code, 'Checked: nothing changed.'),
        detail: 'not changed (checked)',
      },
    changed: () => {
      seen.changed++;
    },
  };
  const op = () => t.core.context.repos.operations.get(seen.opId);
  const lines = () =>
    t.core.context.repos.audit
      .recent()
      .filter((a) => a.action === 'token.test')
      .map((a) => ({ outcome: a.outcome, tokenId: a.tokenId, detail: a.detail }));
  return { run, seen, op, lines, token };
}

describe('runJournaled', () => {
  it('commits a successful answer, sent once', async () => {
    const h = await harness({ call: async () => 'answer' });
    await expect(runJournaled(h.run)).resolves.toBe('committed answer');
    expect(h.seen).toMatchObject({ calls: 1, lists: 0, noted: [] });
    expect(h.op()).toMatchObject({ state: 'succeeded', request: { why: 'test' } });
  });

  it('records a failure that left the provider untouched without listing', async () => {
    const refused = new HttpError('forbidden', 'Example refused.', { effect: 'none', status: 403 });
    const h = await harness({
      call: async () => {
        throw refused;
      },
    });
    await expect(runJournaled(h.run)).rejects.toBe(refused);
    expect(h.seen).toMatchObject({ calls: 1, lists: 0, noted: [refused] });
    expect(h.op()).toMatchObject({
      state: 'failed',
      error: { code: 'forbidden', message: 'Example refused.' },
    });
    expect(h.lines()).toEqual([{ outcome: 'error', tokenId: h.token.id, detail: '“CI”: forbidden' }]);
  });

  it('turns an unexpected exception into the internal message, never its own text', async () => {
    const h = await harness({
      call: async () => {
        throw new TypeError('secret-looking detail');
      },
    });
    await expect(runJournaled(h.run)).rejects.toMatchObject({
      code: 'internal',
      message: 'It broke inside Tokenkeeper.',
    });
    expect(h.op()?.error).toEqual({ code: 'internal', message: 'It broke inside Tokenkeeper.' });
    expect(h.seen.lists).toBe(0);
  });

  it('after an unclear failure, reports the outcome as unknown when the listing fails too', async () => {
    const h = await harness({
      call: async () => {
        throw unclear();
      },
      list: async () => ({ ok: false }),
    });
    await expect(runJournaled(h.run)).rejects.toMatchObject({
      code: 'ambiguous',
      message: 'Example did not answer within 1 second. Could not check.',
    });
    expect(h.seen).toMatchObject({ calls: 1, lists: 1, changed: 0 });
    expect(h.op()?.state).toBe('ambiguous');
    expect(h.lines()).toEqual([{ outcome: 'error', tokenId: h.token.id, detail: '“CI”: outcome unknown' }]);
  });

  it('decides "not happened" from the listing: failed, with the checked message', async () => {
    const h = await harness({
      call: async () => {
        throw unclear();
      },
    });
    await expect(runJournaled(h.run)).rejects.toMatchObject({
      code: 'timeout',
      message: 'Checked: nothing changed.',
    });
    expect(h.seen).toMatchObject({ calls: 1, lists: 1, changed: 0 });
    expect(h.op()).toMatchObject({ state: 'failed', error: { code: 'timeout' } });
    expect(h.lines()).toEqual([{ outcome: 'error', tokenId: h.token.id, detail: 'not changed (checked)' }]);
  });

  it('decides "done" from the listing: the run ends with the value, no error and no failure line', async () => {
    const h = await harness({
      call: async () => {
        throw unclear();
      },
      reconcile: (tokens) => ({ outcome: 'done', value: `gone from ${tokens.length} listed` }),
    });
    await expect(runJournaled(h.run)).resolves.toBe('gone from 1 listed');
    expect(h.seen).toMatchObject({ calls: 1, lists: 1 });
    expect(h.lines()).toEqual([]);
  });

  it('decides "lost" from the listing: ambiguous, with the result token, its line, and the window told', async () => {
    const h = await harness({
      call: async () => {
        throw unclear();
      },
      reconcile: () => ({
        outcome: 'lost',
        message: 'It happened, but the secret is lost.',
        detail: 'happened but the secret was lost',
        resultTokenId: h.token.id,
      }),
    });
    await expect(runJournaled(h.run)).rejects.toMatchObject({
      code: 'ambiguous',
      message: 'It happened, but the secret is lost.',
    });
    expect(h.seen).toMatchObject({ calls: 1, lists: 1, changed: 1 });
    expect(h.op()).toMatchObject({ state: 'ambiguous', resultTokenId: h.token.id });
    expect(h.lines()).toEqual([
      { outcome: 'error', tokenId: h.token.id, detail: 'happened but the secret was lost' },
    ]);
  });

  it('lets an error that is an answer in itself settle the run, before noting any failure', async () => {
    const gone = new HttpError('not_found', 'Not found.', { effect: 'none', status: 404 });
    const h = await harness({
      call: async () => {
        throw gone;
      },
      settled: (error) => (error === gone ? 'already gone' : undefined),
    });
    await expect(runJournaled(h.run)).resolves.toBe('already gone');
    expect(h.seen).toMatchObject({ calls: 1, lists: 0, noted: [] });
  });
});
