/**
 * Every injected fault, for every adapter: what the user sees (error code and message), what
 * happens to the cache (unchanged after any failure: rows compared before and after), that no
 * create is ever sent twice, and that an unclear create is reconciled by listing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src-preload/contract';
import type { Fault, SimServer } from '../../simulators/base';
import {
  connectMailtrap,
  connectMirox,
  connectSmoxy,
  ok,
  providerCore,
  refusal,
  withMailtrap,
  withMirox,
  withSmoxy,
  type ProviderTest,
} from './harness';

interface Case {
  provider: 'Mailtrap' | 'smoxy' | 'Mirox';
  setup(t: ProviderTest): Promise<{ sim: SimServer; connection: Connection }>;
  listRoute: string;
  createRoute: string;
  create(connectionId: string, name: string): Record<string, unknown>;
}

const CASES: Case[] = [
  {
    provider: 'Mailtrap',
    async setup(t) {
      const { sim, seed } = await withMailtrap(t);
      return { sim, connection: await connectMailtrap(t, sim, seed) };
    },
    listRoute: 'GET /api/accounts/:accountId/api_tokens',
    createRoute: 'POST /api/accounts/:accountId/api_tokens',
    create: (connectionId, name) => ({ connectionId, accountId: '3229', name }),
  },
  {
    provider: 'smoxy',
    async setup(t) {
      const { sim, seed } = await withSmoxy(t);
      return { sim, connection: await connectSmoxy(t, sim, seed) };
    },
    listRoute: 'GET /api/api-tokens',
    createRoute: 'POST /api/api-tokens',
    create: (connectionId, name) => ({ connectionId, accountId: null, name }),
  },
  {
    provider: 'Mirox',
    async setup(t) {
      const { sim } = await withMirox(t);
      return { sim, connection: await connectMirox(t, sim) };
    },
    listRoute: 'GET /api/v1/profile/api-tokens',
    createRoute: 'POST /api/v1/profile/api-tokens',
    create: (connectionId, name) => ({ connectionId, accountId: null, name, permissionGroup: 'Reporting' }),
  },
];

/** Faults on the list during a sync (GET: retried up to 3 times, so they strike 3 times). */
const SYNC_FAULTS: { name: string; fault: Fault; code: string; message: (p: string) => string | RegExp }[] = [
  {
    name: '429 with a long Retry-After',
    fault: { kind: 'status', status: 429, retryAfter: '120' },
    code: 'rate_limited',
    message: (p) =>
      new RegExp(
        `^${p} is limiting how often Tokenkeeper may call it \\(429\\)\\. Try again after \\d\\d:\\d\\d:\\d\\d UTC\\.$`,
      ),
  },
  {
    name: '500',
    fault: { kind: 'status', status: 500 },
    code: 'provider_error',
    message: (p) =>
      `${p} had a server problem (500). Try again in a few minutes; if it persists, check ${p}’s status page.`,
  },
  {
    name: '502',
    fault: { kind: 'status', status: 502 },
    code: 'provider_error',
    message: (p) =>
      `${p} had a server problem (502). Try again in a few minutes; if it persists, check ${p}’s status page.`,
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503 },
    code: 'provider_error',
    message: (p) =>
      `${p} had a server problem (503). Try again in a few minutes; if it persists, check ${p}’s status page.`,
  },
  {
    name: 'a timeout (no answer)',
    fault: { kind: 'timeout' },
    code: 'timeout',
    message: (p) => `${p} did not answer within 1 second.`,
  },
  {
    name: 'latency beyond the timeout',
    fault: { kind: 'latency', ms: 1_500 },
    code: 'timeout',
    message: (p) => `${p} did not answer within 1 second.`,
  },
  {
    name: 'a connection reset',
    fault: { kind: 'reset' },
    code: 'network',
    message: (p) =>
      new RegExp(`^The connection to ${p} at 127\\.0\\.0\\.1:\\d+ broke before the answer arrived\\.$`),
  },
  {
    name: 'malformed JSON',
    fault: { kind: 'malformed' },
    code: 'malformed_response',
    message: (p) =>
      `${p} sent an answer Tokenkeeper could not understand. Its API may have changed; nothing in your cache was changed.`,
  },
  {
    name: 'a 50 MB body',
    fault: { kind: 'huge' },
    code: 'response_too_large',
    message: (p) =>
      `${p} sent an answer larger than 2 MB, so Tokenkeeper stopped reading it. Nothing in your cache was changed.`,
  },
];

