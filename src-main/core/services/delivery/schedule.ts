/**
 * Scheduled rotation: per token, "N days before expiry" or "every N days", off by default. Only
 * for a token whose every consumer is a delivery target (no plain "used by" note left) and whose
 * provider can rotate or replace it through its API: nobody is there to update anything by hand.
 * Runs while the app runs, on the core's Clock (catching up at start), through the same delivery
 * pipeline and journal, with a notification of the outcome. Settings' one switch pauses all.
 * A failed run is not repeated by itself: the notification asks the user to look.
 */
import type { RotationSchedule } from '../../../../src-preload/contract';
import type { CoreContext } from '../../context';
import type { RotationScheduleRecord } from '../../db/repositories/delivery';
import type { TokenRecord } from '../../db/repositories/tokens';
import { invalidInput, notFound, toApiError } from '../../errors';
import { newId } from '../../ids';
import { liveNames, planRotation } from '../rotation-plan';
import type { DeliveryPipeline } from './pipeline';

const DAY_MS = 86_400_000;
/** How often due schedules are looked for at most (a run falls due at a day's granularity). */
export const SCHEDULE_CHECK_MS = 60 * 60_000;
const DEFAULT_DAYS = 14;

export class RotationSchedules {
  private timer: unknown = null;
  private running = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly pipeline: DeliveryPipeline,
  ) {}

  get(tokenId: string): RotationSchedule {
    const token = this.ctx.repos.tokens.get(tokenId);
    if (token === null) throw notFound('The token');
    const record = this.ctx.repos.delivery.schedule(tokenId);
    return {
      tokenId,
      rule: record?.rule ?? null,
      days: record?.days ?? DEFAULT_DAYS,
      nextRunAt: record === null ? null : nextRunAt(record, token),
      blockedBy: this.blockedBy(token),
    };
  }

  set(tokenId: string, rule: RotationScheduleRecord['rule'] | null, days: number): RotationSchedule {
    const token = this.ctx.repos.tokens.get(tokenId);
    if (token === null) throw notFound('The token');
    if (rule === null) this.ctx.repos.delivery.removeSchedule(tokenId);
    else {
      const blocked = this.blockedBy(token);
      if (blocked !== null) throw invalidInput(blocked);
      if (rule === 'before_expiry' && token.expiresAt === null)
        throw invalidInput('This token never expires; choose “every N days” instead.');
      const existing = this.ctx.repos.delivery.schedule(tokenId);
      this.ctx.repos.delivery.putSchedule({
        tokenId,
        rule,
        days,
        lastRunAt: existing?.lastRunAt ?? null,
        createdAt: existing?.createdAt ?? this.ctx.now(),
      });
    }
    this.ctx.audit({
      action: 'token.rotation_schedule',
      outcome: 'info',
      connectionId: token.connectionId,
      tokenId,
      detail:
        rule === null
          ? `Scheduled rotation of “${token.name}” turned off`
          : `“${token.name}” rotates ${rule === 'every' ? `every ${days} days` : `${days} days before it expires`}`,
    });
    this.arm();
    return this.get(tokenId);
  }

  /** Why this token cannot rotate on a schedule, or null. */
  blockedBy(token: TokenRecord): string | null {
    const { ctx } = this;
    if (ctx.repos.delivery.targets(token.id).length === 0)
      return 'Add a delivery target first: a scheduled rotation must update every place that uses the token.';
    const notes = ctx.repos.annotations.get(token.id)?.usedBy ?? [];
    if (notes.length > 0)
      return `“Used by” lists places Tokenkeeper cannot update (${notes.join(', ')}). Make each a delivery target, or remove the note.`;
    const connection = ctx.repos.connections.get(token.connectionId);
    if (connection === null) return 'The token’s connection was removed.';
    const plan = planRotation(
      token,
      connection,
      ctx.providers,
      ctx.now(),
      liveNames(ctx.repos.tokens.listByConnection(connection.id)),
    );
    if (!plan.allowed || plan.kind === 'manual')
      return plan.reason ?? 'Tokenkeeper cannot rotate this token through the provider’s API.';
    return null;
  }

  /** Runs what fell due (also what fell due while the app was closed), then waits for the next. */
  start(): void {
    void this.runDue();
  }

  stop(): void {
    if (this.timer !== null) this.ctx.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  async runDue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      if (!this.ctx.settings.get().scheduledRotationsPaused) {
        for (const record of this.due()) await this.runOne(record);
      }
    } finally {
      this.running = false;
      this.arm();
    }
  }

  private due(): RotationScheduleRecord[] {
    const now = this.ctx.now();
    return this.ctx.repos.delivery.schedules().filter((record) => {
      const token = this.ctx.repos.tokens.get(record.tokenId);
      const at = token === null ? null : nextRunAt(record, token);
      return token !== null && token.state === 'active' && at !== null && at <= now;
    });
  }

  private async runOne(record: RotationScheduleRecord): Promise<void> {
    const { ctx } = this;
    const token = ctx.repos.tokens.get(record.tokenId);
    if (token === null) return;
    // Counted as run whatever happens: a failure is shown once, not retried every hour.
    ctx.repos.delivery.markRun(record.tokenId, ctx.now());
    let title: string;
    let body: string;
    try {
      const run = await this.pipeline.rotate(token.id, {});
      title =
        run.state === 'done'
          ? `Rotated “${token.name}” on schedule`
          : `Scheduled rotation of “${token.name}” stopped`;
      body = run.message;
    } catch (error) {
      title = `Scheduled rotation of “${token.name}” did not start`;
      body = toApiError(error).message;
    }
    ctx.log.info('scheduled rotation ran', { tokenId: token.id, outcome: title });
    ctx.deps.notifier.show({ id: newId('n'), title, body, tokenId: token.id }, () =>
      ctx.emit('navigate', { view: 'token', tokenId: token.id }),
    );
  }

  private arm(): void {
    this.stop();
    const { clock } = this.ctx.deps;
    const now = this.ctx.now();
    let soonest = now + SCHEDULE_CHECK_MS;
    for (const record of this.ctx.repos.delivery.schedules()) {
      const token = this.ctx.repos.tokens.get(record.tokenId);
      const at = token === null ? null : nextRunAt(record, token);
      if (at !== null && at > now) soonest = Math.min(soonest, at);
    }
    this.timer = clock.setTimeout(() => void this.runDue(), Math.max(1_000, soonest - now));
  }
}

/** When a schedule runs next: N days before expiry (once per expiry), or N days after the last run. */
export function nextRunAt(record: RotationScheduleRecord, token: TokenRecord): number | null {
  if (record.rule === 'every') return (record.lastRunAt ?? record.createdAt) + record.days * DAY_MS;
  if (token.expiresAt === null) return null;
  const at = token.expiresAt - record.days * DAY_MS;
  // Already run for this expiry (a failed run is not repeated by itself).
  return record.lastRunAt !== null && record.lastRunAt >= at ? null : at;
}
