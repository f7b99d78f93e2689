/**
 * The reminder scheduler: runs the planner, records and shows what is due as one notification,
 * keeps the tray and the window's attention list current, and sleeps on ONE timer until the
 * planner's next wake time.
 *
 * Why each piece is here:
 * - setTimeout overflows past 2^31-1 ms (about 24.8 days) and fires at once, so a long wait is
 *   cut into capped steps; each step simply re-plans and sleeps again.
 * - Timers run on a monotonic clock that may stand still while the machine sleeps, and nothing
 *   portable announces a changed wall clock. The shell forwards "resume from sleep" to
 *   `replanNow()`, and a cheap periodic check compares the wall clock with when it expected to
 *   wake: a large difference means the clock jumped (or the machine slept), so re-plan.
 * - Changes (tokens synced, a snooze, settings) arrive in bursts, so re-planning is debounced.
 * - What was sent lives in `reminders_sent`, so a restart neither repeats nor forgets anything.
 */
import type { Attention } from '../../../src-preload/contract';
import type { Logger } from '../log/logger';
import type { Clock, EmitEvent, NotificationAction, Notifier, TrayModel, TrayPort } from '../ports';
import { DAY_MS } from '../tokens/status';
import { planReminders, type DueReminder, type Plan, type ReminderCandidate, type SentKey } from './planner';
import { buildTrayModel } from './tray-model';
import { attentionReason, notificationText, type WordingOptions } from './wording';
import type { TokenRow } from '../../../src-preload/contract';

/** The largest delay setTimeout honours; anything longer wraps around and fires immediately. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
/** A re-plan waits for this much quiet after the last change... */
export const REPLAN_DEBOUNCE_MS = 1_000;
/**
 * ...but no longer than this after the first one. Planning reads every live token with a
 * deadline (hundreds of ms at 50,000 tokens): a sync of 50 connections used to re-plan after
 * nearly every connection, half the core's CPU during the sync (npm run bench).
 */
export const REPLAN_MAX_WAIT_MS = 5_000;
export const CLOCK_CHECK_INTERVAL_MS = 60_000;
export const CLOCK_DRIFT_TOLERANCE_MS = 10_000;
const RETRY_AFTER_ERROR_MS = 5 * 60_000;
/**
 * How long the window's attention list is reused while the cache is unchanged (store.version):
 * planning reads every live token with a deadline (250 ms and more at 50,000 tokens, measured by
 * `npm run bench`), and the window asks for it on every start and after every change burst.
 */
export const ATTENTION_REUSE_MS = 10_000;
/** The attention list sent to the window; the count covers all of them. */
export const ATTENTION_ITEMS_LIMIT = 100;

/** What the scheduler reads from and writes to the cache. */
export interface ReminderStore {
  candidates(): ReminderCandidate[];
  sent(): SentKey[];
  record(records: SentKey[], sentAt: number): void;
  /** Forgets what was sent for deadlines that can never come back (see remindersSentRepo). */
  prune(now: number): void;
  settings(): { thresholdsDays: readonly number[]; paused: boolean };
  /** List rows for these tokens, in this order (tokens that vanished are left out). */
  rows(tokenIds: readonly string[], now: number): TokenRow[];
  /** Changes whenever anything the plan reads may have changed (absent: never reuse a plan). */
  version?(): number;
}

export interface ReminderSchedulerOptions {
  clock: Clock;
  notifier: Notifier;
  tray: TrayPort;
  emit: EmitEvent;
  log: Logger;
  store: ReminderStore;
  debounceMs?: number;
  clockCheckMs?: number;
  wording?: WordingOptions;
  /**
   * The core's own snooze (the one the window's Snooze control calls), for a notification's
   * "Snooze a day" button; without it the button is not offered.
   */
  snooze?: (tokenId: string, until: number) => void;
}

/** How long a notification's "Snooze a day" silences its tokens. */
export const NOTIFICATION_SNOOZE_MS = DAY_MS;

interface Snapshot {
  now: number;
  plan: Plan;
  candidates: ReminderCandidate[];
  paused: boolean;
  version: number | undefined;
}

