/**
 * Crash handling in main (shell/crash-handlers.ts), with Node EventEmitters standing for
 * `process`, `app` and the window's web contents, and a real core behind the deps. What is
 * checked: the log says what happened without a secret the error carried; the user is told; an
 * uncaught exception shuts the core down cleanly (held secret wiped, clipboard cleared, database
 * closed) before exiting 1; a lost renderer keeps the secret for one more showing and reloads the
 * window, but three losses in a minute end in a clean quit instead of a loop; helper processes
 * and ends that were expected are quiet.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import {
  createCrashHandlers,
  installCrashHandlers,
  watchRenderer,
  type CrashDeps,
} from '../../../src-main/shell/crash-handlers';
import type { Notice } from '../../../src-preload/contract';
import { makeCore, type TestCore } from '../helpers';

const SECRET = 'mt_live_4f1c9e7a2b6d8c0e5f3a1b9c7d';

let t: TestCore;
afterEach(async () => {
  if (t.core.context.db.open) await t.close();
});

function setup() {
  t = makeCore();
  const lines: string[] = [];
  const record = {
    notices: [] as Notice[],
    errors: [] as string[],
    reloads: 0,
    quits: 0,
    exits: [] as number[],
    shutdowns: 0,
    now: 0,
    quitting: false,
  };
  const deps: CrashDeps = {
    log: createMemoryLogger(lines),
    now: () => record.now,
    notify: (notice) => record.notices.push(notice),
    showError: (title) => record.errors.push(title),
    shutdown: async () => {
      record.shutdowns++;
      await t.core.shutdown();
    },
    rendererLost: () => t.core.context.vault.rendererLost(),
    reloadWindow: () => record.reloads++,
    quit: () => record.quits++,
    exit: (code) => record.exits.push(code),
    quitting: () => record.quitting,
  };
  const handlers = createCrashHandlers(deps);
  const processLike = new EventEmitter();
  const appLike = new EventEmitter();
  const contents = new EventEmitter();
  installCrashHandlers({ process: processLike, app: appLike }, handlers);
  watchRenderer(contents, handlers);
  return { record, lines, processLike, appLike, contents };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('crash handlers in main', () => {
  it('an uncaught exception: logged without its message, said, and the core shut down cleanly before exit 1', async () => {
    const { record, lines, processLike } = setup();
    const vault = t.core.context.vault;
    await vault.copy(vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' }));
    expect(t.fakes.clipboard.text).toBe(SECRET);

    processLike.emit('uncaughtException', new TypeError(`provider said: invalid token ${SECRET}`));
    await flush();
    await flush();
    expect(record.errors).toEqual(['Tokenkeeper has to close']);
    expect(record.shutdowns).toBe(1);
    expect(record.exits).toEqual([1]);
    expect(vault.size).toBe(0);
    expect(t.fakes.clipboard.text).toBe('');
    expect(t.core.context.db.open).toBe(false);
    expect(lines.join('\n')).toContain('uncaught exception in main');
    expect(lines.join('\n')).toContain('"error":"TypeError"');
    expect(lines.join('\n')).not.toContain(SECRET);
    expect(lines.join('\n')).toContain('crash-handlers.test.ts');

    // A second one while shutting down is logged only.
    processLike.emit('uncaughtException', new Error('again'));
    await flush();
    expect(record.errors).toHaveLength(1);
    expect(record.exits).toEqual([1]);
  });

  it('an unhandled rejection: logged, said once in the window, and the app goes on', () => {
    const { record, lines, processLike } = setup();
    processLike.emit('unhandledRejection', new Error(`Bearer ${SECRET}`));
    processLike.emit('unhandledRejection', 'a string reason');
    expect(record.notices.map((n) => n.id)).toEqual(['main-unhandled-rejection']);
    expect(record.exits).toEqual([]);
    expect(record.shutdowns).toBe(0);
    expect(lines.filter((l) => l.includes('unhandled promise rejection'))).toHaveLength(2);
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it('a lost renderer: the secret is kept for one more showing, the window reloads and says why', () => {
    const { record, contents } = setup();
    const vault = t.core.context.vault;
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    vault.reveal(id);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(vault.recoverable().map((s) => s.secretId)).toEqual([id]);
    expect(record.reloads).toBe(1);
    expect(record.notices).toEqual([
      expect.objectContaining({
        id: 'renderer-gone',
        title: 'The window stopped unexpectedly and was reopened',
      }),
    ]);
    expect(record.notices[0]?.message).toContain('(crashed)');
  });

  it('three renderer losses within a minute: the user is told and the app quits cleanly instead of looping', () => {
    const { record, contents } = setup();
    const gone = () => contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    gone();
    record.now += 70_000;
    gone();
    record.now += 10_000;
    gone();
    expect(record.reloads).toBe(3);
    expect(record.quits).toBe(0);
    record.now += 10_000;
    gone();
    expect(record.reloads).toBe(3);
    expect(record.errors).toEqual(['Tokenkeeper’s window keeps stopping']);
    expect(record.quits).toBe(1);
  });

  it('expected ends are quiet: a clean exit, and anything while quitting', () => {
    const { record, contents, appLike } = setup();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    appLike.emit('child-process-gone', {}, { type: 'GPU', reason: 'clean-exit' });
    record.quitting = true;
    contents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    appLike.emit('child-process-gone', {}, { type: 'Utility', reason: 'killed' });
    expect(record).toMatchObject({ reloads: 0, notices: [], errors: [] });
  });

  it('a helper process gone: logged each time, said once per kind', () => {
    const { record, lines, appLike } = setup();
    appLike.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    appLike.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 1 });
    appLike.emit(
      'child-process-gone',
      {},
      { type: 'Utility', reason: 'oom', serviceName: 'network.mojom.NetworkService' },
    );
    expect(record.notices.map((n) => n.id)).toEqual(['child-process-gone:GPU', 'child-process-gone:Utility']);
    expect(lines.filter((l) => l.includes('a helper process is gone'))).toHaveLength(3);
    expect(record.reloads).toBe(0);
  });
});