/** Faults on a create (POST: sent once, never retried). */
const CREATE_FAULTS: {
  name: string;
  fault: Fault;
  outcome: 'refused' | 'checked' | 'ambiguous';
  code: string;
  message: (p: string) => string | RegExp;
}[] = [
  {
    name: '429',
    fault: { kind: 'status', status: 429, retryAfter: '30' },
    outcome: 'refused',
    code: 'rate_limited',
    message: (p) =>
      new RegExp(`^${p} is limiting how often Tokenkeeper may call it \\(429\\)\\. Try again after`),
  },
  {
    name: '500',
    fault: { kind: 'status', status: 500 },
    outcome: 'checked',
    code: 'provider_error',
    message: (p) =>
      `${p} had a server problem (500). Try again in a few minutes; if it persists, check ${p}’s status page. Tokenkeeper checked ${p} afterwards: no token named “Fault probe” was created, so nothing changed. You can try again.`,
  },
  {
    name: '502',
    fault: { kind: 'status', status: 502 },
    outcome: 'checked',
    code: 'provider_error',
    message: (p) =>
      new RegExp(`^${p} had a server problem \\(502\\)\\..* no token named “Fault probe” was created`),
  },
  {
    name: '503',
    fault: { kind: 'status', status: 503 },
    outcome: 'checked',
    code: 'provider_error',
    message: (p) =>
      new RegExp(`^${p} had a server problem \\(503\\)\\..* no token named “Fault probe” was created`),
  },
  {
    name: 'a timeout before the provider acted',
    fault: { kind: 'timeout' },
    outcome: 'checked',
    code: 'timeout',
    message: (p) =>
      `${p} did not answer within 1 second. Tokenkeeper checked ${p} afterwards: no token named “Fault probe” was created, so nothing changed. You can try again.`,
  },
  {
    name: 'a reset before the provider acted',
    fault: { kind: 'reset' },
    outcome: 'checked',
    code: 'network',
    message: (p) =>
      new RegExp(
        `^The connection to ${p} .* broke before the answer arrived\\. Tokenkeeper checked ${p} afterwards: no token named “Fault probe” was created`,
      ),
  },
  {
    name: 'a timeout after the provider acted',
    fault: { kind: 'timeout', afterHandling: true },
    outcome: 'ambiguous',
    code: 'ambiguous',
    message: (p) =>
      `${p} created “Fault probe”, but its secret never reached Tokenkeeper (${p} did not answer within 1 second). Tokenkeeper did not retry. Revoke that token and create a new one.`,
  },
  {
    name: 'a reset after the provider acted',
    fault: { kind: 'reset', afterHandling: true },
    outcome: 'ambiguous',
    code: 'ambiguous',
    message: (p) =>
      new RegExp(
        `^${p} created “Fault probe”, but its secret never reached Tokenkeeper \\(The connection to ${p} .* broke before the answer arrived\\)\\. Tokenkeeper did not retry\\.`,
      ),
  },
  {
    name: 'malformed JSON after the provider acted',
    fault: { kind: 'malformed', afterHandling: true },
    outcome: 'ambiguous',
    code: 'ambiguous',
    message: (p) =>
      new RegExp(
        `^${p} created “Fault probe”, but its secret never reached Tokenkeeper \\(${p} sent an answer Tokenkeeper could not understand`,
      ),
  },
  {
    name: 'a 50 MB answer after the provider acted',
    fault: { kind: 'huge', afterHandling: true },
    outcome: 'ambiguous',
    code: 'ambiguous',
    message: (p) =>
      new RegExp(
        `^${p} created “Fault probe”, but its secret never reached Tokenkeeper \\(${p} sent an answer larger than 2 MB`,
      ),
  },
];

const expectMessage = (actual: string, expected: string | RegExp) =>
  typeof expected === 'string' ? expect(actual).toBe(expected) : expect(actual).toMatch(expected);

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

