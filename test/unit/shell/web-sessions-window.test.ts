/**
 * The Mirox sign-in window on its own, under the Electron stand-in: its own persistent partition
 * per connection, no preload and a hardened session, navigation (frames included) only within
 * the origin the session is for, a title naming that origin that the page cannot change, the session cookie handed over once the provider set it, and sign-out clearing the
 * partition. (The rules themselves are in test/unit/providers/web-sessions.test.ts.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronWebSessions, isSignInContents } from '../../../src-main/shell/web-sessions';
import * as standin from '../../boot/electron-standin/control';

vi.mock('electron', () => import('../../boot/electron-standin/index'));

let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    // The page tries to pass for something else in the title bar.
    response.end('<title>Tokenkeeper · Mirox</title><form>sign in</form>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(async () => {
  await standin.readyPlatform();
});

const request = (connectionId = 'c_0123abcd') => ({
  connectionId,
  provider: 'mirox',
  baseUrl,
  origin: new URL(baseUrl).origin,
});

/** The sign-in window, once it opened. */
async function signInWindow() {
  // `?? null`: until the window exists the chain is undefined, which `not.toBeNull()` would accept.
  await vi.waitFor(() => expect(standin.allWindows().at(-1)?.contents.loaded ?? null).not.toBeNull());
  return standin.allWindows().at(-1)!;
}

describe('the Mirox sign-in window', () => {
  it('opens the sign-in page in its own partition, with no preload and a hardened session', async () => {
    const sessions = electronWebSessions({ parent: () => null, onDisk: async () => true });
    void sessions.signIn(request()).catch(() => undefined);
    const win = await signInWindow();
    expect(win.options.webPreferences).toMatchObject({
      partition: 'persist:mirox-c_0123abcd',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.options.webPreferences?.preload).toBeUndefined();
    expect(win.contents.getURL()).toBe(`${baseUrl}/login`);
    expect(win.isVisible()).toBe(true);
    expect(await standin.requestPermission('persist:mirox-c_0123abcd', 'media')).toBe(false);
    expect(standin.checkPermission('persist:mirox-c_0123abcd', 'notifications')).toBe(false);
    expect(standin.download('persist:mirox-c_0123abcd')).toBe(false);
    expect(isSignInContents(win.webContents as unknown as Electron.WebContents)).toBe(true);
    win.close();
  });

  it('navigates only within the connection’s host and opens no other window', async () => {
    void electronWebSessions({ parent: () => null, onDisk: async () => true })
      .signIn(request())
      .catch(() => undefined);
    const win = await signInWindow();
    expect(standin.navigate(win.contents, `${baseUrl}/profile`)).toBe(true);
    expect(standin.navigate(win.contents, 'https://evil.example/login')).toBe(false);
    expect(standin.navigate(win.contents, 'https://evil.example/', 'will-redirect')).toBe(false);
    expect(standin.openWindowFrom(win.contents, `${baseUrl}/popup`)).toBe('deny');
    expect(standin.attachWebview(win.contents)).toBe(false);
    win.close();
  });

  it('refuses frames that navigate elsewhere, and lets them stay on the origin', async () => {
    void electronWebSessions({ parent: () => null, onDisk: async () => true })
      .signIn(request())
      .catch(() => undefined);
    const win = await signInWindow();
    expect(standin.navigate(win.contents, `${baseUrl}/captcha`, 'will-frame-navigate')).toBe(true);
    expect(standin.navigate(win.contents, 'https://evil.example/login', 'will-frame-navigate')).toBe(false);
    expect(standin.navigate(win.contents, 'http://127.0.0.1:1/', 'will-frame-navigate')).toBe(false);
    win.close();
  });

  it('names the origin it is on in its title, which the page cannot change', async () => {
    void electronWebSessions({ parent: () => null, onDisk: async () => true })
      .signIn(request())
      .catch(() => undefined);
    const win = await signInWindow();
    expect(win.getTitle()).toBe(`Sign in to Mirox · ${new URL(baseUrl).origin}`);
    win.pageTitle('Mirox · https://service.mirox.io');
    expect(win.getTitle()).toBe(`Sign in to Mirox · ${new URL(baseUrl).origin}`);
    win.close();
  });

  it('opens no window when the sign-in page would not be on the session’s origin', async () => {
    const signedIn = electronWebSessions({ parent: () => null, onDisk: async () => true }).signIn({
      ...request('c_moved'),
      origin: 'https://service.mirox.io',
    });
    await expect(signedIn).rejects.toMatchObject({
      code: 'not_supported',
      message:
        'The Mirox sign-in page must be on https://service.mirox.io, the address this connection signs in to.',
    });
    expect(standin.allWindows().filter((w) => !w.isDestroyed())).toEqual([]);
  });

  it('hands over the session cookie once the provider set it, and closes the window', async () => {
    const sessions = electronWebSessions({ parent: () => null, onDisk: async () => true });
    const signedIn = sessions.signIn(request());
    const win = await signInWindow();
    const partition = standin.session('persist:mirox-c_0123abcd');
    await partition.cookies.set({ url: baseUrl, name: 'other', value: 'x' });
    await partition.cookies.set({ url: baseUrl, name: 'mirox_session', value: 'sess-42' });
    await expect(signedIn).resolves.toEqual({ headers: { Cookie: 'mirox_session=sess-42' } });
    expect(win.isDestroyed()).toBe(true);
    // The partition keeps it (as a browser would): the next start finds it.
    await expect(sessions.current(request())).resolves.toEqual({
      headers: { Cookie: 'mirox_session=sess-42' },
    });
  });

  it('says so when the user closes the window before signing in', async () => {
    const signedIn = electronWebSessions({ parent: () => null, onDisk: async () => true }).signIn(request());
    (await signInWindow()).close();
    await expect(signedIn).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('says so when the sign-in page cannot be loaded', async () => {
    const signedIn = electronWebSessions({ parent: () => null, onDisk: async () => true }).signIn({
      ...request(),
      baseUrl: 'http://127.0.0.1:1',
      origin: 'http://127.0.0.1:1',
    });
    await expect(signedIn).rejects.toMatchObject({ code: 'network' });
  });

  it('keeps each connection’s session apart, and signing out clears only its own', async () => {
    const sessions = electronWebSessions({ parent: () => null, onDisk: async () => true });
    await standin
      .session('persist:mirox-c_aaaa')
      .cookies.set({ url: baseUrl, name: 'mirox_session', value: 'a' });
    await standin
      .session('persist:mirox-c_bbbb')
      .cookies.set({ url: baseUrl, name: 'mirox_session', value: 'b' });
    await sessions.signOut('c_aaaa');
    await expect(sessions.current(request('c_aaaa'))).resolves.toBeNull();
    await expect(sessions.current(request('c_bbbb'))).resolves.toEqual({
      headers: { Cookie: 'mirox_session=b' },
    });
    expect(standin.session('persist:mirox-c_aaaa').cleared).toBe(1);
  });

  it('opens the window over the main window when there is one', async () => {
    await standin.readyPlatform();
    const { BrowserWindow } = await import('electron');
    const main = new BrowserWindow({ show: true });
    void electronWebSessions({ parent: () => main, onDisk: async () => true })
      .signIn(request())
      .catch(() => undefined);
    const win = await signInWindow();
    expect(win.options.parent).toBe(main);
    win.close();
  });
});
