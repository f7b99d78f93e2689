/**
 * A start at login is a hidden start: with `--hidden` (what Windows' login item and the Linux
 * autostart entry pass) the built app starts in the tray with no window, and opens it when asked
 * (here: a second launch). Where no tray can be seen (no StatusNotifier host on the session bus)
 * it opens the window after all, so it is never out of reach. The D-Bus client is a stand-in
 * `gdbus` on PATH that answers the one question the app asks.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { bootApp, waitFor, standin } from './harness';

const pathBefore = process.env.PATH;
afterEach(() => {
  process.env.PATH = pathBefore;
});

/** A `gdbus` on PATH that says whether a StatusNotifier host is running. */
function fakeGdbus(hostPresent: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-gdbus-'));
  const file = path.join(dir, 'gdbus');
  fs.writeFileSync(file, `#!/bin/sh\necho '(${String(hostPresent)},)'\n`, { mode: 0o755 });
  return `${dir}${path.delimiter}${pathBefore ?? ''}`;
}

const visibleWindows = () => standin.allWindows().filter((w) => w.isVisible() && !w.isDestroyed());

describe('a hidden start (start at login)', () => {
  it('with --hidden and a tray that shows: no window until a second launch asks for it', async () => {
    const booted = await bootApp({ argv: ['--hidden'], awaitWindow: false, env: { PATH: fakeGdbus(true) } });
    try {
      assert.equal(standin.allTrays().length, 1);
      // Past the D-Bus answer and the core's start: still no window.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      assert.equal(standin.allWindows().length, 0);
      assert.deepEqual(standin.state.world.errorBoxes, []);
      standin.secondInstance();
      await waitFor('the window to show', () => visibleWindows().length === 1);
    } finally {
      await booted.quit();
    }
  });

  it('with --hidden but no tray host: the window opens after all', async () => {
    const booted = await bootApp({ argv: ['--hidden'], awaitWindow: false, env: { PATH: fakeGdbus(false) } });
    try {
      await waitFor('the window to show', () => visibleWindows().length === 1);
    } finally {
      await booted.quit();
    }
  });

  it('without --hidden: the window opens at once, as before', async () => {
    const booted = await bootApp({ env: { PATH: fakeGdbus(true) } });
    try {
      assert.ok(booted.window, 'the window showed');
    } finally {
      await booted.quit();
    }
  });
});
