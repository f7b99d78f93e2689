/**
 * A failed start: the log line (redacted), the error box naming the log, the exit, once only,
 * and the box still shown when the log itself cannot be written. The built app's real failures
 * (a throwing step, no renderer, no preload) are in test/boot/start-failure.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import { createStartupFailure, describeError } from '../../../src-main/shell/startup-failure';
import { tempDir } from '../helpers';

function outlet(logDir: () => string, lines?: string[]) {
  const boxes: { title: string; content: string }[] = [];
  const exits: number[] = [];
  const log = lines === undefined ? null : createMemoryLogger(lines);
  const fail = createStartupFailure({
    log: () => log,
    logDir,
    showErrorBox: (title, content) => boxes.push({ title, content }),
    exit: (code) => exits.push(code),
  });
  return { fail, boxes, exits };
}

const CANARY = 'tk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('a failed start', () => {
  it('opens the log when start-up had not yet, writes the error there and names the file in the box', () => {
    const dir = path.join(tempDir(), 'logs');
    const { fail, boxes, exits } = outlet(() => dir);
    fail(new TypeError('The "path" argument must be of type string. Received undefined'));
    const file = path.join(dir, 'tokenkeeper.log');
    const line = JSON.parse(fs.readFileSync(file, 'utf8').trim()) as Record<string, string>;
    expect(line.msg).toBe('start-up failed');
    expect(line.detail).toBe('TypeError: The "path" argument must be of type string. Received undefined');
    expect(boxes).toEqual([
      {
        title: 'Tokenkeeper could not start',
        content: [
          'Tokenkeeper stopped while starting.',
          'TypeError: The "path" argument must be of type string. Received undefined',
          `Details are in the log: ${file}`,
        ].join('\n\n'),
      },
    ]);
    expect(exits).toEqual([1]);
  });

  it('keeps a secret in the error out of the log line and the box', () => {
    const lines: string[] = [];
    const { fail, boxes } = outlet(() => tempDir(), lines);
    const error = new Error(`request failed: Authorization: Bearer ${CANARY}`);
    fail(error);
    expect(lines.join('\n')).not.toContain(CANARY);
    expect(lines.join('\n')).toContain('[redacted]');
    expect(boxes[0]?.content).not.toContain(CANARY);
    expect(describeError(error)).not.toContain(CANARY);
  });

  it('reports only the first failure: one box, one exit', () => {
    const { fail, boxes, exits } = outlet(() => tempDir(), []);
    fail(new Error('the page could not load'));
    fail(new Error('the preload failed'));
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.content).toContain('the page could not load');
    expect(exits).toEqual([1]);
  });

  it('still shows the box, and says so, when the log cannot be written', () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const { fail, boxes, exits } = outlet(() => path.join(blocker, 'logs'));
    fail(new Error('disk full'));
    expect(boxes[0]?.content).toContain(
      `The log could not be written either (${path.join(blocker, 'logs')}).`,
    );
    expect(exits).toEqual([1]);
  });

  it('uses the wording it is given, without the raw error where the summary says it all', () => {
    const { fail, boxes } = outlet(() => tempDir(), []);
    fail(new Error('This data comes from a newer Tokenkeeper.'), {
      title: 'Tokenkeeper cannot open its data',
      summary: 'This data comes from a newer Tokenkeeper.',
      showError: false,
    });
    expect(boxes[0]?.title).toBe('Tokenkeeper cannot open its data');
    expect(boxes[0]?.content.split('\n\n')).toHaveLength(2);
  });

  it('bounds a huge message and describes a thrown non-error', () => {
    expect(describeError(new Error('x'.repeat(5000))).length).toBeLessThan(500);
    expect(describeError('plain string')).toBe('Unexpected value thrown: plain string');
  });
});
