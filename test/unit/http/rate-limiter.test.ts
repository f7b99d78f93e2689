/** The per-connection limiter: at most N request starts in any window, in arrival order. */
import { describe, expect, it } from 'vitest';
import { RateLimiter, quotaExhaustedUntil } from '../../../src-main/core/http/rate-limiter';

/** Virtual time: sleeping advances the clock instantly. */
function virtualTime() {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      await Promise.resolve();
    },
  };
}

describe('RateLimiter', () => {
  it('lets 150 requests start in 10 s and holds the 151st until the window slides', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ limit: 150, windowMs: 10_000 }, time);
    const starts: number[] = [];
    for (let i = 0; i < 151; i++) {
      await limiter.acquire();
      starts.push(time.now());
    }
    expect(starts.slice(0, 150).every((t) => t === 1_000_000)).toBe(true);
    expect(starts[150]).toBe(1_010_000);
  });

  it('never lets more than the limit start within any window', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ limit: 5, windowMs: 1_000 }, time);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 23 }, async () => {
        await limiter.acquire();
        starts.push(time.now());
      }),
    );
    starts.sort((a, b) => a - b);
    for (let i = 5; i < starts.length; i++)
      expect((starts[i] ?? 0) - (starts[i - 5] ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it('counts an answered request from its answer, as the provider counts it from its arrival', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000 }, time);
    const first = await limiter.acquire();
    await time.sleep(300);
    first(); // answered 300 ms after it started
    await limiter.acquire();
    await limiter.acquire();
    // Not 1 s after the first start, but 1 s after its answer.
    expect(time.now()).toBe(1_001_300);
  });

  it('blocks the connection until a Retry-After time', async () => {
    const time = virtualTime();
    const limiter = new RateLimiter({ limit: 100, windowMs: 10_000 }, time);
    limiter.blockUntil(time.now() + 30_000);
    await limiter.acquire();
    expect(time.now()).toBe(1_030_000);
  });
});

describe('quotaExhaustedUntil (RateLimit-Remaining / RateLimit-Reset)', () => {
  const now = Date.parse('2026-12-04T12:00:00.000Z');
  it('waits for the reset only when nothing remains: a Unix time (GitLab) or seconds from now', () => {
    const at = Math.ceil(now / 1000) + 30;
    expect(quotaExhaustedUntil({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(at) }, now)).toBe(
      at * 1000,
    );
    expect(quotaExhaustedUntil({ 'ratelimit-remaining': '0', 'ratelimit-reset': '12' }, now)).toBe(
      now + 12_000,
    );
    expect(
      quotaExhaustedUntil({ 'ratelimit-remaining': '3', 'ratelimit-reset': String(at) }, now),
    ).toBeNull();
  });
  it('ignores absent, unreadable, past or far-off resets', () => {
    expect(quotaExhaustedUntil({}, now)).toBeNull();
    expect(quotaExhaustedUntil({ 'ratelimit-remaining': '0', 'ratelimit-reset': 'soon' }, now)).toBeNull();
    expect(
      quotaExhaustedUntil({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 - 5) }, now),
    ).toBeNull();
    expect(
      quotaExhaustedUntil({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 7200) }, now),
    ).toBeNull();
  });
});

describe('quotaExhaustedUntil (X-RateLimit-Remaining / X-RateLimit-Reset)', () => {
  const now = Date.UTC(2026, 11, 7, 12, 0, 0);
  it('reads the X- spelling (Datadog: seconds until the period resets) the same way', () => {
    expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '42' }, now)).toBe(
      now + 42_000,
    );
    expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '7', 'x-ratelimit-reset': '42' }, now)).toBeNull();
    expect(quotaExhaustedUntil({ 'x-ratelimit-remaining': '0' }, now)).toBeNull();
  });
});
