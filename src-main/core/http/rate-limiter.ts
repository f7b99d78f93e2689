/**
 * A sliding-window rate limiter, one per connection: at most `limit` requests start within any
 * `windowMs` (Mailtrap: 150 per 10 s per token). Callers wait their turn in arrival order; a
 * provider's 429 with Retry-After also blocks the connection until then (`blockUntil`), so the
 * other requests of a sync do not run into the same wall.
 *
 * A request counts from when it started until its answer arrives, then from the answer's time:
 * the provider counts it from when it arrived, somewhere in between. Counting only from the start
 * let the 151st request reach Mailtrap 10 s after the first one started but less than 10 s after
 * the first one arrived (its connection took longer to open): a 429 and a second's wait in every
 * rate-limited sync (measured by `npm run bench`).
 */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export interface LimiterTime {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Marks the request as answered (its slot then counts from now). */
export type Answered = () => void;

export class RateLimiter {
  /** One per request within the window: when it started, or when its answer came. */
  private slots: { at: number }[] = [];
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: RateLimit,
    private readonly time: LimiterTime,
  ) {}

  /** Resolves when the caller may send one request (and counts it); call the result on the answer. */
  acquire(): Promise<Answered> {
    const turn = this.queue.then(() => this.waitForSlot());
    // The chain must survive a rejected turn (none is expected, but one must not block the rest).
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    return turn;
  }

  /** The provider asked us to wait (429 Retry-After). */
  blockUntil(at: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, at);
  }

  /** How many requests started within the current window (tests, diagnostics). */
  inWindow(): number {
    this.prune(this.time.now());
    return this.slots.length;
  }

  private prune(now: number): void {
    this.slots = this.slots.filter((slot) => slot.at > now - this.rate.windowMs);
  }

  private async waitForSlot(): Promise<Answered> {
    for (;;) {
      const now = this.time.now();
      if (this.blockedUntil > now) {
        await this.time.sleep(this.blockedUntil - now);
        continue;
      }
      this.prune(now);
      if (this.slots.length < this.rate.limit) {
        const slot = { at: now };
        this.slots.push(slot);
        return () => {
          slot.at = Math.max(slot.at, this.time.now());
        };
      }
      const oldest = Math.min(...this.slots.map((slot) => slot.at));
      await this.time.sleep(Math.max(1, oldest + this.rate.windowMs - now));
    }
  }
}

/** One header's first value, trimmed; '' when absent. */
function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/**
 * A provider's own quota headers (`RateLimit-Remaining` and `RateLimit-Reset`, as GitLab sends
 * them, or `X-RateLimit-Remaining` and `X-RateLimit-Reset`, as Datadog does,
 * on every answer; shared/providers/gitlab.md §5 [RL]): with nothing remaining, when the window
 * resets, so the connection waits instead of running into a 429. `RateLimit-Reset` is a Unix time
 * in seconds at GitLab and a number of seconds in the IETF draft; a value too small to be a date
 * is taken as seconds from now. Null when there is quota left or the headers are absent or unreadable.
 */
export function quotaExhaustedUntil(
  headers: Record<string, string | string[] | undefined>,
  now: number,
): number | null {
  const one = (name: string) => headerValue(headers, name);
  // The `X-` spelling is Datadog's (and GitHub's), with the same meaning [DD-RL].
  const remaining = one('ratelimit-remaining') || one('x-ratelimit-remaining');
  if (!/^\d+$/.test(remaining) || Number(remaining) > 0) return null;
  return quotaResetAt(headers, now);
}

/**
 * When a provider's quota window resets, from `RateLimit-Reset` or `X-RateLimit-Reset`: a Unix
 * time in seconds, or (a value too small to be a date) seconds from now. Null when absent,
 * unreadable, in the past or more than an hour away (a clock far off).
 */
export function quotaResetAt(
  headers: Record<string, string | string[] | undefined>,
  now: number,
): number | null {
  const one = (name: string) => headerValue(headers, name);
  const reset = one('ratelimit-reset') || one('x-ratelimit-reset');
  if (!/^\d+$/.test(reset)) return null;
  const value = Number(reset);
  const at = value >= 1_000_000_000 ? value * 1000 : now + value * 1000;
  return at > now && at <= now + 3_600_000 ? at : null;
}
