/**
 * A clock the tests control. `advance(ms)` moves time forward and fires, in order, every timer
 * that falls due, as a real clock would have. `jump(ms)` moves time without firing (a laptop
 * waking from sleep, or the user changing the system clock); the timers it passed fire at the
 * next `advance`.
 *
 * Timers run on a monotonic clock, as Node's do, while `now()` is the wall clock. The two move
 * together except through `setWall` (the user or NTP sets the date) and `sleep` (the machine
 * sleeps: the wall clock moves on, the monotonic clock and every timer stand still), which let
 * the reminder scheduler's tests change the wall clock without any timer noticing.
 */
import type { Clock } from '../../src-main/core/ports';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private wall: number;
  private monotonic: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start: number = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.wall = start;
    this.monotonic = start;
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

  /** Timers currently scheduled (for assertions), soonest first. */
  pending(): { at: number }[] {
    return [...this.timers].sort((a, b) => a.at - b.at).map((t) => ({ at: t.at }));
  }

  /** Time passes normally: both clocks move and due timers fire in order. */
  advance(ms: number): void {
    const target = this.monotonic + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      // A timer passed by a jump fires now; time does not go back for it.
      this.move(Math.max(0, due.at - this.monotonic));
      due.callback();
    }
    this.move(target - this.monotonic);
  }

  /** Both clocks move on without firing anything. */
  jump(ms: number): void {
    this.move(ms);
  }

  /** The user (or NTP) sets the wall clock; timers keep their monotonic schedule. */
  setWall(ms: number): void {
    this.wall = ms;
  }

  /** The machine sleeps: the wall clock moves on, the monotonic clock (and every timer) stands still. */
  sleep(ms: number): void {
    this.wall += ms;
  }

  private move(ms: number): void {
    this.wall += ms;
    this.monotonic += ms;
  }
}
