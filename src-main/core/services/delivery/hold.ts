/**
 * A rotation's new secret, held in main's memory (never on disk) while its deliveries can still
 * be retried: at most RETRY_HOLD_MS after the rotation minted it, then dropped. A finished
 * rotation drops it at once. Nothing here is persisted: after a restart there is nothing to
 * retry with, and the interrupted rotation's notice says so.
 */
import type { Clock } from '../../ports';

export const RETRY_HOLD_MS = 15 * 60_000;

interface Held {
  secret: string;
  until: number;
  timer: unknown;
}

export class DeliveryHold {
  private readonly held = new Map<string, Held>();

  constructor(private readonly clock: Clock) {}

  /** Keeps the secret for this rotation; returns until when. */
  keep(operationId: string, secret: string): number {
    this.drop(operationId);
    const until = this.clock.now() + RETRY_HOLD_MS;
    const timer = this.clock.setTimeout(() => this.drop(operationId), RETRY_HOLD_MS);
    this.held.set(operationId, { secret, until, timer });
    return until;
  }

  get(operationId: string): string | null {
    const held = this.held.get(operationId);
    return held === undefined || held.until <= this.clock.now() ? null : held.secret;
  }

  until(operationId: string): number | null {
    return this.get(operationId) === null ? null : (this.held.get(operationId)?.until ?? null);
  }

  drop(operationId: string): void {
    const held = this.held.get(operationId);
    if (held === undefined) return;
    this.clock.clearTimeout(held.timer);
    held.secret = '';
    this.held.delete(operationId);
  }

  dropAll(): void {
    for (const id of [...this.held.keys()]) this.drop(id);
  }
}
