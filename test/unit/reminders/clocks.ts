/**
 * Test clocks that behave like the real thing where the scheduler has to cope with it:
 * - `OverflowingClock`: Node's setTimeout, which fires after 1 ms when asked to wait longer
 *   than 2^31-1 ms. A scheduler that forgets the cap fires a year-away reminder at once.
 * - `SplitClock`: timers run on a monotonic clock while `now()` is the wall clock, so the wall
 *   clock can be changed (or the machine can sleep) without any timer noticing.
 */
import type { Clock } from '../../../src-main/core/ports';
import { ManualClock } from '../../host/clock';

export const NODE_MAX_DELAY = 2 ** 31 - 1;

export class OverflowingClock extends ManualClock {
  maxRequestedDelay = 0;
  override setTimeout(callback: () => void, ms: number): unknown {
    this.maxRequestedDelay = Math.max(this.maxRequestedDelay, ms);
    return super.setTimeout(callback, ms > NODE_MAX_DELAY ? 1 : ms);
  }
}

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class SplitClock implements Clock {
  private wall: number;
  private monotonic = 0;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start: number = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.wall = start;
  }

  now(): number {
    return this.wall;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.monotonic + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Time passes normally: both clocks move and due timers fire in order. */
  advance(ms: number): void {
    const target = this.monotonic + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.wall += due.at - this.monotonic;
      this.monotonic = due.at;
      due.callback();
    }
    this.wall += target - this.monotonic;
    this.monotonic = target;
  }

  /** The user (or NTP) sets the wall clock; timers keep their monotonic schedule. */
  setWall(ms: number): void {
    this.wall = ms;
  }

  /** The machine sleeps: the wall clock moves on, the monotonic clock (and every timer) stands still. */
  sleep(ms: number): void {
    this.wall += ms;
  }
}
