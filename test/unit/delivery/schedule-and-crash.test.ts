/**
 * Scheduled rotation and a crash mid-delivery, through the real core and the Mailtrap simulator:
 * - a schedule is refused while "Used by" holds a plain note, runs when the clock passes its time
 *   (through the same delivery pipeline), notifies the outcome, and the Settings switch pauses it;
 * - a delivery cut short by a crash is reported at the next start as a notice naming the targets
 *   that have the new token and the one cut short, with the old token kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RotationSchedule, TokenPage } from '../../../src-preload/contract';
import type { SpawnPort } from '../../../src-main/core/services/delivery/target-kind';
import { DAY, makeCore, tempDir } from '../helpers';
import { choosePaths } from './choose';
import {
  connectMailtrap,
  FAST_HTTP,
  ok,
  providerCore,
  withMailtrap,
  type ProviderTest,
} from '../providers/harness';

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function mailtrapToken(pt: ProviderTest) {
  const { sim, seed } = await withMailtrap(pt);
  await connectMailtrap(pt, sim, seed);
  const rows = (await ok<TokenPage>(pt, 'listTokens', { offset: 0, limit: 500 })).rows;
  return { sim, token: rows.find((r) => r.name === 'Production SMTP')! };
}

function envTarget(dir: string) {
  const file = path.join(dir, '.env');
  fs.writeFileSync(file, 'MAILTRAP_TOKEN=old\n');
  return { file, target: { kind: 'file', config: { path: file, format: 'env', key: 'MAILTRAP_TOKEN' } } };
}

describe('scheduled rotation', () => {
  it('is refused while Used by holds a plain note, then runs when the clock passes its time and notifies', async () => {
    t = providerCore({ allowLoopbackAddresses: true });
    const { sim, token } = await mailtrapToken(t);
    const { file, target } = envTarget(tempDir('tk-schedule-'));
    await choosePaths(t, file);
    await ok(t, 'setDeliveryTargets', { tokenId: token.id, targets: [target] });
    await ok(t, 'setAnnotation', {
      tokenId: token.id,
      annotation: { note: null, tags: [], owner: null, usedBy: ['the nightly cron on db-1'] },
    });
    const refused = await t.core.call('setRotationSchedule', { tokenId: token.id, rule: 'every', days: 30 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(refused)).toContain('the nightly cron on db-1');
    await ok(t, 'setAnnotation', {
      tokenId: token.id,
      annotation: { note: null, tags: [], owner: null, usedBy: [] },
    });
    const schedule = await ok<RotationSchedule>(t, 'setRotationSchedule', {
      tokenId: token.id,
      rule: 'every',
      days: 30,
    });
    expect(schedule.nextRunAt).toBe(t.clock.now() + 30 * DAY);
    expect(schedule.blockedBy).toBeNull();

    t.clock.advance(30 * DAY + 60 * 60_000);
    await expect
      .poll(() => t!.fakes.notifier.shown.map((n) => n.title))
      .toContain('Rotated “Production SMTP” on schedule');
    const secret = sim.findByName('Production SMTP')[0]!.secret;
    expect(fs.readFileSync(file, 'utf8')).toBe(`MAILTRAP_TOKEN=${secret}\n`);
    expect(sim.findByName('Production SMTP')).toHaveLength(1);
  });

  it('does not run while the Settings switch pauses every schedule', async () => {
    t = providerCore({ allowLoopbackAddresses: true });
    const { token } = await mailtrapToken(t);
    const { file, target } = envTarget(tempDir('tk-schedule-'));
    await choosePaths(t, file);
    await ok(t, 'setDeliveryTargets', { tokenId: token.id, targets: [target] });
    await ok(t, 'setRotationSchedule', { tokenId: token.id, rule: 'every', days: 7 });
    await ok(t, 'updateSettings', { scheduledRotationsPaused: true });
    t.clock.advance(8 * DAY);
    await t.core.services.schedules.runDue();
    expect(t.fakes.notifier.shown.filter((n) => n.title.includes('on schedule'))).toEqual([]);
    expect(fs.readFileSync(file, 'utf8')).toBe('MAILTRAP_TOKEN=old\n');
  });
});

describe('a crash mid-delivery', () => {
  it('is reported at the next start with which targets have the new token', async () => {
    const dataDir = tempDir('tk-crash-');
    // The command never finishes: Tokenkeeper stops while it runs.
    const hanging: SpawnPort = { run: () => new Promise(() => undefined) };
    const base = makeCore({
      dataDir,
      configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {}, spawn: hanging }),
    });
    const sims: { close(): Promise<void> }[] = [];
    const pt: ProviderTest = {
      ...base,
      sims,
      idle: () => base.core.services.sync.whenIdle(),
      snapshot: () => [],
      connectionRow: () => null,
      shutdown: async () => {
        await base.close();
      },
    };
    const { sim, token } = await mailtrapToken(pt);
    const { file, target } = envTarget(tempDir('tk-crash-files-'));
    await choosePaths(pt, file, process.execPath);
    await ok(pt, 'setDeliveryTargets', {
      tokenId: token.id,
      targets: [target, { kind: 'command', config: { file: process.execPath, args: ['-e', '0'] } }],
    });
    void pt.core.call('rotateWithDelivery', { tokenId: token.id });
    const steps = () =>
      pt.core.context.db.prepare('SELECT state FROM delivery_steps ORDER BY position').all() as {
        state: string;
      }[];
    await expect.poll(() => steps().map((s) => s.state)).toEqual(['verified', 'delivering']);
    const old = sim
      .findByName('Production SMTP')
      .find((x) => !fs.readFileSync(file, 'utf8').includes(x.secret))!;
    await base.close();

    const restarted = makeCore({
      dataDir,
      configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {} }),
    });
    try {
      const notice = restarted.core.context.notices.list().find((n) => n.id.startsWith('delivery:'));
      expect(notice?.title).toBe('Updating the targets of “Production SMTP” was interrupted');
      expect(notice?.message).toContain(`Have the new token: “MAILTRAP_TOKEN in ${file}”.`);
      expect(notice?.message).toContain('Cut short, check by hand: “node -e 0”.');
      expect(notice?.message).toContain('The old token was kept and still works.');
      expect(sim.authenticates(old.secret)).toBe(true);
    } finally {
      await restarted.close();
      await Promise.all(sims.map((s) => s.close()));
    }
  });
});
