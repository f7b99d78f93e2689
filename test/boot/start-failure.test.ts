/**
 * A start that fails is never silent: the built app, under the Electron stand-in, made to fail at
 * start-up in the ways a user's machine or a broken package would. Each time the failure is in
 * the log (redacted), a native error box names the log file, and the process exits with code 1.
 * Each boot runs in a process of its own, so app.exit() really ends it.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/db/migrations/index';
import { bootToExit, damagedBuild, type ExitReport } from './harness';

function startupFailureLines(report: ExitReport): { msg: string; detail?: string; stack?: string }[] {
  const file = path.join(report.userData, 'logs', 'tokenkeeper.log');
  assert.ok(fs.existsSync(file), `${file} was written`);
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { msg: string; detail?: string; stack?: string })
    .filter((line) => line.msg === 'start-up failed');
}

/** Exited with code 1 after exactly one error box naming the log file; returns the box. */
function assertFailedStart(report: ExitReport): { title: string; content: string } {
  assert.equal(report.appExitCode, 1);
  assert.equal(report.processExitCode, 1);
  assert.deepEqual(report.gaps, []);
  assert.equal(report.errorBoxes.length, 1, JSON.stringify(report.errorBoxes));
  const box = report.errorBoxes[0]!;
  const logFile = path.join(report.userData, 'logs', 'tokenkeeper.log');
  assert.ok(box.content.endsWith(`Details are in the log: ${logFile}`), box.content);
  assert.equal(startupFailureLines(report).length, 1, 'one start-up failure in the log');
  assert.ok(
    report.windows.every((w) => !w.visible),
    'no window is left showing',
  );
  return box;
}

describe('a start-up that fails', { concurrency: true }, () => {
  it('logs a step that throws, names the log in an error box and exits with code 1', async () => {
    // Packaged, but with no resources folder: the tray icons' path cannot be built.
    const report = await bootToExit({ config: { isPackaged: true, resourcesPath: null } });
    const box = assertFailedStart(report);
    assert.equal(box.title, 'Tokenkeeper could not start');
    assert.match(box.content, /TypeError: The "path" argument must be of type string/);
    const [line] = startupFailureLines(report);
    assert.match(line?.detail ?? '', /TypeError: The "path" argument must be of type string/);
    assert.match(line?.stack ?? '', /\n\s+at /, 'the stack, for a bug report');
    assert.equal(report.windows.length, 0, 'no window was made');
    assert.deepEqual(report.channels, [], 'no IPC was registered');
  });

  it('refuses a database from a newer Tokenkeeper with its own message, and leaves the file alone', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-newer-'));
    const file = path.join(userData, 'tokenkeeper.db');
    const newer = new Database(file);
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    newer.close();
    const report = await bootToExit({ env: { TOKENKEEPER_USER_DATA: userData } });
    assert.equal(report.userData, userData);
    const box = assertFailedStart(report);
    assert.equal(box.title, 'Tokenkeeper cannot open its data');
    assert.match(box.content, /newer/i);
    const kept = new Database(file, { readonly: true });
    assert.equal(kept.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION + 1);
    kept.close();
  });

  it('fails the start when the build has no renderer, instead of a window that never shows', async () => {
    const report = await bootToExit({ appRoot: damagedBuild(['renderer']) });
    const box = assertFailedStart(report);
    assert.match(box.content, /could not load app:\/\/tokenkeeper\/index\.html: ERR_FILE_NOT_FOUND/);
  });

  it('fails the start when the build has no preload, instead of a page with no bridge', async () => {
    const report = await bootToExit({ appRoot: damagedBuild(['preload']) });
    const box = assertFailedStart(report);
    assert.match(box.content, /preload \S+index\.cjs failed/);
  });
});
