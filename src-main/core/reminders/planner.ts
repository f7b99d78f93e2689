/**
 * The reminder planner: a pure function from (tokens, thresholds, what was already sent, now,
 * paused) to what is due now, what needs attention, and when anything next changes. No clock,
 * no database, no side effects: the scheduler feeds it and acts on the plan, and tests can run
 * it over months of simulated time.
 *
 * Rules:
 * - A live token (active or grace) with a deadline gets reminders; revoked, removed and retired
 *   tokens never do. Tracked tokens are treated like synced ones.
 * - Active tokens: one threshold per configured day count before the expiry ("30d", "7d", "1d",
 *   "0d" = at expiry). Tokens in a grace period: one reminder an hour before the grace ends
 *   (day thresholds make no sense for a grace measured in hours).
 * - Each (token, threshold, deadline) fires at most once. The deadline is part of the key, so a
 *   rotation or an edit that moves the expiry starts a fresh set.
 * - When several thresholds of one token have passed unseen (the app was closed, the token was
 *   just added, a snooze ended), only the nearest one fires and all passed ones are recorded.
 * - A snoozed token fires nothing until the snooze ends; pausing silences every token but keeps
 *   the attention list.
 */
import type { TokenState } from '../../../src-preload/contract';
import { DAY_MS } from '../tokens/status';

export const HOUR_MS = 60 * 60 * 1000;
/** How long before a grace period ends its one reminder fires. */
export const GRACE_LEAD_MS = HOUR_MS;
export const GRACE_THRESHOLD = 'grace-1h';
/** Tokens expiring within this many days count as needing attention (the "expires in 30 days" badge). */
export const ATTENTION_WINDOW_DAYS = 30;

export interface ReminderCandidate {
  id: string;
  name: string;
  /** The provider's name, as reminders say it. */
  providerName: string;
  connectionLabel: string;
  accountName: string | null;
  state: TokenState;
  origin: 'synced' | 'tracked';
  expiresAt: number | null;
  graceEndsAt: number | null;
  snoozedUntil: number | null;
}

export interface SentKey {
  tokenId: string;
  threshold: string;
  targetAt: number;
}

export interface PlanInput {
  tokens: readonly ReminderCandidate[];
  /** Days before the deadline; 0 means at the deadline. */
  thresholdsDays: readonly number[];
  sent: readonly SentKey[];
  now: number;
  paused: boolean;
}

export type DeadlineKind = 'expiry' | 'grace';

export interface Deadline {
  kind: DeadlineKind;
  at: number;
}

export interface Threshold {
  key: string;
  at: number;
}

export interface DueReminder {
  token: ReminderCandidate;
  deadline: Deadline;
  /** The threshold that fires (the nearest passed one). */
  threshold: string;
}

export interface AttentionEntry {
  token: ReminderCandidate;
  deadline: Deadline;
}

export interface Plan {
  /** What to notify now, soonest deadline first. */
  due: DueReminder[];
  /** What to record in `reminders_sent`: every passed threshold of each due token. */
  records: SentKey[];
  /** Tokens needing attention now (live, deadline near or passed, not snoozed), soonest first. */
  attention: AttentionEntry[];
  /** When the next reminder falls due, assuming nothing changes; null when none will. */
  nextReminderAt: number | null;
  /** When the attention list next changes by the passage of time alone. */
  nextAttentionChangeAt: number | null;
  /** The earlier of the two: when the scheduler should wake. */
  nextWakeAt: number | null;
}

/** The moment a live token stops working, or null when it never fires reminders. */
export function deadlineOf(
  token: Pick<ReminderCandidate, 'state' | 'expiresAt' | 'graceEndsAt'>,
): Deadline | null {
  if (token.state === 'grace') {
    if (token.graceEndsAt !== null) return { kind: 'grace', at: token.graceEndsAt };
    return token.expiresAt === null ? null : { kind: 'expiry', at: token.expiresAt };
  }
  if (token.state === 'active' && token.expiresAt !== null) return { kind: 'expiry', at: token.expiresAt };
  return null;
}

export function thresholdKey(days: number): string {
  return `${days}d`;
}

