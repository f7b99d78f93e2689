/**
 * The conformance suite: what every provider must do, through the real handlers against its
 * simulator, whatever the provider (its parameter object is all the suite knows of it):
 * - the list: every token the provider holds, mapped, read in full (past every page);
 * - create: the secret once (only the reveal carries it), fields mapped, sent once, no secret in
 *   the cache;
 * - rotation, by the provider's kind (reset with grace, in place, create then delete);
 * - revoke: the provider no longer accepts the secret, the row is kept as revoked;
 * - failures: a failed sync says so and leaves the cache as it was; 429 carries when to retry;
 *   a create whose outcome even the check cannot tell is reported as unknown, never retried;
 * - a canary scan of everything the run wrote, answered and emitted.
 * Every error status, timeout, malformed and huge body, lost answer and reconciliation is in the
 * fault matrix (fault-matrix.test.ts), on the same parameter objects.
 * Providers without a token API get describeTrackedConformance: every remote operation refused
 * clearly, tracked tokens recorded, rotated by hand and retired.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type {
  Connection,
  NewSecret,
  RotationStart,
  TokenDetail,
  TokenPage,
} from '../../../../src-preload/contract';
import { makeCanary, scanPaths, scanText } from '../../../security/canary';
import { addTrackedConnection } from '../../helpers';
import { ok, providerCore, refusal, type ProviderTest } from '../harness';
import { liveRows } from './run-cell';
import { moduleOf, nameOf, rotationOf, type ApiSubject, type TrackedSubject } from './subject';

/** A fresh provider core for each test, shut down after it (unless the test did: `release`). */
function perTestCore() {
  let current: ProviderTest | null = null;
  afterEach(async () => {
    await current?.shutdown();
    current = null;
  });
  return {
    start: (): ProviderTest => (current = providerCore()),
    release: () => {
      current = null;
    },
  };
}

const allRows = async (t: ProviderTest) =>
  (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 1000, includeInactive: true })).rows;

