/**
 * The rules of the web sign-in window, kept free of `electron` so they are unit-tested in Node:
 * which providers sign in through a window, the partition each connection gets, and where the
 * window may navigate (only the connection's own host, over https, or http on loopback).
 */
import { isLoopbackHost } from '../core/http/url';
import { MIROX_SESSION_COOKIE, MIROX_SIGN_IN_PATH } from '../core/providers/mirox/adapter';

export interface WebSignInSpec {
  name: string;
  /** Modeled: the sign-in page, relative to the connection's base URL. */
  signInPath: string;
  /** Modeled: the cookie whose presence means "signed in". */
  cookieName: string;
}

export const WEB_SIGN_IN: Record<string, WebSignInSpec> = {
  mirox: { name: 'Mirox', signInPath: MIROX_SIGN_IN_PATH, cookieName: MIROX_SESSION_COOKIE },
};

/** Each connection's own persistent partition: its cookies survive restarts, and nothing else shares them. */
export function partitionFor(provider: string, connectionId: string): string {
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(connectionId)) throw new Error('invalid connection id');
  return `persist:${provider}-${connectionId}`;
}

/** The sign-in page's address under the connection's base URL (which may carry a path prefix). */
export function signInUrl(baseUrl: string, spec: WebSignInSpec): string {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${spec.signInPath}`;
  return url.href;
}

/** Whether the sign-in window may navigate (or be redirected) to `target`. */
export function allowedNavigation(target: string, baseUrl: string): boolean {
  let to: URL;
  let base: URL;
  try {
    to = new URL(target);
    base = new URL(baseUrl);
  } catch {
    return false;
  }
  if (to.username !== '' || to.password !== '') return false;
  const schemeOk = to.protocol === 'https:' || (to.protocol === 'http:' && isLoopbackHost(to.hostname));
  return schemeOk && to.protocol === base.protocol && to.host === base.host;
}