describe.each(CASES)('$provider', (c) => {
  it.each(SYNC_FAULTS)(
    'a sync hit by $name leaves every cached row as it was and says why',
    async ({ fault, code, message }) => {
      t = providerCore();
      const { sim, connection } = await c.setup(t);
      const before = t.snapshot();
      expect(before.length).toBeGreaterThan(0);
      sim.inject({ route: c.listRoute, times: 3, fault });
      sim.resetLog();
      const events = t.emitted.length;
      await ok(t, 'syncNow', { connectionIds: [connection.id] });
      await t.idle();
      expect(t.snapshot()).toEqual(before);
      const [view] = await ok<Connection[]>(t, 'listConnections', undefined);
      expect(view?.status).toBe('error');
      expect(view?.lastError?.code).toBe(code);
      expectMessage(view?.lastError?.message ?? '', message(c.provider));
      if (code === 'rate_limited') expect(view?.lastError?.retryAt).toBeGreaterThan(t.clock.now());
      const progress = t.emitted
        .slice(events)
        .filter((e) => e.event === 'syncProgress')
        .map((e) => e.payload as { state: string; error: { code: string } | null });
      expect(progress.map((p) => p.state)).toEqual(['syncing', 'error']);
      expect(progress[1]?.error?.code).toBe(code);
      // Only idempotent reads were repeated; 429s with a long wait, malformed and oversized answers were not.
      expect(sim.count(c.listRoute)).toBe(
        ['rate_limited', 'malformed_response', 'response_too_large'].includes(code) ? 1 : 3,
      );
    },
  );

  it('a sync slowed by latency within the timeout still succeeds', async () => {
    t = providerCore();
    const { sim, connection } = await c.setup(t);
    sim.inject({ route: c.listRoute, fault: { kind: 'latency', ms: 200 } });
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const [view] = await ok<Connection[]>(t, 'listConnections', undefined);
    expect(view?.status).toBe('ok');
  });

  it.each(CREATE_FAULTS)(
    'a create hit by $name is sent once; the user is told what happened',
    async ({ fault, outcome, code, message }) => {
      t = providerCore();
      const { sim, connection } = await c.setup(t);
      const before = t.snapshot();
      const creates = sim.count(c.createRoute);
      sim.inject({ route: c.createRoute, fault });
      const error = await refusal(t, 'createToken', c.create(connection.id, 'Fault probe'));
      expect(error.code).toBe(code);
      expectMessage(error.message, message(c.provider));
      expect(sim.count(c.createRoute) - creates).toBe(1);
      const [op] = await ok<
        { kind: string; state: string; error: { code: string } | null; resultTokenId: string | null }[]
      >(t, 'listOperations', { onlyOpen: false });
      if (outcome === 'ambiguous') {
        // Reconciled by listing: the token exists at the provider and is now in the cache.
        const after = t.snapshot() as { name: string; id: string }[];
        const added = after.filter((row) => !(before as { id: string }[]).some((b) => b.id === row.id));
        expect(added.map((r) => r.name)).toEqual(['Fault probe']);
        expect(op).toMatchObject({ kind: 'create', state: 'ambiguous', resultTokenId: added[0]?.id });
      } else {
        expect(t.snapshot()).toEqual(before);
        expect(op).toMatchObject({ kind: 'create', state: 'failed', error: { code } });
      }
      if (code === 'rate_limited') expect(error.retryAt).toBeGreaterThan(Date.now());
    },
  );
});