export function describeApiConformance(s: ApiSubject): void {
  const p = nameOf(s);
  const kind = rotationOf(s);
  const cores = perTestCore();
  const core = cores.start;

  describe('the list', () => {
    it('shows every token the provider holds, and no secret', async () => {
      const tc = core();
      const { remote } = await s.connect(tc);
      const rows = await liveRows(tc);
      expect(rows.map((r) => r.name).sort()).toEqual(
        remote
          .live()
          .map((x) => x.name)
          .sort(),
      );
      expect(rows.every((r) => r.provider === s.provider && r.origin === 'synced')).toBe(true);
      const answer = JSON.stringify(rows);
      for (const { secret } of remote.live()) expect(answer).not.toContain(secret);
    });

    it('reads the list in full, page by page where the provider pages it', async () => {
      const tc = core();
      const { sim, connection, remote } = await s.connect(tc);
      remote.addTokens(s.bulk);
      const total = remote.live().length;
      sim.resetLog();
      await ok(tc, 'syncNow', { connectionIds: [connection.id] });
      await tc.idle();
      expect((await liveRows(tc)).length).toBe(total);
      expect(sim.count(s.routes.sync)).toBe(s.listRequests(total));
    });
  });

  describe('create', () => {
    it('hands the secret over once, maps the fields, sends once and writes no secret', async () => {
      const tc = core();
      const { sim, connection, remote } = await s.connect(tc);
      sim.resetLog();
      const created = await ok<NewSecret>(
        tc,
        'createToken',
        s.createInput(connection.id, 'Conformance probe'),
      );
      const [minted] = remote.live().filter((x) => x.name === 'Conformance probe');
      if (minted === undefined) throw new Error(`${p} holds no new token`);
      expect(JSON.stringify(created)).not.toContain(minted.secret);
      expect(created.token).toMatchObject({
        name: 'Conformance probe',
        last4: minted.secret.slice(-4),
        origin: 'synced',
        state: 'active',
        ...s.created(tc.clock.now()),
      });
      expect(sim.count(s.routes.create)).toBe(1);
      const revealed = await ok<{ value: string }>(tc, 'revealSecret', { secretId: created.secretId });
      expect(revealed.value).toBe(minted.secret);
      expect(remote.authenticates(minted.secret)).toBe(true);
      await ok(tc, 'discardSecret', { secretId: created.secretId });
      expect((await refusal(tc, 'revealSecret', { secretId: created.secretId })).code).toBeTruthy();
      const [op] = await ok<{ kind: string; state: string; resultTokenId: string }[]>(tc, 'listOperations', {
        onlyOpen: false,
      });
      expect(op).toMatchObject({ kind: 'create', state: 'succeeded', resultTokenId: created.token.id });
      expect(JSON.stringify([tc.snapshot(), tc.connectionRow(connection.id)])).not.toContain(minted.secret);
    });
  });

  describe(`rotation (${kind})`, () => {
    it('rotates the way the provider does, once, and the secrets work as the provider says', async () => {
      const tc = core();
      const { sim, remote } = await s.connect(tc);
      const old = (await liveRows(tc)).find((r) => r.name === s.rotateName);
      const oldSecret = remote.live().find((x) => x.name === s.rotateName)?.secret ?? '';
      sim.resetLog();
      const start = await ok<RotationStart>(tc, 'startRotation', { tokenId: old?.id, ...s.rotateInput?.() });
      expect(start.kind).toBe(kind);
      expect(sim.count(s.routes.rotate)).toBe(1);
      const secret = (await ok<{ value: string }>(tc, 'revealSecret', { secretId: start.secretId })).value;
      expect(secret).not.toBe(oldSecret);
      expect(remote.authenticates(secret)).toBe(true);
      const detail = async () => (await ok<TokenDetail>(tc, 'getToken', { tokenId: old?.id })).token;
      switch (kind) {
        case 'reset_with_grace': {
          expect(start.needsConfirmation).toBe(false);
          const before = await detail();
          expect(before).toMatchObject({ state: 'grace', replacedById: start.newToken?.id });
          expect(remote.authenticates(oldSecret)).toBe(true);
          tc.clock.jump((before.graceEndsAt ?? 0) - tc.clock.now() + 1000);
          expect(remote.authenticates(oldSecret)).toBe(false);
          await ok(tc, 'syncNow', {});
          await tc.idle();
          expect((await detail()).state).toBe('retired');
          break;
        }
        case 'in_place_immediate':
          expect(start.needsConfirmation).toBe(false);
          expect(start.newToken?.id).toBe(old?.id);
          expect(remote.authenticates(oldSecret)).toBe(false);
          expect((await detail()).last4).toBe(secret.slice(-4));
          break;
        case 'create_then_delete':
          expect(start.needsConfirmation).toBe(true);
          expect(remote.authenticates(oldSecret)).toBe(true);
          await ok(tc, 'finishRotation', { operationId: start.operationId });
          expect(remote.authenticates(oldSecret)).toBe(false);
          expect(await detail()).toMatchObject({ state: 'revoked', replacedById: start.newToken?.id });
          break;
        default:
          throw new Error(`the suite has no checks for rotation kind ${kind}`);
      }
    });
  });

  describe('revoke', () => {
    it('ends the token at the provider and keeps the row as revoked', async () => {
      const tc = core();
      const { connection, remote } = await s.connect(tc);
      const row = (await liveRows(tc)).find((r) => r.name === s.revokeName);
      const secret = remote.live().find((x) => x.name === s.revokeName)?.secret ?? '';
      expect(remote.authenticates(secret)).toBe(true);
      expect((await ok<{ state: string }>(tc, 'revokeToken', { tokenId: row?.id })).state).toBe('revoked');
      expect(remote.authenticates(secret)).toBe(false);
      await ok(tc, 'syncNow', { connectionIds: [connection.id] });
      await tc.idle();
      expect((await allRows(tc)).filter((r) => r.name === s.revokeName).map((r) => r.state)).toEqual([
        'revoked',
      ]);
    });
  });

  describe('failures', () => {
    it('a failed sync says so, step by step, and leaves every cached row as it was', async () => {
      const tc = core();
      const { sim, connection } = await s.connect(tc);
      const before = tc.snapshot();
      sim.inject({ route: s.routes.sync, times: 3, fault: { kind: 'status', status: 503 } });
      const events = tc.emitted.length;
      await ok(tc, 'syncNow', { connectionIds: [connection.id] });
      await tc.idle();
      expect(tc.snapshot()).toEqual(before);
      const progress = tc.emitted
        .slice(events)
        .filter((e) => e.event === 'syncProgress')
        .map((e) => e.payload as { state: string; error: { code: string } | null });
      expect(progress.map((e) => e.state)).toEqual(['syncing', 'error']);
      expect(progress[1]?.error?.code).toBe('provider_error');
      const [view] = await ok<Connection[]>(tc, 'listConnections', undefined);
      expect(view).toMatchObject({ status: 'error', lastError: { code: 'provider_error' } });
    });

    it('a 429 on a read says when to try again, from Retry-After', async () => {
      const tc = core();
      const { sim, connection } = await s.connect(tc);
      sim.inject({
        route: s.routes.sync,
        times: 3,
        fault: { kind: 'status', status: 429, retryAfter: '120' },
      });
      const asked = Date.now();
      await ok(tc, 'syncNow', { connectionIds: [connection.id] });
      await tc.idle();
      const [view] = await ok<Connection[]>(tc, 'listConnections', undefined);
      expect(view?.lastError?.code).toBe('rate_limited');
      const retryAt = view?.lastError?.retryAt ?? 0;
      expect(retryAt).toBeGreaterThanOrEqual(asked + 119_000);
      expect(retryAt).toBeLessThanOrEqual(Date.now() + 121_000);
    });

    it('a 429 on a create says when to try again, and is not retried', async () => {
      const tc = core();
      const { sim, connection } = await s.connect(tc);
      sim.resetLog();
      sim.inject({ route: s.routes.create, fault: { kind: 'status', status: 429, retryAfter: '30' } });
      const asked = Date.now();
      const error = await refusal(tc, 'createToken', s.createInput(connection.id, 'Later'));
      expect(error.code).toBe('rate_limited');
      expect(error.retryAt).toBeGreaterThanOrEqual(asked + 29_000);
      expect(sim.count(s.routes.create)).toBe(1);
    });

    it('a create whose outcome even the check cannot tell is reported as unknown, and not retried', async () => {
      const tc = core();
      const { sim, connection } = await s.connect(tc);
      const before = tc.snapshot();
      sim.resetLog();
      sim.inject({ route: s.routes.create, fault: { kind: 'timeout', afterHandling: true } });
      sim.inject({ route: s.routes.sync, times: 3, fault: { kind: 'status', status: 503 } });
      const error = await refusal(tc, 'createToken', s.createInput(connection.id, 'Unclear'));
      expect(error).toEqual({
        code: 'ambiguous',
        message: `${p} did not answer within 1 second. Tokenkeeper did not retry, and could not check ${p} afterwards. Sync later: if a token named “Unclear” appears, revoke it (its secret was never shown) and create a new one.`,
      });
      expect(tc.snapshot()).toEqual(before);
      expect(sim.count(s.routes.create)).toBe(1);
      const [op] = await ok<{ state: string }[]>(tc, 'listOperations', { onlyOpen: true });
      expect(op?.state).toBe('ambiguous');
    });
  });

  describe('secrets', () => {
    it('no canary secret reaches any file, log line, IPC answer (but the one reveal) or event', async () => {
      const tc = core();
      const connected = await s.connect(tc);
      const { sim, connection, remote } = connected;
      const canaries = { created: makeCanary(`${p}Create`), rotated: makeCanary(`${p}Rotate`) };
      const answers: string[] = [];
      const call = async <T>(channel: string, payload: unknown): Promise<T> => {
        const result = await tc.core.call(channel, payload);
        if (channel !== 'revealSecret') answers.push(JSON.stringify(result));
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
        return result.value as T;
      };
      const showOnce = async (secretId: string | null, expected: string) => {
        expect((await call<{ value: string }>('revealSecret', { secretId })).value).toBe(expected);
        await call('copySecret', { secretId });
        await call('discardSecret', { secretId });
      };
      sim.queueSecrets(canaries.created);
      const created = await call<NewSecret>('createToken', s.createInput(connection.id, 'Canary'));
      await showOnce(created.secretId, canaries.created);
      sim.queueSecrets(canaries.rotated);
      const rotateId = (await liveRows(tc)).find((r) => r.name === s.rotateName)?.id;
      const rotation = await call<RotationStart>('startRotation', {
        tokenId: rotateId,
        ...s.rotateInput?.(),
      });
      await showOnce(rotation.secretId, canaries.rotated);
      if (rotation.needsConfirmation) await call('finishRotation', { operationId: rotation.operationId });
      await call('revokeToken', { tokenId: (await liveRows(tc)).find((r) => r.name === 'Canary')?.id });
      // A provider that quotes secrets back in an error body.
      const known = {
        ...canaries,
        ...Object.fromEntries(connected.secrets().map((v, i) => [`connection ${i}`, v])),
      };
      sim.inject({
        route: s.routes.create,
        fault: {
          kind: 'status',
          status: 422,
          body: { errors: [Object.values(known).join(' ')], message: Object.values(known).join(' ') },
        },
      });
      answers.push(JSON.stringify(await tc.core.call('createToken', s.createInput(connection.id, 'Echo'))));
      await call('syncNow', {});
      await tc.idle();
      for (const row of await allRows(tc)) await call('getToken', { tokenId: row.id });
      await call('listConnections', undefined);
      await call('listOperations', { onlyOpen: false });
      expect(remote.authenticates(canaries.rotated)).toBe(true);

      const running = scanPaths([tc.dataDir], known);
      await tc.shutdown();
      cores.release();
      const stopped = scanPaths([tc.dataDir], known);
      expect(running.files).toBeGreaterThan(0);
      expect([...running.hits, ...stopped.hits]).toEqual([]);
      expect(scanText(tc.logLines.join('\n'), known, 'log')).toEqual([]);
      expect(scanText(answers.join('\n'), known, 'IPC answers')).toEqual([]);
      expect(scanText(JSON.stringify(tc.emitted), known, 'events')).toEqual([]);
    });
  });
}

