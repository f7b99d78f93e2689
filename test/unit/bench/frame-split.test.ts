import { describe, expect, it } from 'vitest';
import { KEY_MARK, splitKeyFrames } from '../../bench/lib/frame-split';

const MAIN = 1;
const task = (ts: number, dur: number) => ({ name: 'RunTask', ph: 'X', ts, dur, tid: MAIN });
const span = (name: string, ts: number, dur: number, type?: string) => ({
  name,
  ph: 'X',
  ts,
  dur,
  tid: MAIN,
  ...(type === undefined ? {} : { args: { data: { type } } }),
});
const mark = (ts: number) => ({ name: KEY_MARK, ph: 'I', ts, tid: MAIN });

describe("the bench's keystroke split from a trace", () => {
  it('splits a marked key into its task, the wait and the frame, counting nested paints once', () => {
    const events = [
      mark(500),
      task(1_000, 12_000),
      span('EventDispatch', 1_200, 11_000, 'keypress'),
      span('EventDispatch', 1_500, 6_000, 'input'),
      span('Layout', 8_000, 4_000),
      task(14_000, 7_000),
      span('Paint', 15_000, 3_000),
      span('Paint', 15_100, 2_800),
      span('Commit', 19_000, 1_000),
    ];
    expect(splitKeyFrames(events)).toEqual([
      { keyTaskMs: 12, handlersMs: 6, keyLayoutMs: 4, waitMs: 1, frameTaskMs: 7, paintMs: 3 },
    ]);
  });

  it('leaves out the keys the bench did not mark (their list did not change)', () => {
    const events = [
      task(1_000, 5_000),
      span('EventDispatch', 1_500, 2_000, 'input'),
      task(7_000, 3_000),
      span('Commit', 8_000, 500),
    ];
    expect(splitKeyFrames(events)).toEqual([]);
  });
});
