/**
 * The planner over months of simulated time. A small simulation plays the scheduler's part
 * (plan, record what fired, sleep until `nextWakeAt`, lose every timer while the app is closed)
 * and an independent oracle says what the user should have seen: every threshold of a token
 * present all along exactly when it passes, one catch-up per token after downtime, never twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  GRACE_THRESHOLD,
  planReminders,
  type DueReminder,
  type ReminderCandidate,
  type SentKey,
} from '../../../src-main/core/reminders/planner';
import { reminderCandidate } from '../builders';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 25, 9, 0, 0);
const DEFAULT_THRESHOLDS = [30, 7, 1, 0];

let nextId = 1;
/** Each candidate with its own id. */
function candidate(overrides: Partial<ReminderCandidate> = {}): ReminderCandidate {
  return reminderCandidate({ id: `t_${nextId++}`, ...overrides });
}

interface Fired {
  at: number;
  tokenId: string;
  threshold: string;
  targetAt: number;
}

interface Downtime {
  from: number;
  to: number;
}

/** Plays the scheduler: plan at each wake, record what fired; while closed, nothing runs. */
function simulate(input: {
  tokens: ReminderCandidate[];
  thresholdsDays: number[];
  start: number;
  end: number;
  downtimes: Downtime[];
}): { fired: Fired[]; notifications: { at: number; due: DueReminder[] }[] } {
  const sent: SentKey[] = [];
  const fired: Fired[] = [];
  const notifications: { at: number; due: DueReminder[] }[] = [];
  const isDown = (t: number) => input.downtimes.some((d) => t > d.from && t < d.to);
  let now = input.start;
  for (let steps = 0; steps < 100_000; steps++) {
    const plan = planReminders({
      tokens: input.tokens,
      thresholdsDays: input.thresholdsDays,
      sent,
      now,
      paused: false,
    });
    if (plan.due.length > 0) {
      notifications.push({ at: now, due: plan.due });
      for (const d of plan.due)
        fired.push({ at: now, tokenId: d.token.id, threshold: d.threshold, targetAt: d.deadline.at });
      sent.push(...plan.records);
    }
    if (plan.nextWakeAt !== null) expect(plan.nextWakeAt).toBeGreaterThan(now);
    const wake =
      plan.nextWakeAt !== null && !isDown(plan.nextWakeAt) ? plan.nextWakeAt : Number.POSITIVE_INFINITY;
    const restart = Math.min(
      ...input.downtimes.filter((d) => d.to > now).map((d) => d.to),
      Number.POSITIVE_INFINITY,
    );
    now = Math.min(wake, restart);
    if (now > input.end) break;
  }
  return { fired, notifications };
}

/** What should fire, computed from the rules without the planner. */
function oracle(input: {
  tokens: ReminderCandidate[];
  thresholdsDays: number[];
  start: number;
  end: number;
  downtimes: Downtime[];
}): Fired[] {
  const expected: Fired[] = [];
  for (const token of input.tokens) {
    let target: number | null = null;
    let thresholds: { key: string; at: number }[] = [];
    if (token.state === 'grace' && token.graceEndsAt !== null) {
      target = token.graceEndsAt;
      thresholds = [{ key: GRACE_THRESHOLD, at: target - HOUR }];
    } else if ((token.state === 'active' || token.state === 'grace') && token.expiresAt !== null) {
      target = token.expiresAt;
      const at = target;
      thresholds = input.thresholdsDays.map((d) => ({ key: `${d}d`, at: at - d * DAY }));
    }
    if (target === null) continue;
    // Windows in which passed thresholds collapse into one reminder: before start, and each downtime.
    const windows = [{ from: Number.NEGATIVE_INFINITY, to: input.start }, ...input.downtimes];
    for (const w of windows) {
      if (w.to > input.end) continue;
      const inWindow = thresholds.filter((t) => t.at > w.from && t.at <= w.to);
      if (inWindow.length === 0) continue;
      const nearest = inWindow.reduce((a, b) => (b.at > a.at ? b : a));
      expected.push({ at: w.to, tokenId: token.id, threshold: nearest.key, targetAt: target });
    }
    for (const t of thresholds) {
      const collapsed = windows.some((w) => t.at > w.from && t.at <= w.to);
      if (!collapsed && t.at <= input.end)
        expected.push({ at: t.at, tokenId: token.id, threshold: t.key, targetAt: target });
    }
  }
  return expected;
}

const sortFired = (list: Fired[]) =>
  [...list].sort(
    (a, b) => a.at - b.at || a.tokenId.localeCompare(b.tokenId) || a.threshold.localeCompare(b.threshold),
  );

