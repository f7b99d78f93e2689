/**
 * Where a keystroke's time goes on the renderer's main thread, read from a Chromium trace
 * (devtools.timeline) recorded while the bench types: for each key whose `input` event ran, the
 * task that handled it (the app's handlers, React's render and commit inside them, and the
 * browser's own editing and layout around them), the wait until the next frame's task, and that
 * frame's task (style, layout, paint, commit). The Event Timing split of page-probe.ts cannot see
 * layout or paint; this can, so the report can say which part of the frame is over.
 */

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { type?: string } };
}

export interface KeyFrameSplit {
  /** The task that ran the key's handlers, start to end. */
  keyTaskMs: number;
  /** The `input` event's dispatch: the app's handlers with React's render and commit. */
  handlersMs: number;
  /** Layout the browser did inside the key's task (editing the field, then the new rows). */
  keyLayoutMs: number;
  /** From the key's task ending to the frame's task starting. */
  waitMs: number;
  /** The frame's task: style, layout, paint and commit of what the key changed. */
  frameTaskMs: number;
  /** Paint (recording) inside the frame's task. */
  paintMs: number;
}

const ms = (us: number) => us / 1000;

/** The user-timing mark the bench sets before each key it measures (the others are left out). */
export const KEY_MARK = 'tk-measured-key';

export function splitKeyFrames(events: TraceEvent[]): KeyFrameSplit[] {
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const allInputs = complete.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  // The first input after each mark: the key the bench measures.
  const marks = events.filter((e) => e.name === KEY_MARK).map((e) => e.ts);
  const inputs = marks
    .map((at) => allInputs.find((e) => e.ts > at))
    .filter((e): e is TraceEvent => e !== undefined);
  const tid = inputs[0]?.tid;
  if (tid === undefined) return [];
  const onMain = complete.filter((e) => e.tid === tid).sort((a, b) => a.ts - b.ts);
  const tasks = onMain.filter((e) => e.name === 'RunTask');
  const commits = onMain.filter((e) => e.name === 'Commit');
  const inside = (outer: TraceEvent, e: TraceEvent) =>
    e !== outer && e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  // Only the outermost events of a name: a Paint of the document holds the Paint of each layer
  // it draws, which must not be counted again.
  const within = (task: TraceEvent, name: string) => {
    const named = onMain.filter((e) => e.name === name && inside(task, e));
    return named
      .filter((e) => !named.some((outer) => inside(outer, e)))
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  };
  const splits: KeyFrameSplit[] = [];
  for (const input of inputs) {
    const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
    const keyTask = tasks.find((t) => t.ts <= input.ts && end(t) >= end(input));
    if (keyTask === undefined) continue;
    const commit = commits.find((c) => c.ts > end(keyTask));
    const frameTask = commit && tasks.find((t) => t.ts <= commit.ts && end(t) >= end(commit));
    if (frameTask === undefined) continue;
    splits.push({
      keyTaskMs: ms(keyTask.dur ?? 0),
      handlersMs: ms(input.dur ?? 0),
      keyLayoutMs: ms(within(keyTask, 'Layout')),
      waitMs: ms(frameTask.ts - end(keyTask)),
      frameTaskMs: ms(frameTask.dur ?? 0),
      paintMs: ms(within(frameTask, 'Paint')),
    });
  }
  return splits;
}
