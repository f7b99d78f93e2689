/**
 * Rotation that updates its consumers, through the real core and the Mailtrap simulator: a token
 * with a `.env` target and a command target rotates in one call; the file holds the new token,
 * the command got it on stdin (its argv and environment never did), the old token is deleted only
 * after every target was verified and the new one authenticated. A failing target stops the run
 * with the old token alive and says which targets were updated; Retry finishes it; after 15
 * minutes the secret is gone from memory. Nothing the app wrote holds a secret.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryRun, TokenPage } from '../../../src-preload/contract';
import { tempDir } from '../helpers';
import { choosePaths } from './choose';
import { connectMailtrap, ok, providerCore, withMailtrap, type ProviderTest } from '../providers/harness';

const RECORDER = path.resolve(__dirname, '../../fixtures/delivery/record-stdin.mjs');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function setUp() {
  t = providerCore({ allowLoopbackAddresses: true });
  const { sim, seed } = await withMailtrap(t);
  await connectMailtrap(t, sim, seed);
  const rows = (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500 })).rows;
  const token = rows.find((r) => r.name === 'Production SMTP')!;
  const old = sim.findByName('Production SMTP')[0]!;
  const dir = tempDir('tk-delivery-');
  const envFile = path.join(dir, '.env');
  fs.writeFileSync(envFile, '# app\nMAILTRAP_TOKEN=old-value\nPORT=8080\n', { mode: 0o600 });
  const recorded = path.join(dir, 'recorded.json');
  const control = path.join(dir, 'control');
  await choosePaths(t, envFile, process.execPath);
  await ok(t, 'setDeliveryTargets', {
    tokenId: token.id,
    targets: [
      { kind: 'file', config: { path: envFile, format: 'env', key: 'MAILTRAP_TOKEN' } },
      { kind: 'command', config: { file: process.execPath, args: [RECORDER, recorded, control] } },
    ],
  });
  return { t, sim, token, old, envFile, recorded, control, dir };
}

const newSecret = (sim: Awaited<ReturnType<typeof setUp>>['sim'], oldId: number) =>
  sim.findByName('Production SMTP').find((x) => x.id !== oldId)!.secret;

describe('rotation with delivery', () => {
  it('delivers to every target, verifies, checks the new token, and only then deletes the old one', async () => {
    const { t, sim, token, old, envFile, recorded } = await setUp();
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: token.id });
    expect(run.state).toBe('done');
    expect(run.steps.map((s) => s.state)).toEqual(['verified', 'verified']);
    expect(run.authenticated).toBe(true);
    expect(run.message).toContain('the old token “Production SMTP” was deleted at Mailtrap');
    const secret = newSecret(sim, old.id);
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`# app\nMAILTRAP_TOKEN=${secret}\nPORT=8080\n`);
    const seen = JSON.parse(fs.readFileSync(recorded, 'utf8')) as {
      sha256: string;
      argv: string[];
      env: Record<string, string>;
    };
    expect(seen.sha256).toBe(sha256(secret));
    expect(JSON.stringify([seen.argv, seen.env])).not.toContain(secret);
    expect(Object.keys(seen.env).every((k) => ['PATH', 'HOME', 'USERPROFILE', 'LANG'].includes(k))).toBe(
      true,
    );
    expect(sim.tokens.get(old.id)?.deleted).toBe(true);
    expect(sim.authenticates(secret)).toBe(true);
    // The targets now belong to the successor, ready for its next rotation.
    const targets = await ok<unknown[]>(t, 'listDeliveryTargets', { tokenId: run.newToken!.id });
    expect(targets).toHaveLength(2);
    // Nothing Tokenkeeper wrote holds the secret: the database, its WAL, the journal, the logs.
    const written = ['tokenkeeper.db', 'tokenkeeper.db-wal']
      .map((f) => path.join(t.dataDir, f))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1'))
      .join('');
    for (const form of [
      secret,
      Buffer.from(secret).toString('hex'),
      Buffer.from(secret).toString('base64').slice(0, 16),
    ])
      expect(written.includes(form) || t.logLines.join('\n').includes(form)).toBe(false);
  });

  it('a failing target stops the rotation with the old token alive, says which targets have the new one, and Retry finishes it', async () => {
    const { t, sim, token, old, envFile, control } = await setUp();
    fs.writeFileSync(control, 'fail');
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: token.id });
    expect(run.state).toBe('stopped');
    expect(run.steps.map((s) => s.state)).toEqual(['verified', 'failed']);
    expect(run.steps[1]!.error).toContain('failed (exit status 1): the consumer refused the token');
    expect(run.message).toContain(`Have the new token: “MAILTRAP_TOKEN in ${envFile}”.`);
    expect(run.message).toContain('Still have the old token: “node');
    expect(run.message).toContain('The old token “Production SMTP” was kept and still works.');
    expect(run.retryUntil).toBe(t.clock.now() + 15 * 60_000);
    expect(sim.authenticates(old.secret)).toBe(true);
    expect(sim.tokens.get(old.id)?.deleted).toBe(false);

    fs.writeFileSync(control, 'ok');
    const retried = await ok<DeliveryRun>(t, 'retryDelivery', { operationId: run.operationId });
    expect(retried.state).toBe('done');
    expect(retried.steps.map((s) => s.state)).toEqual(['verified', 'verified']);
    expect(sim.tokens.get(old.id)?.deleted).toBe(true);
  });

  it('a target whose file is gone stops before anything is delivered, and after 15 minutes Retry is refused: the secret is gone from memory', async () => {
    const { t, sim, token, old } = await setUp();
    // The file target's file disappears: the first step fails, nothing is delivered.
    const targets = await ok<{ config: { path: string } }[]>(t, 'listDeliveryTargets', { tokenId: token.id });
    fs.rmSync(targets[0]!.config.path);
    const run = await ok<DeliveryRun>(t, 'rotateWithDelivery', { tokenId: token.id });
    expect(run.steps.map((s) => s.state)).toEqual(['failed', 'waiting']);
    expect(run.message).toContain('Still have the old token:');
    expect(run.message).not.toContain('Have the new token:');
    expect(sim.authenticates(old.secret)).toBe(true);
    t.clock.advance(15 * 60_000 + 1);
    const refused = await t.core.call('retryDelivery', { operationId: run.operationId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(JSON.stringify(refused)).toContain('no longer holds the new token');
  });

  it('refuses a rotation with delivery for a token without targets, and bad targets with a sentence', async () => {
    const { t, token } = await setUp();
    await ok(t, 'setDeliveryTargets', { tokenId: token.id, targets: [] });
    expect(await t.core.call('rotateWithDelivery', { tokenId: token.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Add a delivery target first, or rotate without delivery.' },
    });
    expect(
      await t.core.call('setDeliveryTargets', {
        tokenId: token.id,
        targets: [{ kind: 'command', config: { file: 'reload' } }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Target 1: Pick the program to run (its full path).' },
    });
    // A path the user never picked in main's dialog: the window alone cannot point a target at it.
    expect(
      await t.core.call('setDeliveryTargets', {
        tokenId: token.id,
        targets: [{ kind: 'file', config: { path: '/home/someone/.bashrc', format: 'env', key: 'X' } }],
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Target 1: choose the file with Choose…' },
    });
  });
});
