/**
 * A clock the tests control. `advance(ms)` moves time forward and fires, in order, every timer
 * that falls due, as a real clock would have. `jump(ms)` moves time without firing (a laptop
 * waking from sleep, or the user changing the system clock).
 */
import type { Clock } from '../../src-main/core/ports';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start: number = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
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

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.callback();
    }
    this.current = target;
  }

  jump(ms: number): void {
    this.current += ms;
  }
}
