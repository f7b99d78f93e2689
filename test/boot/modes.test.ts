/**
 * The built app's start in the other situations a user meets: a second copy started while one
 * runs, the installed (packaged) app, and a development run against the Vite dev server. Each
 * boot quits before the next.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { channelWireName } from '../../src-preload/contract';
import { bootApp, RENDERER_DIR, ROOT, standin } from './harness';

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools'];

/** Every role in the application menu the app set (Electron's default menu would have Reload). */
function applicationMenuRoles(): string[] {
  const menu = standin.applicationMenuEntries();
  assert.equal(menu.source, 'app', 'the app sets its own application menu');
  const roles: string[] = [];
  const walk = (items: typeof menu.items) => {
    for (const item of items) {
      if (item.role !== undefined) roles.push(item.role);
      if (item.submenu !== undefined) walk(item.submenu);
    }
  };
  walk(menu.items);
  return roles;
}

describe('starting the built app', () => {
  it('quits at once when another instance holds the lock: no window, no database', async () => {
    const booted = await bootApp({ config: { singleInstanceLock: false } });
    assert.equal(standin.state.quit, true);
    assert.equal(standin.callsTo('app', 'requestSingleInstanceLock').length, 1);
    assert.equal(standin.allWindows().length, 0);
    assert.equal(standin.allTrays().length, 0);
    assert.equal(fs.existsSync(path.join(booted.userData, 'tokenkeeper.db')), false);
  });

  it('installed: tray icons from the resources folder, no DevTools, and the dev-server switch ignored', async () => {
    const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-resources-'));
    fs.cpSync(path.join(ROOT, 'resources', 'tray'), path.join(resources, 'tray'), { recursive: true });
    const booted = await bootApp({
      config: { isPackaged: true, resourcesPath: resources },
      env: { ELECTRON_RENDERER_URL: 'http://localhost:5173/' },
    });
    try {
      assert.deepEqual(standin.state.world.errorBoxes, []);
      const win = booted.window;
      assert.ok(win, 'the window showed');
      assert.equal(win.contents.getURL(), 'app://tokenkeeper/index.html');
      assert.equal(win.options.webPreferences?.devTools, false);
      const roles = applicationMenuRoles();
      assert.ok(roles.includes('copy'), 'Edit › Copy is there');
      assert.deepEqual(
        roles.filter((role) => DEVELOPER_ROLES.includes(role)),
        [],
        'no Reload, Force Reload or DevTools in the installed app',
      );
      const [tray] = standin.allTrays();
      assert.equal(tray?.image.path, path.join(resources, 'tray', 'tray-normal.png'));
      assert.equal(tray.image.isEmpty(), false);
      // A page on the would-be dev server is as foreign as any other.
      const answer = (await standin.invoke(
        channelWireName('getAppInfo'),
        undefined,
        'http://localhost:5173/',
      )) as {
        ok: boolean;
      };
      assert.equal(answer.ok, false);
    } finally {
      await booted.quit();
    }
  });

  it('in development: loads the dev server, allows DevTools, and trusts only that origin', async () => {
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(fs.readFileSync(path.join(RENDERER_DIR, 'index.html')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const devUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const booted = await bootApp({ env: { ELECTRON_RENDERER_URL: devUrl } });
      try {
        const win = booted.window;
        assert.ok(win, 'the window showed');
        assert.equal(win.contents.getURL(), devUrl);
        assert.equal(win.options.webPreferences?.devTools, true);
        assert.deepEqual(
          applicationMenuRoles().filter((role) => DEVELOPER_ROLES.includes(role)),
          DEVELOPER_ROLES,
          'development keeps Reload, Force Reload and DevTools',
        );
        const call = async (frame: string) =>
          ((await standin.invoke(channelWireName('getAppInfo'), undefined, frame)) as { ok: boolean }).ok;
        assert.equal(await call(devUrl), true);
        assert.equal(await call('http://127.0.0.1:1/'), false, 'another port is another origin');
      } finally {
        await booted.quit();
      }
    } finally {
      server.close();
    }
  });
});
