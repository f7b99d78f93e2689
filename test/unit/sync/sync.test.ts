/**
 * Sync across connections: bounded concurrency, one transaction per connection, tokens gone
 * remotely marked removed, a failed sync leaving every row untouched, progress events, tracked
 * connections left alone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mailtrapAdapter } from '../../../src-main/core/providers/mailtrap/adapter';
import { SYNC_CONCURRENCY } from '../../../src-main/core/services/sync';
import type { Connection, TokenPage } from '../../../src-preload/contract';
import type { ConcurrencyTracker } from '../../simulators/base';
import { seedMailtrap, startMailtrap } from '../../simulators/mailtrap';
import { addTrackedConnection } from '../helpers';
import {
  connectMailtrap,
  connectSmoxy,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  withSmoxy,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest;
afterEach(async () => {
  await t.shutdown();
});

const rows = async (includeInactive = true) =>
  (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500, includeInactive })).rows;

describe('sync', () => {
  it(`syncs every connection at once, at most ${SYNC_CONCURRENCY} at a time`, async () => {
    t = providerCore();
    const tracker: ConcurrencyTracker = { current: 0, max: 0 };
    const connections: Connection[] = [];
    for (let i = 0; i < 6; i++) {
      const sim = await startMailtrap({ now: () => t.clock.now(), tracker });
      t.sims.push(sim);
      connections.push(await connectMailtrap(t, sim, seedMailtrap(sim), `Mailtrap ${i}`));
      sim.inject({
        route: 'GET /api/accounts/:accountId/api_tokens',
        times: 2,
        fault: { kind: 'latency', ms: 120 },
      });
    }
    tracker.max = 0;
    const { started } = await ok<{ started: string[] }>(t, 'syncNow', {});
    expect(started.sort()).toEqual(connections.map((c) => c.id).sort());
    await t.idle();
    expect(tracker.max).toBeGreaterThanOrEqual(2);
    expect(tracker.max).toBeLessThanOrEqual(SYNC_CONCURRENCY);
    expect((await ok<Connection[]>(t, 'listConnections', undefined)).every((c) => c.status === 'ok')).toBe(
      true,
    );
  });

  it('reports progress per connection, then announces the changed tokens and connections', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const from = t.emitted.length;
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const events = t.emitted.slice(from).map((e) => e.event);
    expect(events).toEqual(['syncProgress', 'syncProgress', 'tokensChanged', 'connectionsChanged']);
    expect(t.emitted.slice(from)[1]?.payload).toEqual({
      connectionId: connection.id,
      state: 'ok',
      fetched: 8,
      error: null,
    });
    expect(t.emitted.slice(from)[2]?.payload).toEqual({ connectionIds: [connection.id] });
  });

  it('marks tokens deleted at the provider as removed, keeping their rows', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    for (const token of sim.findByName('Newsletter')) token.deleted = true;
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const newsletter = (await rows()).filter((r) => r.name === 'Newsletter');
    expect(newsletter.map((r) => [r.state, r.badges])).toEqual([['removed', ['removed']]]);
    expect((await rows(false)).some((r) => r.name === 'Newsletter')).toBe(false);
  });

  it('writes a connection’s set in one transaction: a failure on its second account changes nothing', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const before = t.snapshot();
    // A change in the first account; the first list passes, the second account's list fails every time.
    for (const token of sim.findByName('Production SMTP')) token.name = 'Production SMTP (renamed)';
    sim.inject({ route: 'GET /api/accounts/:accountId/api_tokens', fault: { kind: 'latency', ms: 1 } });
    sim.inject({
      route: 'GET /api/accounts/:accountId/api_tokens',
      times: 3,
      fault: { kind: 'status', status: 503 },
    });
    sim.resetLog();
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    // First account listed fine (1 request), the second failed three times.
    expect(sim.count('GET /api/accounts/:accountId/api_tokens')).toBe(4);
    expect(t.snapshot()).toEqual(before);
    const [view] = await ok<Connection[]>(t, 'listConnections', undefined);
    expect(view).toMatchObject({ status: 'error', lastError: { code: 'provider_error' } });
    // Once the provider answers again, the change arrives.
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect((await rows()).some((r) => r.name === 'Production SMTP (renamed)')).toBe(true);
  });

  it('a failed sync changes only the connection’s status and error, and keeps its last sync time', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const [first] = await ok<Connection[]>(t, 'listConnections', undefined);
    const before = t.snapshot();
    t.clock.advance(60_000);
    sim.inject({ route: 'GET /api/accounts/:accountId/api_tokens', fault: { kind: 'status', status: 401 } });
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(t.snapshot()).toEqual(before);
    const [after] = await ok<Connection[]>(t, 'listConnections', undefined);
    expect(after).toMatchObject({
      status: 'needs_credential',
      lastSyncAt: first?.lastSyncAt,
      lastError: { code: 'unauthorized' },
    });
  });

  it('does not start a second sync of a connection already syncing', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    sim.resetLog();
    sim.inject({ route: 'GET /api/accounts/:accountId/api_tokens', fault: { kind: 'latency', ms: 150 } });
    const first = await ok<{ started: string[] }>(t, 'syncNow', { connectionIds: [connection.id] });
    const second = await ok<{ started: string[] }>(t, 'syncNow', { connectionIds: [connection.id] });
    expect(first.started).toEqual([connection.id]);
    expect(second.started).toEqual([connection.id]);
    await t.idle();
    expect(sim.count('GET /api/accounts/:accountId/api_tokens')).toBe(2);
  });

  it('leaves tracked connections alone and syncs different providers side by side', async () => {
    t = providerCore();
    const mailtrap = await withMailtrap(t);
    const smoxy = await withSmoxy(t);
    const a = await connectMailtrap(t, mailtrap.sim, mailtrap.seed);
    const b = await connectSmoxy(t, smoxy.sim, smoxy.seed);
    const tracked = await addTrackedConnection(t.core, 'smenso', 'Acme workspace');
    const { started } = await ok<{ started: string[] }>(t, 'syncNow', {});
    expect(started.sort()).toEqual([a.id, b.id].sort());
    await t.idle();
    const views = await ok<Connection[]>(t, 'listConnections', undefined);
    expect(views.find((v) => v.id === tracked.id)?.status).toBe('tracked');
    expect(await ok(t, 'syncNow', { connectionIds: [tracked.id] })).toEqual({ started: [] });
    expect(await refusal(t, 'syncNow', { connectionIds: ['c_doesnotexist'] })).toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps within Mailtrap’s documented rate: 150 requests per 10 s per connection', async () => {
    expect(mailtrapAdapter.rateLimit).toEqual({ limit: 150, windowMs: 10_000 });
    // And the simulator enforces it (strict to the docs): the 151st request in a window is refused.
    t = providerCore();
    const sim = await startMailtrap({ rateLimit: { limit: 150, windowMs: 10_000 } });
    t.sims.push(sim);
    const seed = seedMailtrap(sim);
    const statuses: number[] = [];
    for (let i = 0; i < 151; i++) {
      statuses.push(
        (await fetch(`${sim.url}/api/accounts`, { headers: { 'Api-Token': seed.credential } })).status,
      );
    }
    expect(statuses.slice(0, 150).every((s) => s === 200)).toBe(true);
    expect(statuses[150]).toBe(429);
  });
});
