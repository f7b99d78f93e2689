/** Placeholder until the Mirox sign-in window lands: web sessions are reported as unavailable. */
import { AppError } from '../core/errors';
import type { SessionProvider } from '../core/ports';

export const unavailableSessions: SessionProvider = {
  signIn: () => Promise.reject(new AppError('not_supported', 'Web sign-in is not available in this version yet.')),
  current: () => Promise.resolve(null),
  signOut: () => Promise.resolve(),
};