export class ReminderScheduler {
  private readonly clock: Clock;
  private readonly debounceMs: number;
  private readonly clockCheckMs: number;
  private wakeTimer: unknown = null;
  private wakeAt: number | null = null;
  private debounceTimer: unknown = null;
  private clockCheckTimer: unknown = null;
  private clockCheckExpectedAt = 0;
  private started = false;
  private stopped = false;
  private lastAttention: string | null = null;
  private reusable: { version: number; at: number; attention: Attention } | null = null;
  /** When the first change of the burst the debounce timer waits on was asked for. */
  private burstStartedAt: number | null = null;
  private lastTray: string | null = null;

  constructor(private readonly options: ReminderSchedulerOptions) {
    this.clock = options.clock;
    this.debounceMs = options.debounceMs ?? REPLAN_DEBOUNCE_MS;
    this.clockCheckMs = options.clockCheckMs ?? CLOCK_CHECK_INTERVAL_MS;
  }

  /** Plans once (catching up on what passed while the app was closed) and starts watching the clock. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.options.store.prune(this.clock.now());
    this.replanNow();
    this.armClockCheck();
  }

  stop(): void {
    this.stopped = true;
    for (const timer of [this.wakeTimer, this.debounceTimer, this.clockCheckTimer]) {
      if (timer !== null) this.clock.clearTimeout(timer);
    }
    this.wakeTimer = this.debounceTimer = this.clockCheckTimer = null;
    this.wakeAt = null;
  }

  /** Something changed (tokens, a snooze, settings): re-plan once the burst is over (or has gone on a while). */
  requestReplan(): void {
    if (!this.started || this.stopped) return;
    const now = this.clock.now();
    this.burstStartedAt ??= now;
    if (this.debounceTimer !== null) this.clock.clearTimeout(this.debounceTimer);
    const latest = this.burstStartedAt + Math.max(this.debounceMs, REPLAN_MAX_WAIT_MS);
    this.debounceTimer = this.clock.setTimeout(
      () => {
        this.debounceTimer = null;
        this.replanNow();
      },
      Math.max(0, Math.min(this.debounceMs, latest - now)),
    );
  }

  /** Re-plan at once: resume from sleep, a clock change, the wake timer. */
  replanNow(): void {
    if (!this.started || this.stopped) return;
    this.burstStartedAt = null;
    if (this.debounceTimer !== null) {
      this.clock.clearTimeout(this.debounceTimer);
      this.debounceTimer = null;
    }
    try {
      const snapshot = this.snapshot();
      if (snapshot.plan.due.length > 0) {
        // Recorded before it is shown: a crash in between loses one notification rather than
        // repeating it on every start.
        this.options.store.record(snapshot.plan.records, snapshot.now);
        this.notify(snapshot.plan.due, snapshot.now);
      }
      this.publish(snapshot);
      this.sleepUntil(snapshot.plan.nextWakeAt);
    } catch (error) {
      this.options.log.error('planning reminders failed', { error });
      this.sleepUntil(this.clock.now() + RETRY_AFTER_ERROR_MS);
    }
  }

  /** When the single wake timer is set for (null: nothing to wait for). */
  nextWakeAt(): number | null {
    return this.wakeAt;
  }

  /** The window's attention list, as of now (read-only: nothing is fired or recorded). */
  attention(): Attention {
    const version = this.options.store.version?.();
    const now = this.clock.now();
    const kept = this.reusable;
    if (
      kept !== null &&
      version !== undefined &&
      kept.version === version &&
      now >= kept.at &&
      now - kept.at < ATTENTION_REUSE_MS
    ) {
      return kept.attention;
    }
    return this.keep(this.snapshot());
  }

  private keep(snapshot: Snapshot): Attention {
    const attention = this.attentionOf(snapshot);
    this.reusable =
      snapshot.version === undefined ? null : { version: snapshot.version, at: snapshot.now, attention };
    return attention;
  }

  /** A notification or tray click: ask the window to show that token (or the list). */
  openToken(tokenId: string | null): void {
    this.options.emit(
      'navigate',
      tokenId === null ? { view: 'tokens', tokenId: null } : { view: 'token', tokenId },
    );
  }

  private snapshot(): Snapshot {
    const now = this.clock.now();
    const { store } = this.options;
    const version = store.version?.();
    const settings = store.settings();
    const candidates = store.candidates();
    const plan = planReminders({
      tokens: candidates,
      thresholdsDays: settings.thresholdsDays,
      sent: store.sent(),
      now,
      paused: settings.paused,
    });
    return { now, plan, candidates, paused: settings.paused, version };
  }

