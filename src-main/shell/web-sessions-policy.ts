/**
 * The rules of the web sign-in window, kept free of `electron` so they are unit-tested in Node:
 * which providers sign in through a window (each provider module's web sign-in policy), the
 * partition each connection gets, and where the window may navigate (the connection's own origin,
 * or the origins its provider's policy allows, over https, or http on loopback).
 */
import { isLoopbackHost } from '../core/http/url';
import type { ProviderModule } from '../core/providers/module';
import { SHIPPED_PROVIDERS } from '../core/providers/registry';

export interface WebSignInSpec {
  name: string;
  /** The sign-in page, relative to the connection's base URL. */
  signInPath: string;
  /** The cookie whose presence means "signed in". */
  cookieName: string;
  /** The anti-forgery cookie sent along when present (browser-session APIs that want it echoed). */
  xsrfCookieName?: string;
  /** Where the window may go, given the connection's address (its own origin unless the provider says more). */
  allowedOrigins(baseUrl: URL): readonly string[];
}

/** The web sign-in specs of the given providers, by provider id. */
export function webSignInSpecs(modules: readonly ProviderModule[]): Record<string, WebSignInSpec> {
  const specs: Record<string, WebSignInSpec> = {};
  for (const { descriptor, webSignIn } of modules) {
    if (webSignIn === null) continue;
    specs[descriptor.id] = {
      name: descriptor.name,
      signInPath: webSignIn.signInPath,
      cookieName: webSignIn.sessionCookie,
      ...(webSignIn.antiForgeryCookie === undefined ? {} : { xsrfCookieName: webSignIn.antiForgeryCookie }),
      allowedOrigins: (base) => webSignIn.allowedOrigins?.(base) ?? [base.origin],
    };
  }
  return specs;
}

/** The shell serves the shipped providers. */
export const WEB_SIGN_IN: Record<string, WebSignInSpec> = webSignInSpecs(SHIPPED_PROVIDERS);

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

/** The sign-in window's title: the origin it is on, so a look at the title bar tells where a password goes. */
export function signInTitle(providerName: string, origin: string): string {
  return `Sign in to ${providerName} · ${origin}`;
}

/** Whether the sign-in window may navigate (or be redirected) to `target`. */
export function allowedNavigation(
  target: string,
  baseUrl: string,
  spec: Pick<WebSignInSpec, 'allowedOrigins'> = { allowedOrigins: (base) => [base.origin] },
): boolean {
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
  return schemeOk && spec.allowedOrigins(base).includes(to.origin);
}
