/**
 * `OverflowingClock` behaves like Node's setTimeout where the scheduler has to cope with it: it
 * fires after 1 ms when asked to wait longer than 2^31-1 ms. A scheduler that forgets the cap
 * fires a year-away reminder at once. (A wall clock that changes, or a machine that sleeps,
 * without any timer noticing: the host's ManualClock, `setWall` and `sleep`.)
 */
import { ManualClock } from '../../host/clock';

export const NODE_MAX_DELAY = 2 ** 31 - 1;

export class OverflowingClock extends ManualClock {
  maxRequestedDelay = 0;
  override setTimeout(callback: () => void, ms: number): unknown {
    this.maxRequestedDelay = Math.max(this.maxRequestedDelay, ms);
    return super.setTimeout(callback, ms > NODE_MAX_DELAY ? 1 : ms);
  }
}