describe('rotation and revoke faults', () => {
  it('Mailtrap: a reset whose answer is lost is not retried; listing shows it happened, and the user is told how to recover', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    await connectMailtrap(t, sim, seed);
    const rows = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows;
    const production = rows.find((r) => r.name === 'Production SMTP');
    sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens/:id/reset',
      fault: { kind: 'timeout', afterHandling: true },
    });
    const error = await refusal(t, 'startRotation', { tokenId: production?.id });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toMatch(
      /^Mailtrap reset “Production SMTP”, but the new secret never reached Tokenkeeper\. Tokenkeeper did not retry\. The old token stops working at .* UTC; reset the new token here to get a secret you can use\.$/,
    );
    expect(sim.count('POST /api/accounts/:accountId/api_tokens/:id/reset')).toBe(1);
    const after = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.filter(
      (r) => r.name === 'Production SMTP',
    );
    expect(after.map((r) => r.state).sort()).toEqual(['active', 'grace']);
    const [op] = await t.core.handlers.listOperations({ onlyOpen: true });
    expect(op).toMatchObject({ kind: 'rotate', state: 'ambiguous' });
  });

  it('Mailtrap: a reset refused with 503 changes nothing and says so', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    await connectMailtrap(t, sim, seed);
    const before = t.snapshot();
    const production = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.find(
      (r) => r.name === 'Production SMTP',
    );
    sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens/:id/reset',
      fault: { kind: 'status', status: 503 },
    });
    const error = await refusal(t, 'startRotation', { tokenId: production?.id });
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain(
      'Tokenkeeper checked Mailtrap afterwards: “Production SMTP” was not rotated, so nothing changed.',
    );
    expect(t.snapshot()).toEqual(before);
    expect(sim.count('POST /api/accounts/:accountId/api_tokens/:id/reset')).toBe(1);
  });

  it('Mirox: a rotation whose answer is lost is not retried; the user learns the old secret is dead', async () => {
    t = providerCore();
    const { sim } = await withMirox(t);
    await connectMirox(t, sim);
    const row = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.find(
      (r) => r.name === 'Report exporter',
    );
    sim.inject({
      route: 'POST /api/v1/profile/api-tokens/:id/rotate',
      fault: { kind: 'reset', afterHandling: true },
    });
    const error = await refusal(t, 'startRotation', { tokenId: row?.id });
    expect(error).toEqual({
      code: 'ambiguous',
      message:
        'Mirox rotated “Report exporter”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry. Rotate it again to get a secret you can use.',
    });
    expect(sim.count('POST /api/v1/profile/api-tokens/:id/rotate')).toBe(1);
  });

  it('smoxy: a delete whose answer is lost is checked by listing and counted as done', async () => {
    t = providerCore();
    const { sim, seed } = await withSmoxy(t);
    await connectSmoxy(t, sim, seed);
    const row = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.find(
      (r) => r.name === 'Unused test',
    );
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'timeout', afterHandling: true } });
    const revoked = await ok<{ state: string }>(t, 'revokeToken', { tokenId: row?.id });
    expect(revoked.state).toBe('revoked');
    expect(sim.count('DELETE /api/api-tokens/:id')).toBe(1);
  });

  it('smoxy: a delete refused with 503 leaves the token active and says it still exists', async () => {
    t = providerCore();
    const { sim, seed } = await withSmoxy(t);
    await connectSmoxy(t, sim, seed);
    const before = t.snapshot();
    const row = (await t.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.find(
      (r) => r.name === 'Unused test',
    );
    sim.inject({ route: 'DELETE /api/api-tokens/:id', fault: { kind: 'status', status: 503 } });
    const error = await refusal(t, 'revokeToken', { tokenId: row?.id });
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain(
      'Tokenkeeper checked smoxy afterwards: “Unused test” still exists. You can try again.',
    );
    expect(t.snapshot()).toEqual(before);
  });

  it('when even the check fails, the outcome is reported as unknown and nothing is retried', async () => {
    t = providerCore();
    const { sim, seed } = await withMailtrap(t);
    const connection = await connectMailtrap(t, sim, seed);
    const before = t.snapshot();
    sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens',
      fault: { kind: 'timeout', afterHandling: true },
    });
    sim.inject({
      route: 'GET /api/accounts/:accountId/api_tokens',
      times: 3,
      fault: { kind: 'status', status: 503 },
    });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Unclear',
    });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toBe(
      'Mailtrap did not answer within 1 second. Tokenkeeper did not retry, and could not check Mailtrap afterwards. Sync later: if a token named “Unclear” appears, revoke it (its secret was never shown) and create a new one.',
    );
    expect(t.snapshot()).toEqual(before);
    expect(sim.count('POST /api/accounts/:accountId/api_tokens')).toBe(1);
    const [op] = await t.core.handlers.listOperations({ onlyOpen: true });
    expect(op).toMatchObject({
      state: 'ambiguous',
      advice: expect.stringContaining('Tokenkeeper did not retry') as unknown,
    });
  });
});
