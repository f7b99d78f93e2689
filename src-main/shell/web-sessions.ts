/**
 * Web sessions for providers that manage tokens only from a signed-in browser session (Mirox).
 * `signIn` opens a hardened sign-in window: its own partition per connection
 * (`persist:mirox-<connectionId>` on disk, or in memory on Linux without a keyring unless weaker
 * storage was accepted: web-session-storage.ts), no preload, no Node, sandboxed, every permission refused,
 * no downloads, no new windows, and navigation (main frame, redirects and every subframe:
 * `will-frame-navigate`) limited to the origin the connection's session is bound to (its
 * `credentialOrigin`); the first page must be on that origin too. The window's title names the
 * origin it is on, and the page cannot change it (`page-title-updated` is refused). It resolves
 * with the session cookie as a header once the provider has set it, and the window closes.
 * `current` reads the cookie from the partition (sessions on disk survive restarts); `signOut`
 * clears both partitions. The cookie is handed to the core in memory only; Electron keeps it in the
 * partition, as a browser would.
 */
import { BrowserWindow, session as electronSession, type Session, type WebContents } from 'electron';
import { AppError } from '../core/errors';
import type { SessionProvider, SessionRequest, WebSession } from '../core/ports';
import { denyAllPermissions, HARDENED_WEB_PREFERENCES } from './hardening';
import { sessionPartition } from './web-session-storage';
import {
  WEB_SIGN_IN,
  allowedNavigation,
  signInTitle,
  signInUrl,
  type WebSignInSpec,
} from './web-sessions-policy';

const SIGN_IN_TIMEOUT_MS = 10 * 60_000;

/** Contents of sign-in windows: the app-wide "no navigation" rule lets these navigate within their host. */
const signInContents = new WeakSet<WebContents>();

export function isSignInContents(contents: WebContents): boolean {
  return signInContents.has(contents);
}

const hardened = new WeakSet<Session>();

function harden(ses: Session): void {
  if (hardened.has(ses)) return;
  hardened.add(ses);
  denyAllPermissions(ses);
  ses.on('will-download', (event) => event.preventDefault());
}

function specFor(provider: string): WebSignInSpec {
  const spec = WEB_SIGN_IN[provider];
  if (spec === undefined)
    throw new AppError('not_supported', 'This provider does not sign in through a window.');
  return spec;
}

async function liveCookie(ses: Session, baseUrl: string, name: string): Promise<string | null> {
  const cookies = await ses.cookies.get({ url: baseUrl, name });
  const now = Date.now() / 1000;
  const live = cookies.find(
    (c) => c.value !== '' && (c.expirationDate === undefined || c.expirationDate > now),
  );
  return live === undefined ? null : `${name}=${live.value}`;
}

async function readSession(ses: Session, baseUrl: string, spec: WebSignInSpec): Promise<WebSession | null> {
  const session = await liveCookie(ses, baseUrl, spec.cookieName);
  if (session === null) return null;
  // The anti-forgery cookie travels with the session so the adapter can echo it (Mirox: modeled).
  const xsrf = spec.xsrfCookieName === undefined ? null : await liveCookie(ses, baseUrl, spec.xsrfCookieName);
  return { headers: { Cookie: xsrf === null ? session : `${session}; ${xsrf}` } };
}

export function electronWebSessions(options: {
  parent: () => BrowserWindow | null;
  /** Whether sessions may be kept on disk now (keepsSessionOnDisk). */
  onDisk: () => Promise<boolean>;
}): SessionProvider {
  const open = new Map<string, Promise<WebSession>>();

  async function openWindow(request: SessionRequest): Promise<WebSession> {
    const spec = specFor(request.provider);
    const firstPage = signInUrl(request.baseUrl, spec);
    // The window loads only the origin the session is for; nothing else may put a page in it.
    if (new URL(firstPage).origin !== request.origin)
      throw new AppError(
        'not_supported',
        `The ${spec.name} sign-in page must be on ${request.origin}, the address this connection signs in to.`,
      );
    const allowed = (url: string) => allowedNavigation(url, request.origin, spec);
    const partition = sessionPartition(request.provider, request.connectionId, await options.onDisk());
    const ses = electronSession.fromPartition(partition);
    harden(ses);
    const parent = options.parent();
    const win = new BrowserWindow({
      ...(parent === null || parent.isDestroyed() ? {} : { parent }),
      width: 520,
      height: 720,
      title: signInTitle(spec.name, request.origin),
      autoHideMenuBar: true,
      show: false,
      // No preload: the provider's page gets no bridge to the app. DevTools stay off.
      webPreferences: {
        ...HARDENED_WEB_PREFERENCES,
        sandbox: true,
        contextIsolation: true,
        // Middle-click would open links in new windows, around the navigation check.
        disableBlinkFeatures: 'Auxclick',
        partition,
      },
    });
    const contents = win.webContents;
    signInContents.add(contents);
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => {
      if (!allowed(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!allowed(event.url)) event.preventDefault();
    });
    // Frames too: a page on the right origin must not show another site's form inside it.
    contents.on('will-frame-navigate', (event) => {
      if (!allowed(event.url)) event.preventDefault();
    });
    // The title is the app's: it names the origin the window is on, whatever the page says.
    win.on('page-title-updated', (event) => event.preventDefault());
    contents.on('did-navigate', (_event, url) => {
      if (!win.isDestroyed()) win.setTitle(signInTitle(spec.name, new URL(url).origin));
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());

    return new Promise<WebSession>((resolve, reject) => {
      let settled = false;
      const finish = (outcome: { session: WebSession } | { error: AppError }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ses.cookies.removeListener('changed', onCookie);
        if ('session' in outcome) resolve(outcome.session);
        else reject(outcome.error);
        if (!win.isDestroyed()) win.close();
      };
      const check = () => {
        void readSession(ses, request.baseUrl, spec).then((found) => {
          if (found !== null) finish({ session: found });
        });
      };
      const onCookie = (_event: unknown, cookie: Electron.Cookie, _cause: string, removed: boolean) => {
        if (!removed && cookie.name === spec.cookieName) check();
      };
      ses.cookies.on('changed', onCookie);
      contents.on('did-navigate', check);
      const timer = setTimeout(
        () =>
          finish({
            error: new AppError(
              'cancelled',
              `Signing in to ${spec.name} took too long, so the window was closed. Try again.`,
            ),
          }),
        SIGN_IN_TIMEOUT_MS,
      );
      win.on('closed', () =>
        finish({
          error: new AppError('cancelled', `The ${spec.name} sign-in window was closed before signing in.`),
        }),
      );
      win.once('ready-to-show', () => win.show());
      win.loadURL(firstPage).catch(() => {
        finish({
          error: new AppError(
            'network',
            `The ${spec.name} sign-in page at ${new URL(request.baseUrl).host} could not be loaded. Check the connection’s address and your network.`,
          ),
        });
      });
    });
  }

  return {
    signIn(request) {
      const running = open.get(request.connectionId);
      if (running !== undefined) return running;
      const started = openWindow(request).finally(() => open.delete(request.connectionId));
      open.set(request.connectionId, started);
      return started;
    },
    async current(request) {
      const spec = specFor(request.provider);
      const partition = sessionPartition(request.provider, request.connectionId, await options.onDisk());
      return readSession(electronSession.fromPartition(partition), request.baseUrl, spec);
    },
    async signOut(connectionId) {
      for (const provider of Object.keys(WEB_SIGN_IN)) {
        for (const onDisk of [true, false]) {
          await electronSession
            .fromPartition(sessionPartition(provider, connectionId, onDisk))
            .clearStorageData();
        }
      }
    },
  };
}
