/**
 * Modeled: Mirox's web sign-in. The shell's sign-in window opens the sign-in page under the
 * connection's address and waits for the session cookie; it may navigate only within that
 * address's own origin (the default rule: Mirox signs in on its own host).
 */
import type { WebSignInPolicy } from '../module';

export const MIROX_SIGN_IN_PATH = '/login';
export const MIROX_SESSION_COOKIE = 'mirox_session';
/** Modeled: the script-readable anti-forgery cookie the sign-in also sets (echoed by the adapter). */
export const MIROX_XSRF_COOKIE = 'XSRF-TOKEN';

export const miroxWebSignIn: WebSignInPolicy = {
  signInPath: MIROX_SIGN_IN_PATH,
  sessionCookie: MIROX_SESSION_COOKIE,
  antiForgeryCookie: MIROX_XSRF_COOKIE,
};