  private attentionOf({ plan, now, paused }: Snapshot): Attention {
    const entries = plan.attention.slice(0, ATTENTION_ITEMS_LIMIT);
    const byId = new Map(entries.map((e) => [e.token.id, e]));
    const items = this.options.store
      .rows(
        entries.map((e) => e.token.id),
        now,
      )
      .flatMap((token) => {
        const entry = byId.get(token.id);
        return entry === undefined
          ? []
          : [
              {
                token,
                reason: attentionReason(entry.deadline, now, this.options.wording),
                dueAt: entry.deadline.at,
              },
            ];
      });
    // Something due but not yet fired (the timer has not run) means "wake now".
    const nextWakeAt = plan.due.length > 0 ? now : plan.nextWakeAt;
    return { count: plan.attention.length, items, paused, nextWakeAt };
  }

  private notify(due: DueReminder[], now: number): void {
    const text = notificationText(due, now, this.options.wording);
    const single = due.length === 1 ? due[0] : undefined;
    const tokenId = single?.token.id ?? null;
    const id =
      single === undefined
        ? `reminders:${now}`
        : `reminder:${single.token.id}:${single.threshold}:${single.deadline.at}`;
    const actions: NotificationAction[] = [
      ...(this.options.snooze === undefined ? [] : [{ id: 'snooze-day' as const, label: 'Snooze a day' }]),
      { id: 'open', label: 'Open' },
    ];
    const tokenIds = due.map((d) => d.token.id);
    try {
      this.options.notifier.show(
        { id, title: text.title, body: text.body, tokenId, actions },
        () => this.openToken(tokenId),
        (action) => {
          if (action === 'open') this.openToken(tokenId);
          else this.snoozeFromNotification(tokenIds);
        },
      );
      this.options.log.info('reminder shown', { tokens: due.length });
    } catch (error) {
      this.options.log.warn('a reminder notification could not be shown', { error });
    }
  }

  /** "Snooze a day" on a notification: every token it named, a day from the press. */
  private snoozeFromNotification(tokenIds: readonly string[]): void {
    const until = this.clock.now() + NOTIFICATION_SNOOZE_MS;
    for (const tokenId of tokenIds) {
      try {
        this.options.snooze?.(tokenId, until);
      } catch (error) {
        // The token was removed since the notification was shown: nothing left to snooze.
        this.options.log.warn('a token could not be snoozed from a notification', { error });
      }
    }
  }

  private publish(snapshot: Snapshot): void {
    const attention = this.keep(snapshot);
    const attentionKey = JSON.stringify(attention);
    if (attentionKey !== this.lastAttention) {
      this.lastAttention = attentionKey;
      this.options.emit('attentionChanged', attention);
    }
    const model: TrayModel = buildTrayModel({
      attention: snapshot.plan.attention,
      candidates: snapshot.candidates,
      paused: snapshot.paused,
      now: snapshot.now,
      ...(this.options.wording === undefined ? {} : { wording: this.options.wording }),
    });
    const trayKey = JSON.stringify(model);
    if (trayKey !== this.lastTray) {
      this.lastTray = trayKey;
      try {
        this.options.tray.update(model);
      } catch (error) {
        this.options.log.warn('the tray could not be updated', { error });
      }
    }
  }

  private sleepUntil(at: number | null): void {
    if (this.wakeTimer !== null) this.clock.clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    this.wakeAt = at;
    if (at === null) return;
    // At least 1 ms so a plan can never spin; at most 2^31-1 ms, after which we re-plan and sleep again.
    const delay = Math.min(Math.max(1, at - this.clock.now()), MAX_TIMER_DELAY_MS);
    this.wakeTimer = this.clock.setTimeout(() => {
      this.wakeTimer = null;
      this.replanNow();
    }, delay);
  }

  private armClockCheck(): void {
    if (this.stopped) return;
    this.clockCheckExpectedAt = this.clock.now() + this.clockCheckMs;
    this.clockCheckTimer = this.clock.setTimeout(() => {
      this.clockCheckTimer = null;
      if (this.stopped) return;
      const drift = this.clock.now() - this.clockCheckExpectedAt;
      if (Math.abs(drift) > CLOCK_DRIFT_TOLERANCE_MS) {
        this.options.log.info('the wall clock jumped (clock change or sleep); re-planning reminders', {
          driftMs: drift,
        });
        this.replanNow();
      }
      this.armClockCheck();
    }, this.clockCheckMs);
  }
}