const HORIZON = 180 * DAY;
const time = fc.integer({ min: START - 20 * DAY, max: START + HORIZON + 20 * DAY });
const arbitraryToken = fc
  .record({
    state: fc.constantFrom<ReminderCandidate['state']>(
      'active',
      'active',
      'active',
      'grace',
      'revoked',
      'removed',
      'retired',
    ),
    origin: fc.constantFrom<ReminderCandidate['origin']>('synced', 'tracked'),
    expiresAt: fc.option(time, { nil: null, freq: 5 }),
    graceEndsAt: fc.option(time, { nil: null }),
  })
  .map((fields) => candidate(fields));
const arbitraryThresholds = fc.oneof(
  fc.constant(DEFAULT_THRESHOLDS),
  fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 6 }),
);
const arbitraryDowntimes = fc
  .uniqueArray(fc.integer({ min: START + 1, max: START + HORIZON - 1 }), { maxLength: 8 })
  .map((points) => {
    const sorted = [...points].sort((a, b) => a - b);
    const downtimes: Downtime[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2)
      downtimes.push({ from: sorted[i] as number, to: sorted[i + 1] as number });
    return downtimes;
  });

describe('the reminder planner over months of simulated time', () => {
  it('fires exactly what the rules say: every threshold on time, one catch-up per downtime, never twice', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryToken, { maxLength: 15 }),
        arbitraryThresholds,
        arbitraryDowntimes,
        (tokens, thresholdsDays, downtimes) => {
          const input = { tokens, thresholdsDays, start: START, end: START + HORIZON, downtimes };
          const { fired, notifications } = simulate(input);

          // Never a duplicate: each (token, threshold, deadline) at most once.
          const keys = fired.map((f) => `${f.tokenId}|${f.threshold}|${f.targetAt}`);
          expect(new Set(keys).size).toBe(keys.length);
          // One notification per moment, one line per token in it.
          for (const n of notifications)
            expect(new Set(n.due.map((d) => d.token.id)).size).toBe(n.due.length);
          // Nothing for revoked, removed or retired tokens.
          const dead = new Set(tokens.filter((t) => !['active', 'grace'].includes(t.state)).map((t) => t.id));
          expect(fired.filter((f) => dead.has(f.tokenId))).toEqual([]);
          // Exactly what the oracle expects, at exactly the expected times.
          expect(sortFired(fired)).toEqual(sortFired(oracle(input)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('after downtime, a token whose thresholds all passed gets one reminder (the nearest), then nothing more', () => {
    const token = candidate({ expiresAt: START + 40 * DAY });
    const { fired } = simulate({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      start: START,
      end: START + 60 * DAY,
      downtimes: [{ from: START + 1 * DAY, to: START + 39.5 * DAY }],
    });
    expect(fired).toEqual([
      { at: START + 39.5 * DAY, tokenId: token.id, threshold: '1d', targetAt: START + 40 * DAY },
      { at: START + 40 * DAY, tokenId: token.id, threshold: '0d', targetAt: START + 40 * DAY },
    ]);
  });

  it('a token present all along fires 30, 7, 1 days before and at expiry, each at its moment', () => {
    const expiry = START + 45 * DAY;
    const token = candidate({ expiresAt: expiry, origin: 'tracked' });
    const { fired } = simulate({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      start: START,
      end: START + 90 * DAY,
      downtimes: [],
    });
    expect(fired.map((f) => [f.threshold, f.at])).toEqual([
      ['30d', expiry - 30 * DAY],
      ['7d', expiry - 7 * DAY],
      ['1d', expiry - DAY],
      ['0d', expiry],
    ]);
  });

  it('many due at once come out of one plan (one grouped notification)', () => {
    const tokens = [
      candidate({ name: 'B', expiresAt: START + 3 * DAY }),
      candidate({ name: 'A', expiresAt: START + 2 * DAY }),
      candidate({ name: 'C', expiresAt: START - DAY }),
    ];
    const plan = planReminders({
      tokens,
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: false,
    });
    expect(plan.due.map((d) => [d.token.name, d.threshold])).toEqual([
      ['C', '0d'],
      ['A', '7d'],
      ['B', '7d'],
    ]);
    // Every passed threshold is recorded, so the superseded 30-day ones never fire later.
    expect(plan.records).toHaveLength(2 + 2 + 4);
  });

  it('a rotation that moves the expiry starts a fresh set of reminders', () => {
    const token = candidate({ expiresAt: START + 5 * DAY });
    const first = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: false,
    });
    expect(first.due.map((d) => d.threshold)).toEqual(['7d']);
    const rotated = { ...token, expiresAt: START + 20 * DAY };
    const second = planReminders({
      tokens: [rotated],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: first.records,
      now: START + DAY,
      paused: false,
    });
    expect(second.due.map((d) => d.threshold)).toEqual(['30d']);
    expect(second.nextReminderAt).toBe(START + 13 * DAY);
  });
});

describe('the planner’s rules', () => {
  it('reminds a token in a grace period an hour before the grace ends, once', () => {
    const graceEndsAt = START + 24 * HOUR;
    const token = candidate({ state: 'grace', expiresAt: START + 300 * DAY, graceEndsAt });
    const early = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: false,
    });
    expect(early.due).toEqual([]);
    expect(early.nextReminderAt).toBe(graceEndsAt - HOUR);
    expect(early.attention.map((a) => a.token.id)).toEqual([token.id]);
    const due = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: graceEndsAt - HOUR,
      paused: false,
    });
    expect(due.due.map((d) => [d.threshold, d.deadline])).toEqual([
      [GRACE_THRESHOLD, { kind: 'grace', at: graceEndsAt }],
    ]);
    const after = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: due.records,
      now: graceEndsAt + HOUR,
      paused: false,
    });
    expect(after.due).toEqual([]);
  });

  it('never reminds revoked, removed or retired tokens, and treats tracked tokens like synced ones', () => {
    const expiresAt = START + 2 * DAY;
    const tokens = [
      candidate({ name: 'revoked', state: 'revoked', expiresAt }),
      candidate({ name: 'removed', state: 'removed', expiresAt }),
      candidate({ name: 'retired', state: 'retired', expiresAt, graceEndsAt: expiresAt }),
      candidate({ name: 'tracked', origin: 'tracked', expiresAt }),
      candidate({ name: 'never expires', expiresAt: null }),
    ];
    const plan = planReminders({
      tokens,
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: false,
    });
    expect(plan.due.map((d) => d.token.name)).toEqual(['tracked']);
    expect(plan.attention.map((a) => a.token.name)).toEqual(['tracked']);
    expect(plan.nextReminderAt).toBe(expiresAt - DAY);
  });

  it('a snoozed token stays quiet and out of the attention list until the snooze ends, then catches up once', () => {
    const expiresAt = START + 10 * DAY;
    const token = candidate({ expiresAt, snoozedUntil: START + 5 * DAY });
    const during = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: false,
    });
    expect(during.due).toEqual([]);
    expect(during.attention).toEqual([]);
    expect(during.nextReminderAt).toBe(START + 5 * DAY);
    expect(during.nextAttentionChangeAt).toBe(START + 5 * DAY);
    const after = planReminders({
      tokens: [token],
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START + 5 * DAY,
      paused: false,
    });
    expect(after.due.map((d) => d.threshold)).toEqual(['7d']);
    expect(after.attention).toHaveLength(1);
  });

  it('pausing silences everything but keeps the attention list; resuming catches up with one reminder per token', () => {
    const tokens = [candidate({ expiresAt: START + 3 * DAY }), candidate({ expiresAt: START + 20 * DAY })];
    const paused = planReminders({
      tokens,
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START,
      paused: true,
    });
    expect(paused.due).toEqual([]);
    expect(paused.records).toEqual([]);
    expect(paused.nextReminderAt).toBeNull();
    expect(paused.attention).toHaveLength(2);
    const resumed = planReminders({
      tokens,
      thresholdsDays: DEFAULT_THRESHOLDS,
      sent: [],
      now: START + 4 * DAY,
      paused: false,
    });
    expect(resumed.due.map((d) => d.threshold)).toEqual(['0d', '30d']);
  });

  it('never fires while paused, whatever the tokens and the time', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryToken, { maxLength: 20 }),
        arbitraryThresholds,
        time,
        (tokens, thresholdsDays, now) => {
          const plan = planReminders({ tokens, thresholdsDays, sent: [], now, paused: true });
          expect(plan.due).toEqual([]);
          expect(plan.nextReminderAt).toBeNull();
        },
      ),
    );
  });

  it('uses configured thresholds, and a token counts as needing attention from its widest threshold or 30 days', () => {
    const token = candidate({ expiresAt: START + 50 * DAY });
    const plan = planReminders({
      tokens: [token],
      thresholdsDays: [60, 14],
      sent: [],
      now: START,
      paused: false,
    });
    expect(plan.due.map((d) => d.threshold)).toEqual(['60d']);
    expect(plan.attention).toHaveLength(1);
    expect(plan.nextReminderAt).toBe(START + 36 * DAY);
    const narrow = planReminders({
      tokens: [token],
      thresholdsDays: [7],
      sent: [],
      now: START,
      paused: false,
    });
    expect(narrow.attention).toEqual([]);
    expect(narrow.nextAttentionChangeAt).toBe(START + 20 * DAY);
  });
});
