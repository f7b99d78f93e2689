/**
 * The lower bound on a sync's wall time that the network alone allows: no CPU time at all,
 * every request exactly its latency, and each connection's rate limiter never idle.
 */
import type { RateLimit } from '../../../src-main/core/http/rate-limiter';

/**
 * One connection whose `requests` follow one another (each page or account list is asked for
 * after the previous answer, as the adapters do): request k starts when k-1 has been answered,
 * and not before `windowMs` after request k-limit started.
 */
export function connectionBound(requests: number, latencyMs: number, rate: RateLimit | null): number {
  const starts: number[] = [];
  for (let k = 0; k < requests; k++) {
    const afterPrevious = k === 0 ? 0 : (starts[k - 1] ?? 0) + latencyMs;
    const afterWindow = rate !== null && k >= rate.limit ? (starts[k - rate.limit] ?? 0) + rate.windowMs : 0;
    starts.push(Math.max(afterPrevious, afterWindow));
  }
  return requests === 0 ? 0 : (starts[requests - 1] ?? 0) + latencyMs;
}

/**
 * All connections with at most `concurrency` syncing at once: no schedule can finish before the
 * longest connection, nor before the total work spread evenly over the slots.
 */
export function syncBound(durations: readonly number[], concurrency: number): number {
  const longest = Math.max(0, ...durations);
  const total = durations.reduce((sum, d) => sum + d, 0);
  return Math.max(longest, total / Math.max(1, concurrency));
}
