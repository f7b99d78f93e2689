/**
 * What the renderer benchmark installs in the page before the app's own scripts (Playwright's
 * init script; it is serialized, so it must not close over anything). Everything is measured
 * inside the page with the Performance API, requestAnimationFrame and a MutationObserver, never
 * from Playwright round trips:
 * - first rows: the first time a loaded token row (not a placeholder) is in the DOM, then the
 *   frame that paints it (a rAF, then a message posted from it runs once that frame is done);
 * - a keystroke: from the key event's own time stamp to the painted frame in which the list
 *   shows what the bench expects for the text typed so far (match count and first names);
 * - scrolling: the grid scrolled by a fixed step in every animation frame, with each frame's
 *   duration and whether placeholder rows were in view.
 * For a keystroke, the browser's Event Timing entries (every event of 16 ms or more) tell which
 * part of the frame took the time: the app's script in the key's handlers (React's render and
 * commit run there too), or the wait for the frame and the browser's own style, layout and paint.
 */

export interface Expectation {
  matched: number;
  firstNames: string[];
}

export interface ScrollReport {
  frames: number[];
  placeholderFrames: number;
  longAnimationFrames: number;
}

/** One measured keystroke, split into where its time went. */
export interface KeystrokeSplit {
  /** Key event to painted frame. */
  totalMs: number;
  /** Running the key's event handlers (keydown, keypress, input, keyup), React's work included. */
  scriptMs: number;
}

export interface Probe {
  firstRowsMs: number | null;
  /** Latency of each expectation met after a keystroke. */
  keystrokes: number[];
  /** The same keystrokes split; script time only for events of 16 ms or more (the browser's floor). */
  splits(): KeystrokeSplit[];
  expect(expectation: Expectation): void;
  /** The expectation currently waited for is met (or none is pending). */
  idle(): boolean;
  scroll(step: number, frames: number): Promise<ScrollReport>;
}

export function installProbe(): void {
  const afterPaint = (done: (at: number) => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => done(performance.now());
      channel.port2.postMessage(null);
    });

  let lastKeyAt: number | null = null;
  let pending: Expectation | null = null;
  const measured: { at: number; totalMs: number }[] = [];
  const handlerTimes: { start: number; from: number; to: number }[] = [];
  if (
    typeof PerformanceObserver !== 'undefined' &&
    PerformanceObserver.supportedEntryTypes.includes('event')
  ) {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as PerformanceEventTiming[])
        if (['keydown', 'keypress', 'input', 'keyup'].includes(entry.name))
          handlerTimes.push({ start: entry.startTime, from: entry.processingStart, to: entry.processingEnd });
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  }

  const shown = (): Expectation => {
    const count = document.querySelector('[data-testid="match-count"]')?.textContent ?? '';
    const first = /^[\d.,\s\u00a0\u202f]+/.exec(count)?.[0] ?? '';
    const names = [...document.querySelectorAll('.token-row:not(.loading-row) .token-name')]
      .slice(0, 5)
      .map((el) => el.textContent ?? '');
    return { matched: Number(first.replace(/\D/g, '')), firstNames: names };
  };
  const meets = (e: Expectation) => {
    const now = shown();
    return now.matched === e.matched && e.firstNames.every((name, i) => now.firstNames[i] === name);
  };

  const probe: Probe = {
    firstRowsMs: null,
    keystrokes: [],
    expect(expectation) {
      pending = expectation;
    },
    idle: () => pending === null,
    splits: () =>
      measured.map(({ at, totalMs }) => ({
        totalMs,
        // The handlers' time once: an `input` runs inside its `keypress` (or a Backspace's
        // `keydown`), so the entries' processing times overlap and are merged, not added.
        scriptMs: handlerTimes
          .filter((h) => h.start >= at && h.start <= at + totalMs)
          .sort((a, b) => a.from - b.from)
          .reduce(
            (acc, h) => {
              const from = Math.max(h.from, acc.end);
              return { sum: acc.sum + Math.max(0, h.to - from), end: Math.max(acc.end, h.to) };
            },
            { sum: 0, end: -Infinity },
          ).sum,
      })),
    scroll(step, frames) {
      const grid = document.querySelector('[role="grid"]');
      if (!(grid instanceof HTMLElement)) return Promise.reject(new Error('no grid'));
      let longFrames = 0;
      const observer =
        typeof PerformanceObserver !== 'undefined' &&
        PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
          ? new PerformanceObserver((list) => {
              longFrames += list.getEntries().length;
            })
          : null;
      observer?.observe({ type: 'long-animation-frame' });
      return new Promise((resolve) => {
        const times: number[] = [];
        let placeholderFrames = 0;
        const view = grid.getBoundingClientRect();
        const tick = (at: number) => {
          times.push(at);
          const placeholders = [...grid.querySelectorAll('.loading-row')].some((row) => {
            const box = row.getBoundingClientRect();
            return box.bottom > view.top && box.top < view.bottom;
          });
          if (placeholders) placeholderFrames += 1;
          if (times.length > frames) {
            observer?.disconnect();
            resolve({
              frames: times.slice(1).map((t, i) => t - (times[i] ?? t)),
              placeholderFrames,
              longAnimationFrames: longFrames,
            });
            return;
          }
          grid.scrollTop += step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
  };
  (window as unknown as { __tkProbe: Probe }).__tkProbe = probe;

  document.addEventListener(
    'keydown',
    (event) => {
      lastKeyAt = event.timeStamp;
    },
    true,
  );

  let checking = false;
  const check = () => {
    if (checking) return;
    if (probe.firstRowsMs === null && document.querySelector('.token-row:not(.loading-row)') !== null) {
      checking = true;
      afterPaint((at) => {
        probe.firstRowsMs = at;
        checking = false;
        check();
      });
      return;
    }
    const expectation = pending;
    if (expectation !== null && lastKeyAt !== null && meets(expectation)) {
      const from = lastKeyAt;
      checking = true;
      pending = null;
      afterPaint((at) => {
        probe.keystrokes.push(at - from);
        measured.push({ at: from, totalMs: at - from });
        checking = false;
        check();
      });
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
  });
}
