/**
 * `session`: the default session and one per partition (`fromPartition`, the same object for
 * the same name), each with its permission handlers, a cookie jar, proxy resolution and
 * `clearStorageData`. Pages do not run here, so cookies arrive only through `cookies.set`
 * (what a provider's page setting its cookie amounts to); 'changed' fires as Electron's does.
 */
import { EventEmitter } from 'node:events';
import type { Cookie, Cookies, CookiesGetFilter, CookiesSetDetails, Session } from 'electron';
import { recorded, requireReady } from './recorder';
import { world } from './world';

type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type DevicePermissionHandler = Parameters<Session['setDevicePermissionHandler']>[0];

function cookieMatches(cookie: Cookie, filter: CookiesGetFilter): boolean {
  if (filter.name !== undefined && cookie.name !== filter.name) return false;
  if (filter.domain !== undefined && cookie.domain !== filter.domain) return false;
  if (filter.url !== undefined) {
    const url = new URL(filter.url);
    if (cookie.domain !== url.hostname) return false;
    if (!url.pathname.startsWith(cookie.path ?? '/')) return false;
    if (cookie.secure === true && url.protocol !== 'https:') return false;
  }
  return true;
}

class StandinCookies extends EventEmitter implements Pick<Cookies, 'get' | 'set' | 'remove' | 'flushStore'> {
  readonly jar: Cookie[] = [];

  async get(filter: CookiesGetFilter): Promise<Cookie[]> {
    return this.jar.filter((cookie) => cookieMatches(cookie, filter)).map((cookie) => ({ ...cookie }));
  }

  async set(details: CookiesSetDetails): Promise<void> {
    const url = new URL(details.url);
    const cookie: Cookie = {
      name: details.name ?? '',
      value: details.value ?? '',
      domain: details.domain ?? url.hostname,
      hostOnly: details.domain === undefined,
      path: details.path ?? '/',
      secure: details.secure ?? false,
      httpOnly: details.httpOnly ?? false,
      session: details.expirationDate === undefined,
      sameSite: details.sameSite ?? 'lax',
      ...(details.expirationDate === undefined ? {} : { expirationDate: details.expirationDate }),
    };
    const index = this.jar.findIndex(
      (c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path,
    );
    if (index >= 0) {
      const [old] = this.jar.splice(index, 1);
      this.emit('changed', {}, old, 'overwrite', true);
    }
    this.jar.push(cookie);
    this.emit('changed', {}, { ...cookie }, 'explicit', false);
  }

  async remove(url: string, name: string): Promise<void> {
    for (const cookie of [...this.jar]) {
      if (cookieMatches(cookie, { url, name })) {
        this.jar.splice(this.jar.indexOf(cookie), 1);
        this.emit('changed', {}, cookie, 'explicit', true);
      }
    }
  }

  async flushStore(): Promise<void> {}

  clear(): void {
    for (const cookie of this.jar.splice(0)) this.emit('changed', {}, cookie, 'explicit', true);
  }
}

type Modelled =
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'clearStorageData'
  | 'resolveProxy';

export class StandinSession extends EventEmitter implements Pick<Session, Modelled> {
  readonly cookieJar = new StandinCookies();
  readonly cookies: StandinCookies;
  permissionRequestHandler: PermissionRequestHandler = null;
  permissionCheckHandler: PermissionCheckHandler = null;
  devicePermissionHandler: DevicePermissionHandler = null;
  /** How often clearStorageData ran (a sign-out clears the partition). */
  cleared = 0;
  readonly proxy: StandinSession;

  constructor(readonly partition: string) {
    super();
    const label = `Session(${partition === '' ? 'default' : partition})`;
    this.cookies = recorded(`${label}.cookies`, this.cookieJar);
    this.proxy = recorded(label, this);
  }

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: DevicePermissionHandler): void {
    this.devicePermissionHandler = handler;
  }
  async clearStorageData(): Promise<void> {
    this.cleared += 1;
    this.cookieJar.clear();
  }
  async resolveProxy(_url: string): Promise<string> {
    return world.config.proxy;
  }
}

export const sessions = new Map<string, StandinSession>();

function sessionFor(partition: string): StandinSession {
  let found = sessions.get(partition);
  if (found === undefined) {
    found = new StandinSession(partition);
    sessions.set(partition, found);
  }
  return found;
}

/** The module's static side, as `import { session } from 'electron'` sees it. */
export const sessionModule = {
  get defaultSession(): StandinSession {
    requireReady('session.defaultSession');
    return sessionFor('').proxy;
  },
  fromPartition(partition: string): StandinSession {
    requireReady('session.fromPartition()');
    return sessionFor(partition).proxy;
  },
};

/** The raw session a window or test means ('' is the default session). */
export function rawSession(partition = ''): StandinSession {
  return sessionFor(partition);
}

export function resetSessions(): void {
  sessions.clear();
}
