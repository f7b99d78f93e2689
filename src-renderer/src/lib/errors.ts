/** Turning a failed call into words for the user. The core already writes user-facing messages. */
import type { ApiError } from '../../../src-preload/contract';
import { CallError } from '../api';
import { formatTime } from './format';

export function toApiError(error: unknown): ApiError {
  if (error instanceof CallError) return error.error;
  return { code: 'internal', message: 'Something went wrong. Try again.' };
}

/** The message, plus when to try again for a rate limit. */
export function describeError(error: ApiError): string {
  if (error.code === 'rate_limited' && error.retryAt !== undefined) {
    return `${error.message} Try again after ${formatTime(error.retryAt)}.`;
  }
  return error.message;
}

/** Errors that mean the stored credential must be entered again. */
export const needsNewCredential = (error: ApiError | null): boolean =>
  error !== null &&
  (error.code === 'unauthorized' ||
    error.code === 'credential_unreadable' ||
    error.code === 'credential_missing');