export function describeTrackedConformance(s: TrackedSubject): void {
  const p = nameOf(s);
  const module = moduleOf(s);
  const cores = perTestCore();

  it('declares no API: no adapter, no capability, rotation by hand', () => {
    const { descriptor } = module;
    expect(module.adapter).toBeNull();
    expect(descriptor.hasApi).toBe(false);
    expect(descriptor.capabilities).toMatchObject({
      list: false,
      create: false,
      rotate: false,
      revoke: false,
    });
    expect(module.rotation.kind).toBe('manual');
  });

  it('is added only as tracked; syncs nothing, refuses a create, rotates by hand and retires', async () => {
    const t = cores.start();
    const api = await refusal(t, 'beginConnection', {
      provider: s.provider,
      mode: 'api',
      label: p,
      baseUrl: null,
      fields: {},
    });
    expect(api).toMatchObject({ code: 'invalid_input', field: 'mode' });
    expect(api.message).toContain(`${p} has no token API`);
    const connection = await addTrackedConnection(t.core, s.provider, 'Acme workspace');
    expect(await ok(t, 'syncNow', { connectionIds: [connection.id] })).toEqual({ started: [] });
    const create = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'x',
    });
    expect(create).toEqual({
      code: 'invalid_input',
      message: `“Acme workspace” is a tracked connection: create the token in the ${p} console, then record it here.`,
    });
    const now = t.clock.now();
    const row = await ok<{ id: string }>(t, 'addTrackedToken', {
      connectionId: connection.id,
      name: 'Reporting',
      accountName: null,
      last4: null,
      createdAt: now,
      expiresAt: now + 200 * 86_400_000,
      note: null,
    });
    const plan = await ok<{ kind: string; allowed: boolean; steps: string[] }>(t, 'planRotation', {
      tokenId: row.id,
    });
    expect(plan).toMatchObject({ kind: 'manual', allowed: true });
    expect(plan.steps.length).toBeGreaterThan(0);
    expect((await ok<{ state: string }>(t, 'revokeToken', { tokenId: row.id })).state).toBe('retired');
  });
}
