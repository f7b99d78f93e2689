/**
 * A sliding-window rate limiter, one per connection: at most `limit` requests start within any
 * `windowMs` (Mailtrap: 150 per 10 s per token). Callers wait their turn in arrival order; a
 * provider's 429 with Retry-After also blocks the connection until then (`blockUntil`), so the
 * other requests of a sync do not run into the same wall.
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface LimiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export class RateLimiter {
  private readonly starts: number[] = [];
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: RateLimit,
    private readonly time: LimiterTime,
  ) {}

  /** Resolves when the caller may send one request (and counts it). */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot());
    // The chain must survive a rejected turn (none is expected, but one must not block the rest).
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The provider asked us to wait (429 Retry-After). */
  blockUntil(at: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, at);
  }

  /** How many requests started within the current window (tests, diagnostics). */
  inWindow(): number {
    this.prune(this.time.now());
    return this.starts.length;
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] ?? 0) <= now - this.rate.windowMs) this.starts.shift();
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.time.now();
      if (this.blockedUntil > now) {
        await this.time.sleep(this.blockedUntil - now);
        continue;
      }
      this.prune(now);
      if (this.starts.length < this.rate.limit) {
        this.starts.push(now);
        return;
      }
      const oldest = this.starts[0] ?? now;
      await this.time.sleep(Math.max(1, oldest + this.rate.windowMs - now));
    }
  }
}
