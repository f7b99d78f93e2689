/**
 * A user's first start, on the real build: out/main/index.js under the Electron stand-in, on a
 * fresh home folder. What must hold before the user sees anything, and what the running app
 * does when the page calls it, a second instance starts, or the user quits.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/db/migrations/index';
import { channelNames, channelWireName } from '../../src-preload/contract';
import { startMailtrap, type MailtrapSimulator } from '../simulators/mailtrap';
import { seedMailtrap } from '../simulators/mailtrap';
import { runPreload } from './electron-standin/preload-sandbox';
import { bootApp, RENDERER_DIR, ROOT, standin, type BootedApp } from './harness';

const APP_PAGE = 'app://tokenkeeper/index.html';

let booted: BootedApp;
let mailtrap: MailtrapSimulator;

function mainWindow() {
  assert.ok(booted.window, 'the main window showed');
  return booted.window;
}

async function call(channel: string, payload?: unknown, frame: standin.SenderFrame | string = APP_PAGE) {
  return (await standin.invoke(channelWireName(channel as never), payload, frame)) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string };
  };
}

before(async () => {
  mailtrap = await startMailtrap();
  booted = await bootApp();
});

after(async () => {
  await booted?.quit();
  await mailtrap?.close();
});

describe('a first start of the built app', () => {
  it('starts cleanly: no error box, no exit, nothing the stand-in does not model', () => {
    assert.deepEqual(standin.state.world.errorBoxes, []);
    assert.equal(standin.state.exitCode, null);
    assert.deepEqual(standin.state.gaps, []);
  });

  it('gives CommonJS packages the same stand-in as the bundle (require("electron"))', async () => {
    const required = createRequire(import.meta.url)('electron') as { app: unknown };
    const imported = await import('./electron-standin/index');
    assert.equal(required.app, imported.app);
  });

  it('asks for the single-instance lock, privileges app:// and enables the sandbox before ready', () => {
    const [lock] = standin.callsTo('app', 'requestSingleInstanceLock');
    assert.ok(lock, 'the lock was asked for');
    assert.equal(lock.afterReady, false);
    const [schemes] = standin.callsTo('protocol', 'registerSchemesAsPrivileged');
    assert.equal(schemes?.afterReady, false);
    assert.deepEqual(standin.privilegedSchemes(), [
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    assert.equal(standin.callsTo('app', 'enableSandbox')[0]?.afterReady, false);
  });

  it('creates and migrates the database in the user data folder', () => {
    const file = path.join(booted.userData, 'tokenkeeper.db');
    assert.ok(fs.existsSync(file), `${file} exists`);
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      assert.equal(db.pragma('user_version', { simple: true }), LATEST_SCHEMA_VERSION);
      const tables = (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
      ).map((t) => t.name);
      for (const table of ['connections', 'tokens', 'operations', 'audit', 'settings'])
        assert.ok(tables.includes(table), table);
    } finally {
      db.close();
    }
  });

  it('opens one window with the hardened preferences and a CommonJS preload that exists', () => {
    const windows = standin.allWindows();
    assert.equal(windows.length, 1);
    const prefs = mainWindow().options.webPreferences ?? {};
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.devTools, false);
    assert.ok(prefs.preload !== undefined && path.isAbsolute(prefs.preload), 'an absolute preload path');
    assert.equal(prefs.preload, path.join(ROOT, 'out', 'preload', 'index.cjs'));
    assert.ok(fs.existsSync(prefs.preload), 'the preload file exists');
    assert.equal(mainWindow().options.show, false, 'hidden until the page painted');
  });

  it('loads the built renderer from app:// with the Content-Security-Policy', async () => {
    const loaded = mainWindow().contents.loaded;
    assert.equal(loaded?.url, APP_PAGE);
    assert.equal(loaded.status, 200);
    assert.equal(loaded.body, fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8'));
    const csp = loaded.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "object-src 'none'",
      "frame-ancestors 'none'",
    ]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}`);
    }
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(loaded.headers.get('x-content-type-options'), 'nosniff');
  });

  it('serves every script and style the page names, and nothing outside the renderer folder', async () => {
    const html = fs.readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, APP_PAGE).href);
    assert.ok(
      assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')),
      'a script and a style',
    );
    for (const asset of assets) {
      const response = await standin.requestProtocol(asset);
      assert.equal(response.status, 200, asset);
      assert.ok(response.headers.get('content-security-policy'), `${asset} carries the CSP`);
      if (asset.endsWith('.js')) assert.equal(response.headers.get('content-type'), 'text/javascript');
    }
    for (const outside of [
      'app://tokenkeeper/..%2F..%2Fpackage.json',
      'app://tokenkeeper/%2e%2e%2fmain%2findex.js',
      'app://other/index.html',
    ]) {
      assert.equal((await standin.requestProtocol(outside)).status, 404, outside);
    }
    // A file the build does not have fails the request (Chromium shows its own error page).
    await assert.rejects(standin.requestProtocol('app://tokenkeeper/no-such-file.js'), /ERR_FILE_NOT_FOUND/);
  });

  it('denies every permission request, check and device on the default session', async () => {
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      assert.equal(await standin.requestPermission('', permission, mainWindow().contents), false, permission);
      assert.equal(standin.checkPermission('', permission), false, permission);
    }
    assert.equal(standin.deviceAllowed(''), false);
  });

  it('keeps the window on its page: no navigation, no new window, no webview', () => {
    const contents = mainWindow().contents;
    assert.equal(standin.navigate(contents, 'https://evil.example/'), false);
    assert.equal(standin.navigate(contents, 'https://evil.example/', 'will-redirect'), false);
    assert.equal(standin.openWindowFrom(contents, 'https://evil.example/'), 'deny');
    assert.equal(standin.attachWebview(contents), false);
  });

  it('registers every contract channel on ipcMain exactly once', () => {
    const expected = channelNames.map((name) => channelWireName(name)).sort();
    assert.deepEqual(standin.handledChannels().sort(), expected);
    assert.equal(standin.callsTo('ipcMain', 'handle').length, expected.length);
  });

  it('answers the page through the built preload, which exposes named functions only', async () => {
    const prefs = mainWindow().options.webPreferences ?? {};
    const page = runPreload(prefs.preload!, mainWindow().contents, { url: APP_PAGE, parent: null });
    assert.deepEqual([...page.exposed.keys()], ['tokenkeeper']);
    const api = page.exposed.get('tokenkeeper') as Record<string, unknown>;
    assert.ok(Object.values(api).every((member) => typeof member === 'function'));
    assert.equal('invoke' in api, false);
    const info = await (api.getAppInfo as () => Promise<{ ok: boolean; value: { version: string } }>)();
    assert.equal(info.ok, true);
    assert.equal(info.value.version, standin.state.world.config.version);
  });

  it('refuses a call from a foreign page or an embedded frame, and answers the window', async () => {
    const foreign = await call('getAppInfo', undefined, 'https://evil.example/');
    assert.equal(foreign.ok, false);
    assert.equal(foreign.error?.code, 'untrusted_sender');
    const framed = await call('getAppInfo', undefined, {
      url: APP_PAGE,
      parent: { url: 'https://evil.example/', parent: null },
    });
    assert.equal(framed.error?.code, 'untrusted_sender');
    assert.equal((await call('getAppInfo', undefined, 'file:///etc/passwd')).error?.code, 'untrusted_sender');
    assert.equal((await call('getAppInfo')).ok, true);
  });

  it('builds the tray: the normal icon, a tooltip, and a menu without reload or developer tools', () => {
    const [tray] = standin.allTrays();
    assert.ok(tray, 'a tray');
    assert.equal(tray.image.path, path.join(ROOT, 'resources', 'tray', 'tray-normal.png'));
    assert.equal(tray.image.isEmpty(), false, 'the icon file loads');
    assert.equal(tray.toolTip, 'Tokenkeeper: nothing needs attention');
    const items = standin.flatten(standin.trayMenuEntries());
    for (const id of ['open', 'sync', 'pause', 'quit'])
      assert.ok(
        items.some((i) => i.id === id),
        id,
      );
    assert.ok(items.every((i) => i.role === undefined && !/reload|developer|devtools/i.test(i.label)));
  });

  it('brings the first window back when a second instance starts', () => {
    const win = mainWindow();
    win.minimize();
    win.hide();
    const since = standin.callsTo(/./).length;
    standin.secondInstance();
    const made = standin
      .callsTo(/^BrowserWindow#/)
      .filter((c) => c.seq > since)
      .map((c) => c.member);
    for (const member of ['restore', 'show', 'focus']) assert.ok(made.includes(member), made.join(', '));
    assert.equal(win.isVisible(), true);
    assert.equal(win.isMinimized(), false);
    assert.equal(standin.allWindows().length, 1, 'no second window');
  });

  it('clears a clipboard that still holds a copied secret when the user quits', async () => {
    const seed = seedMailtrap(mailtrap);
    const draft = await call('beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mailtrap',
      baseUrl: mailtrap.url,
      fields: { apiToken: seed.credential },
    });
    assert.equal(draft.ok, true, JSON.stringify(draft.error));
    const connection = await call('completeConnection', {
      draftId: (draft.value as { draftId: string }).draftId,
      label: 'Mailtrap',
      accountIds: [String(seed.accounts.acme)],
    });
    assert.equal(connection.ok, true, JSON.stringify(connection.error));
    const secret = 'boot-canary-0b5e9c2d7a41f8e3c6b2';
    mailtrap.queueSecrets(secret);
    const created = await call('createToken', {
      connectionId: (connection.value as { id: string }).id,
      accountId: String(seed.accounts.acme),
      name: 'Boot test token',
    });
    assert.equal(created.ok, true, JSON.stringify(created.error));
    const copied = await call('copySecret', { secretId: (created.value as { secretId: string }).secretId });
    assert.equal(copied.ok, true, JSON.stringify(copied.error));
    assert.equal(standin.state.world.clipboard.text, secret);

    await booted.quit();
    assert.equal(standin.state.quit, true);
    assert.equal(standin.state.world.clipboard.text, '', 'the clipboard was cleared');
    // Neither the credential nor the secret reached a file the app wrote.
    const files = fs
      .readdirSync(booted.home, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile());
    assert.ok(
      files.some((f) => f.name === 'tokenkeeper.json'),
      'electron-store wrote its file',
    );
    for (const entry of files) {
      const text = fs.readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1');
      assert.ok(!text.includes(secret) && !text.includes(seed.credential), `${entry.name} holds no secret`);
    }
  });
});