/** The thresholds of one deadline, earliest first. */
export function thresholdsFor(deadline: Deadline, thresholdsDays: readonly number[]): Threshold[] {
  if (deadline.kind === 'grace') return [{ key: GRACE_THRESHOLD, at: deadline.at - GRACE_LEAD_MS }];
  return [...new Set(thresholdsDays)]
    .filter((days) => Number.isFinite(days) && days >= 0)
    .sort((a, b) => b - a)
    .map((days) => ({ key: thresholdKey(days), at: deadline.at - days * DAY_MS }));
}

export const sentKeyOf = (tokenId: string, threshold: string, targetAt: number): string =>
  `${tokenId}\u0000${threshold}\u0000${targetAt}`;

/** The passed threshold closest to `at` (the latest one at or before it), if any. */
function nearestPassed(thresholds: Threshold[], at: number): Threshold | null {
  let nearest: Threshold | null = null;
  for (const t of thresholds) if (t.at <= at && (nearest === null || t.at > nearest.at)) nearest = t;
  return nearest;
}

function minOf(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

export function attentionWindowDays(thresholdsDays: readonly number[]): number {
  return Math.max(ATTENTION_WINDOW_DAYS, ...thresholdsDays.filter((d) => Number.isFinite(d)));
}

export function planReminders(input: PlanInput): Plan {
  const { now, paused } = input;
  const sent = new Set(input.sent.map((s) => sentKeyOf(s.tokenId, s.threshold, s.targetAt)));
  const isSent = (tokenId: string, t: Threshold, deadline: Deadline) =>
    sent.has(sentKeyOf(tokenId, t.key, deadline.at));
  const windowMs = attentionWindowDays(input.thresholdsDays) * DAY_MS;

  const due: DueReminder[] = [];
  const records: SentKey[] = [];
  const attention: AttentionEntry[] = [];
  let nextReminderAt: number | null = null;
  let nextAttentionChangeAt: number | null = null;

  for (const token of input.tokens) {
    const deadline = deadlineOf(token);
    if (deadline === null) continue;
    const snoozedUntil = token.snoozedUntil !== null && token.snoozedUntil > now ? token.snoozedUntil : null;

    // Attention: a grace period, or a deadline inside the window, unless snoozed.
    const attentionFrom = deadline.kind === 'grace' ? Number.NEGATIVE_INFINITY : deadline.at - windowMs;
    if (snoozedUntil !== null) {
      nextAttentionChangeAt = minOf(nextAttentionChangeAt, Math.max(snoozedUntil, attentionFrom));
    } else if (now >= attentionFrom) {
      attention.push({ token, deadline });
      // The reason changes from "expires" to "expired" at the deadline.
      if (deadline.at > now) nextAttentionChangeAt = minOf(nextAttentionChangeAt, deadline.at);
    } else {
      nextAttentionChangeAt = minOf(nextAttentionChangeAt, attentionFrom);
    }

    if (paused) continue;
    const thresholds = thresholdsFor(deadline, input.thresholdsDays);

    if (snoozedUntil === null) {
      const nearest = nearestPassed(thresholds, now);
      if (nearest !== null && !isSent(token.id, nearest, deadline)) {
        due.push({ token, deadline, threshold: nearest.key });
        for (const t of thresholds) {
          if (t.at <= now) records.push({ tokenId: token.id, threshold: t.key, targetAt: deadline.at });
        }
      }
    } else {
      // When the snooze ends, the nearest threshold passed by then fires if it was never sent.
      const atWake = nearestPassed(thresholds, snoozedUntil);
      if (atWake !== null && !isSent(token.id, atWake, deadline))
        nextReminderAt = minOf(nextReminderAt, snoozedUntil);
    }
    const from = snoozedUntil ?? now;
    for (const t of thresholds) {
      // Thresholds already recorded (the clock went back) will not fire again: no need to wake for them.
      if (t.at > from && !isSent(token.id, t, deadline)) nextReminderAt = minOf(nextReminderAt, t.at);
    }
  }

  const bySoonest = <T extends { deadline: Deadline; token: { name: string } }>(a: T, b: T) =>
    a.deadline.at - b.deadline.at || a.token.name.localeCompare(b.token.name);
  due.sort(bySoonest);
  attention.sort(bySoonest);
  return {
    due,
    records,
    attention,
    nextReminderAt,
    nextAttentionChangeAt,
    nextWakeAt: minOf(nextReminderAt, nextAttentionChangeAt),
  };
}
