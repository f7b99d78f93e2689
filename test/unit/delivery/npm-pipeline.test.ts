/**
 * Rotation with delivery for a provider whose create asks for a confirmation (npm: password and
 * one-time code), through the real core and the npm simulator. Given the confirmation, the
 * successor is created, delivered and the old token deleted; without it (or without the code) the
 * answer says what npm needs and nothing is half-done: no successor, no step, the old token alive,
 * the target untouched. A Retry after the successor exists delivers without asking again. The
 * password and code are never written anywhere.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRun, TokenPage } from '../../../src-preload/contract';
import { connectNpm, withNpm } from '../providers/conformance/subjects/npm';
import { ok, providerCore, type ProviderTest } from '../providers/harness';
import { tempDir } from '../helpers';
import { choosePaths } from './choose';

const CREATE = 'POST /-/npm/v1/tokens';
const BEFORE = '# app\nNPM_TOKEN=old-value\n';

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function setUp() {
  t = providerCore({ allowLoopbackAddresses: true });
  const { sim, seed } = await withNpm(t);
  await connectNpm(t, sim, seed.session);
  const rows = (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500 })).rows;
  const token = rows.find((r) => r.name === 'Release bot')!;
  const old = sim.live().find((x) => x.spec.name === 'Release bot')!;
  const envFile = path.join(tempDir('tk-npm-delivery-'), '.env');
  fs.writeFileSync(envFile, BEFORE, { mode: 0o600 });
  await choosePaths(t, envFile);
  await ok(t, 'setDeliveryTargets', {
    tokenId: token.id,
    targets: [{ kind: 'file', config: { path: envFile, format: 'env', key: 'NPM_TOKEN' } }],
  });
  sim.resetLog();
  const confirmation = () => ({ password: seed.password, oneTimeCode: sim.otp(seed.username) });
  return { t, sim, seed, token, old, envFile, confirmation };
}

const stepCount = (pt: ProviderTest) =>
  (pt.core.context.db.prepare('SELECT COUNT(*) AS n FROM delivery_steps').get() as { n: number }).n;

describe('rotation with delivery, npm', () => {
  it('with the password and code: creates the successor, delivers it, then deletes the old token', async () => {
    const { t, sim, seed, token, old, envFile, confirmation } = await setUp();
    const typed = confirmation();
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: token.id, confirmation: typed });
    expect(run.state).toBe('done');
    expect(run.steps.map((s) => s.state)).toEqual(['verified']);
    expect(sim.count(CREATE)).toBe(1);
    const successor = sim.live().find((x) => x.spec.name === 'Release bot (new)')!;
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`# app\nNPM_TOKEN=${successor.secret}\n`);
    expect(sim.authenticates(old.secret)).toBe(false);
    // Neither the password nor the code is in the database, its WAL, or the logs.
    const written = ['tokenkeeper.db', 'tokenkeeper.db-wal']
      .map((f) => path.join(t.dataDir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('');
    for (const secret of [seed.password, typed.oneTimeCode])
      expect(written.includes(secret) || t.logLines.join('\n').includes(secret)).toBe(false);
  });

  it('without the password, or without the code, says what npm needs and leaves nothing half-done', async () => {
    const { t, sim, seed, token, old, envFile } = await setUp();
    const before = sim.live().length;
    expect(await t.core.call('rotateWithDelivery', { tokenId: token.id })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'password',
        message: 'Enter your npm password: npm asks for it to create a token.',
      },
    });
    expect(sim.count(CREATE)).toBe(0);
    // The password alone: npm asks for the code (its 401 creates nothing).
    const noCode = await t.core.call('rotateWithDelivery', {
      tokenId: token.id,
      confirmation: { password: seed.password },
    });
    expect(noCode).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'oneTimeCode' } });
    expect(sim.live()).toHaveLength(before);
    expect(sim.authenticates(old.secret)).toBe(true);
    expect(stepCount(t)).toBe(0);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(BEFORE);
    const open = await ok<unknown[]>(t, 'listOperations', { onlyOpen: true });
    expect(open).toEqual([]);
  });

  it('a Retry after the successor was created delivers without the confirmation and creates nothing again', async () => {
    const { t, sim, token, old, envFile, confirmation } = await setUp();
    fs.rmSync(envFile);
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', {
      tokenId: token.id,
      confirmation: confirmation(),
    });
    expect(run.state).toBe('stopped');
    expect(sim.authenticates(old.secret)).toBe(true);
    fs.writeFileSync(envFile, BEFORE, { mode: 0o600 });
    const retried = await ok<DeliveryRun>(t, 'retryDelivery', { operationId: run.operationId });
    expect(retried.state).toBe('done');
    expect(sim.count(CREATE)).toBe(1);
    expect(sim.authenticates(old.secret)).toBe(false);
  });
});
