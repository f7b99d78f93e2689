/** The Mirox sign-in window's rules: its own partition per connection, navigation only within the host. */
import { describe, expect, it } from 'vitest';
import {
  allowedNavigation,
  partitionFor,
  signInUrl,
  WEB_SIGN_IN,
} from '../../../src-main/shell/web-sessions-policy';
import { SESSION_COOKIE, XSRF_COOKIE } from '../../simulators/mirox';

describe('web sign-in policy', () => {
  it('gives each Mirox connection its own persistent partition', () => {
    expect(partitionFor('mirox', 'c_0123abcd')).toBe('persist:mirox-c_0123abcd');
    expect(() => partitionFor('mirox', '../other')).toThrow();
  });

  it('opens the modeled sign-in page under the connection’s base URL', () => {
    const spec = WEB_SIGN_IN.mirox;
    if (spec === undefined) throw new Error('mirox spec');
    expect(signInUrl('https://service.mirox.io', spec)).toBe('https://service.mirox.io/login');
    expect(signInUrl('https://gw.corp.example/mirox/', spec)).toBe('https://gw.corp.example/mirox/login');
    expect(spec.cookieName).toBe(SESSION_COOKIE);
    // The anti-forgery cookie the simulator sets travels with the session, for the adapter to echo.
    expect(spec.xsrfCookieName).toBe(XSRF_COOKIE);
  });

  it('lets the window navigate only within the connection’s host', () => {
    const base = 'https://service.mirox.io';
    expect(allowedNavigation('https://service.mirox.io/login', base)).toBe(true);
    expect(allowedNavigation('https://service.mirox.io/profile?tab=tokens', base)).toBe(true);
    expect(allowedNavigation('https://evil.example/login', base)).toBe(false);
    expect(allowedNavigation('https://service.mirox.io.evil.example/', base)).toBe(false);
    expect(allowedNavigation('http://service.mirox.io/login', base)).toBe(false);
    expect(allowedNavigation('https://user:pw@service.mirox.io/', base)).toBe(false);
    expect(allowedNavigation('file:///etc/passwd', base)).toBe(false);
    expect(allowedNavigation('not a url', base)).toBe(false);
    // The simulator on this computer: http is fine on loopback, same port only.
    expect(allowedNavigation('http://127.0.0.1:4100/profile', 'http://127.0.0.1:4100')).toBe(true);
    expect(allowedNavigation('http://127.0.0.1:4200/profile', 'http://127.0.0.1:4100')).toBe(false);
  });
});
