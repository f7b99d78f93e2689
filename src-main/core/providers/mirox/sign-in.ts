/**
 * Modeled: Mirox's web sign-in. The shell's sign-in window opens the sign-in page under the
 * connection's address and waits for the session cookie; it may navigate only within that
 * address's own origin (the default rule: Mirox signs in on its own host).
 */
import type { WebSignInPolicy } from '../module';

export const MIROX_SIGN_IN_PATH = '/login';
export const MIROX_SESSION_COOKIE = 'mirox_session';

export const miroxWebSignIn: WebSignInPolicy = {
  signInPath: MIROX_SIGN_IN_PATH,
  sessionCookie: MIROX_SESSION_COOKIE,
};
