/**
 * The scheduler inside a real core (temporary SQLite, fake ports): one capped timer, re-plans on
 * changes, catch-up after sleep, a clock change noticed without any event, state across restarts,
 * and what the user sees (notifications, tray model, attention list, navigation on click).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import {
  CLOCK_CHECK_INTERVAL_MS,
  MAX_TIMER_DELAY_MS,
  REPLAN_DEBOUNCE_MS,
  REPLAN_MAX_WAIT_MS,
} from '../../../src-main/core/reminders/scheduler';
import type { Attention } from '../../../src-preload/contract';
import { ManualClock } from '../../host/clock';
import { DAY, addTrackedConnection, makeCore, tempDir, type TestCore } from '../helpers';
import { NODE_MAX_DELAY, OverflowingClock } from './clocks';

beforeAll(() => {
  process.env.TZ = 'UTC';
});

const open: TestCore[] = [];
function start(options: Parameters<typeof makeCore>[0] = {}): TestCore {
  const t = makeCore(options);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open.splice(0)) await t.close().catch(() => undefined);
});

async function addToken(
  core: Core,
  now: number,
  name: string,
  expiresAt: number | null,
  connectionId?: string,
) {
  const id = connectionId ?? (await addTrackedConnection(core, 'mailtrap', 'Mailtrap prod')).id;
  const row = await core.handlers.addTrackedToken({
    connectionId: id,
    name,
    accountName: 'Acme',
    last4: 'wxyz',
    createdAt: Math.min(now, expiresAt ?? now) - DAY,
    expiresAt,
    note: null,
  });
  return { tokenId: row.id, connectionId: id };
}

const bodies = (t: TestCore) => t.fakes.notifier.shown.map((n) => n.body.split('\n')[0]);
const attentionEvents = (t: TestCore) =>
  t.emitted.filter((e) => e.event === 'attentionChanged').map((e) => e.payload as Attention);

describe('re-planning after changes', () => {
  it('waits for a burst of changes to end, but re-plans at least every REPLAN_MAX_WAIT_MS while it goes on', async () => {
    const clock = new ManualClock();
    const t = start({ clock });
    const { connectionId } = await addToken(t.core, clock.now(), 'First', clock.now() + 3 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    const planned = () => attentionEvents(t).at(-1)?.count ?? 0;
    expect(planned()).toBe(1);
    // A change every half debounce (as a sync of many connections): the list follows within the maximum wait.
    const burstStart = clock.now();
    const eventsBefore = attentionEvents(t).length;
    let added = 1;
    while (clock.now() - burstStart < REPLAN_MAX_WAIT_MS) {
      await addToken(t.core, clock.now(), `Token ${added}`, clock.now() + 3 * DAY, connectionId);
      added += 1;
      t.core.context.emit('tokensChanged', { connectionIds: [connectionId] });
      clock.advance(REPLAN_DEBOUNCE_MS / 2);
    }
    expect(planned()).toBeGreaterThan(1);
    // Not once per change: planning reads every token.
    expect(attentionEvents(t).length - eventsBefore).toBeLessThanOrEqual(2);
    // Once the burst is over, the last change is planned after the quiet period.
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(planned()).toBe(added);
  });
});

describe('the reminder timer', () => {
  it('waits in steps of at most 2^31-1 ms, so a token expiring in a year still fires at the right time', async () => {
    const clock = new OverflowingClock();
    const t = start({ clock });
    const expiresAt = clock.now() + 365 * DAY;
    await addToken(t.core, clock.now(), 'CI deploy', expiresAt);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.notifier.shown).toEqual([]);
    expect(t.core.reminders.nextWakeAt()).toBe(expiresAt - 30 * DAY);
    expect(Math.max(...clock.pending().map((p) => p.at - clock.now()))).toBeLessThanOrEqual(
      MAX_TIMER_DELAY_MS,
    );

    clock.advance(expiresAt - 30 * DAY - clock.now() - 1);
    expect(t.fakes.notifier.shown).toEqual([]);
    clock.advance(1);
    expect(bodies(t)).toEqual(['Mailtrap · CI deploy token expires in 30 days (Nov 25)']);
    expect(clock.maxRequestedDelay).toBeLessThanOrEqual(NODE_MAX_DELAY);
  });

  it('fires each threshold once while the app runs, and at expiry', async () => {
    const t = start();
    const { clock } = t;
    const expiresAt = clock.now() + 40 * DAY;
    await addToken(t.core, clock.now(), 'CI deploy', expiresAt);
    clock.advance(60 * DAY);
    expect(bodies(t)).toEqual([
      'Mailtrap · CI deploy token expires in 30 days (Jan 4, 2027)',
      'Mailtrap · CI deploy token expires in 7 days (Jan 4, 2027)',
      'Mailtrap · CI deploy token expires in 1 day (Jan 4, 09:00)',
      'Mailtrap · CI deploy token has expired (Jan 4, 09:00)',
    ]);
  });
});

describe('re-planning', () => {
  it('after sleep, the resume event catches up at once with one reminder', async () => {
    const t = start();
    const { clock } = t;
    await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 10 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(bodies(t)).toEqual(['Mailtrap · CI deploy token expires in 10 days (Dec 5)']);

    clock.jump(9 * DAY + 12 * 3_600_000); // asleep: no timer ran, the 7-day and 1-day thresholds passed
    t.core.reminders.replanNow(); // what the shell does on powerMonitor "resume"
    expect(bodies(t)).toEqual([
      'Mailtrap · CI deploy token expires in 10 days (Dec 5)',
      'Mailtrap · CI deploy token expires in 12 hours (Dec 5, 09:00)',
    ]);
    clock.advance(DAY);
    expect(bodies(t)).toHaveLength(3);
    expect(bodies(t)[2]).toBe('Mailtrap · CI deploy token has expired (Dec 5, 09:00)');
  });

  it('notices a wall-clock change with no event, within one check interval, and never repeats after the clock goes back', async () => {
    const clock = new ManualClock();
    const t = start({ configure: (deps) => ({ ...deps, clock }) });
    const t0 = clock.now();
    await addToken(t.core, t0, 'CI deploy', t0 + 20 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(bodies(t)).toEqual(['Mailtrap · CI deploy token expires in 20 days (Dec 15)']);

    clock.setWall(t0 + 15 * DAY); // the user sets the date forward; the wake timer is still 13 days away
    clock.advance(CLOCK_CHECK_INTERVAL_MS);
    expect(bodies(t)).toEqual([
      'Mailtrap · CI deploy token expires in 20 days (Dec 15)',
      'Mailtrap · CI deploy token expires in 5 days (Dec 15)',
    ]);

    clock.setWall(t0 + 10 * DAY); // and back again: the 7-day reminder must not repeat
    clock.advance(CLOCK_CHECK_INTERVAL_MS);
    clock.advance(5 * DAY);
    expect(bodies(t)).toHaveLength(2);
    clock.advance(4 * DAY); // 1 day before expiry
    expect(bodies(t)[2]).toBe('Mailtrap · CI deploy token expires in 1 day (Dec 15, 09:00)');
  });

  it('notices a sleep even when no resume event arrives (the timers stood still)', async () => {
    const clock = new ManualClock();
    const t = start({ configure: (deps) => ({ ...deps, clock }) });
    await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 10 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    clock.sleep(4 * DAY);
    expect(bodies(t)).toHaveLength(1);
    clock.advance(CLOCK_CHECK_INTERVAL_MS);
    expect(bodies(t)).toHaveLength(2);
    expect(bodies(t)[1]).toBe('Mailtrap · CI deploy token expires in 6 days (Dec 5)');
  });

  it('re-plans once per burst of changes and groups what fell due into one notification', async () => {
    const t = start();
    const { clock } = t;
    const { connectionId } = await addToken(t.core, clock.now(), 'first', clock.now() + 3 * DAY);
    for (const name of ['second', 'third', 'fourth'])
      await addToken(t.core, clock.now(), name, clock.now() + 5 * DAY, connectionId);
    const updatesBefore = t.fakes.tray.updates.length;
    expect(t.fakes.notifier.shown).toEqual([]);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.notifier.shown).toHaveLength(1);
    expect(t.fakes.notifier.shown[0]).toMatchObject({ title: '4 tokens need attention', tokenId: null });
    expect(t.fakes.notifier.shown[0]?.body).toMatch(
      /^4 tokens need attention: Mailtrap · first token expires in 3 days \(Nov 28\); /,
    );
    expect(t.fakes.tray.updates.length).toBe(updatesBefore + 1);
    expect(t.fakes.tray.model).toMatchObject({
      attentionCount: 4,
      tooltip: 'Tokenkeeper: 4 tokens need attention',
      paused: false,
    });
    expect(attentionEvents(t).at(-1)?.count).toBe(4);
  });

  it('a snooze takes the token out of the attention list and the tray; it comes back when the snooze ends', async () => {
    const t = start();
    const { clock } = t;
    const { tokenId } = await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 5 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.tray.model?.attentionCount).toBe(1);
    await t.core.handlers.snoozeToken({ tokenId, until: clock.now() + 2 * DAY });
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.tray.model?.attentionCount).toBe(0);
    expect(attentionEvents(t).at(-1)).toMatchObject({ count: 0, items: [] });
    expect(t.core.reminders.nextWakeAt()).toBe(clock.now() - REPLAN_DEBOUNCE_MS + 2 * DAY);
    clock.advance(2 * DAY);
    expect(t.fakes.tray.model?.attentionCount).toBe(1);
    expect(bodies(t)).toHaveLength(1); // the 7-day reminder already fired before the snooze
  });

  it('pausing silences reminders and shows in the tray; resuming catches up with one notification', async () => {
    const t = start();
    const { clock } = t;
    await t.core.handlers.updateSettings({ remindersPaused: true });
    await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 3 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.notifier.shown).toEqual([]);
    expect(t.fakes.tray.model).toMatchObject({
      paused: true,
      attentionCount: 1,
      tooltip: 'Tokenkeeper: 1 token needs attention (reminders paused)',
    });
    expect(t.core.handlers.getAttention(undefined)).toMatchObject({ paused: true, count: 1 });
    clock.advance(5 * DAY);
    expect(t.fakes.notifier.shown).toEqual([]);
    await t.core.handlers.updateSettings({ remindersPaused: false });
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(bodies(t)).toEqual([expect.stringMatching(/^Mailtrap · CI deploy token expired 2 days ago/)]);
  });

  it('configured thresholds move the next wake', async () => {
    const t = start();
    const { clock } = t;
    const expiresAt = clock.now() + 20 * DAY;
    await addToken(t.core, clock.now(), 'CI deploy', expiresAt);
    await t.core.handlers.updateSettings({ reminderThresholdsDays: [3, 14] });
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.notifier.shown).toEqual([]);
    expect(t.core.reminders.nextWakeAt()).toBe(expiresAt - 14 * DAY);
  });
});

describe('state across restarts', () => {
  it('a new core on the same data folder neither repeats nor forgets, and catches up once after downtime', async () => {
    const dataDir = tempDir();
    const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
    const first = start({ dataDir, clock: new ManualClock(t0) });
    await addToken(first.core, t0, 'CI deploy', t0 + 10 * DAY);
    first.clock.advance(REPLAN_DEBOUNCE_MS);
    expect(bodies(first)).toHaveLength(1);
    await first.close();

    const second = start({ dataDir, clock: new ManualClock(t0 + DAY) });
    expect(second.fakes.notifier.shown).toEqual([]);
    expect(second.fakes.tray.model?.attentionCount).toBe(1);
    await second.close();

    // Closed across both the 7-day and the 1-day thresholds: one catch-up, the nearest.
    const third = start({ dataDir, clock: new ManualClock(t0 + 9 * DAY + 3_600_000) });
    expect(bodies(third)).toEqual(['Mailtrap · CI deploy token expires in 23 hours (Dec 5, 09:00)']);
    await third.close();

    const fourth = start({ dataDir, clock: new ManualClock(t0 + 9 * DAY + 7_200_000) });
    expect(fourth.fakes.notifier.shown).toEqual([]);
    fourth.clock.advance(DAY);
    expect(bodies(fourth)).toEqual(['Mailtrap · CI deploy token has expired (Dec 5, 09:00)']);
  });

  it('on start, forgets what was sent for a deadline that moved long ago, and repeats nothing', async () => {
    const dataDir = tempDir();
    const t0 = Date.UTC(2026, 10, 25, 9, 0, 0);
    const first = start({ dataDir, clock: new ManualClock(t0) });
    const { tokenId } = await addToken(first.core, t0, 'CI deploy', t0 + 3 * DAY);
    first.clock.advance(REPLAN_DEBOUNCE_MS);
    expect(bodies(first)).toHaveLength(1);
    // The token was renewed: its deadline moves 100 days out.
    await first.core.handlers.updateTrackedToken({
      tokenId,
      name: 'CI deploy',
      accountName: 'Acme',
      last4: 'wxyz',
      createdAt: t0 - DAY,
      expiresAt: t0 + 100 * DAY,
      note: null,
    });
    const sentFor = (t: TestCore) => [
      ...new Set(t.core.context.repos.remindersSent.all().map((r) => (r.targetAt - t0) / DAY)),
    ];
    expect(sentFor(first)).toEqual([3]);
    await first.close();

    // Still within 30 days of the old deadline: the record stays (the change might be undone).
    const second = start({ dataDir, clock: new ManualClock(t0 + 20 * DAY) });
    expect(sentFor(second)).toEqual([3]);
    await second.close();

    const third = start({ dataDir, clock: new ManualClock(t0 + 40 * DAY) });
    expect(sentFor(third)).toEqual([]);
    expect(third.fakes.notifier.shown).toEqual([]);
    expect(third.fakes.tray.model?.attentionCount).toBe(0);
  });

  it('stops every timer on shutdown', async () => {
    const t = start();
    await addToken(t.core, t.clock.now(), 'CI deploy', t.clock.now() + 40 * DAY);
    await t.close();
    expect(t.clock.pending()).toEqual([]);
  });
});

describe('what the user sees', () => {
  it('a click on a single reminder opens that token; on a grouped one, the list', async () => {
    const t = start();
    const { clock } = t;
    const { tokenId, connectionId } = await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 3 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    await addToken(t.core, clock.now(), 'second', clock.now() + 2 * DAY, connectionId);
    await addToken(t.core, clock.now(), 'third', clock.now() + 2 * DAY, connectionId);
    clock.advance(REPLAN_DEBOUNCE_MS);
    const [single, grouped] = t.fakes.notifier.shown;
    expect(single?.tokenId).toBe(tokenId);
    single?.click();
    grouped?.click();
    expect(t.emitted.filter((e) => e.event === 'navigate').map((e) => e.payload)).toEqual([
      { view: 'token', tokenId },
      { view: 'tokens', tokenId: null },
    ]);
  });

  it('"Snooze a day" on a reminder snoozes every token it names through the core’s snooze; "Open" opens', async () => {
    const t = start();
    const { clock } = t;
    const { tokenId, connectionId } = await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 3 * DAY);
    clock.advance(REPLAN_DEBOUNCE_MS);
    const second = await addToken(t.core, clock.now(), 'second', clock.now() + 2 * DAY, connectionId);
    const third = await addToken(t.core, clock.now(), 'third', clock.now() + 2 * DAY, connectionId);
    clock.advance(REPLAN_DEBOUNCE_MS);
    const [single, grouped] = t.fakes.notifier.shown;
    expect(single?.actions?.map((a) => a.label)).toEqual(['Snooze a day', 'Open']);
    single?.press('open');
    expect(t.emitted.filter((e) => e.event === 'navigate').map((e) => e.payload)).toEqual([
      { view: 'token', tokenId },
    ]);
    clock.advance(60_000);
    grouped?.press('snooze-day');
    const until = clock.now() + DAY;
    for (const id of [second.tokenId, third.tokenId]) {
      const row = (await t.core.handlers.getToken({ tokenId: id })).token;
      expect(row.snoozedUntil).toBe(until);
    }
    // The single one was opened, not snoozed.
    expect((await t.core.handlers.getToken({ tokenId })).token.snoozedUntil).toBeNull();
    // Snoozed tokens leave the attention list, as after a snooze in the window.
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.core.reminders.attention().items.map((i) => i.token.name)).toEqual(['CI deploy']);
    // A day later the snooze ends and the nearest threshold fires for them once more.
    clock.advance(DAY);
    expect(t.fakes.notifier.shown).toHaveLength(3);
  });

  it('no secret appears in a notification, the tray or the attention list', async () => {
    const t = start();
    const { clock } = t;
    const credential = 'mt_live_S3CR3T_credential_value_1234567890';
    const minted = 'mt_live_M1NT3D_new_secret_value_0987654321';
    await t.fakes.credentials.set('connection:c_1', credential, { allowWeak: false });
    t.core.context.vault.put(minted, { tokenName: 'CI deploy', provider: 'mailtrap' });
    const { connectionId } = await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 3 * DAY);
    await addToken(t.core, clock.now(), 'Backup', clock.now() - DAY, connectionId);
    clock.advance(REPLAN_DEBOUNCE_MS);
    await addToken(t.core, clock.now(), 'Nightly', clock.now() + 6 * DAY, connectionId);
    clock.advance(REPLAN_DEBOUNCE_MS);
    expect(t.fakes.notifier.shown).toHaveLength(2);
    const seen = JSON.stringify([
      t.fakes.notifier.shown,
      t.fakes.tray.updates,
      attentionEvents(t).map((a) => a.items.map((i) => i.reason)),
    ]);
    for (const secret of [credential, minted, 'S3CR3T', 'M1NT3D']) expect(seen).not.toContain(secret);
    // Not even the last four characters: a reminder names the token, it does not identify its value.
    expect(JSON.stringify(t.fakes.notifier.shown)).not.toContain('wxyz');
  });

  it('getAttention is the planner’s view: items with reasons, the next wake, nothing for retired tokens', async () => {
    const t = start();
    const { clock } = t;
    const expiring = await addToken(t.core, clock.now(), 'CI deploy', clock.now() + 7 * DAY);
    const expired = await addToken(
      t.core,
      clock.now(),
      'Old key',
      clock.now() - 2 * DAY,
      expiring.connectionId,
    );
    const retired = await addToken(t.core, clock.now(), 'Gone', clock.now() + 2 * DAY, expiring.connectionId);
    await addToken(t.core, clock.now(), 'Far away', clock.now() + 90 * DAY, expiring.connectionId);
    const revoked = await addToken(
      t.core,
      clock.now(),
      'Revoked',
      clock.now() + 2 * DAY,
      expiring.connectionId,
    );
    // Revocation belongs to another area; what matters here is how reminders treat the state.
    const { repos } = t.core.context;
    for (const [id, state] of [
      [retired.tokenId, 'retired'],
      [revoked.tokenId, 'revoked'],
    ] as const) {
      const record = repos.tokens.get(id);
      if (record !== null) repos.tokens.save({ ...record, state });
    }
    t.core.context.emit('tokensChanged', { connectionIds: [expiring.connectionId] });
    clock.advance(REPLAN_DEBOUNCE_MS);

    const attention = await t.core.handlers.getAttention(undefined);
    const ids = attention.items.map((i) => i.token.id);
    expect(ids).toEqual([expired.tokenId, expiring.tokenId]);
    expect(attention.items.find((i) => i.token.id === expired.tokenId)).toMatchObject({
      reason: 'Expired Nov 23',
      dueAt: clock.now() - REPLAN_DEBOUNCE_MS - 2 * DAY,
    });
    expect(attention.items.find((i) => i.token.id === expiring.tokenId)?.reason).toBe('Expires Dec 2');
    expect(attention.nextWakeAt).toBe(clock.now() - REPLAN_DEBOUNCE_MS + 6 * DAY);
    expect(attention.count).toBe(attention.items.length);
    // The header's count (the badges) agrees with the default thresholds.
    const page = await t.core.handlers.listTokens({ offset: 0, limit: 10 });
    expect(page.counts.needsAttention).toBe(attention.count);
    // The tray lists what needs attention first, then the next to expire.
    expect(t.fakes.tray.model?.upcoming.map((u) => u.label)).toEqual(
      expect.arrayContaining([
        'Mailtrap · Old key — Expired Nov 23',
        'Mailtrap · CI deploy — Expires Dec 2',
        'Mailtrap · Far away — Expires Feb 23, 2027',
      ]),
    );
  });
});
