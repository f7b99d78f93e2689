/**
 * Typed application errors. Every failure that reaches the renderer is an AppError with a code
 * from the contract and a message written for the user. Messages never include a secret, a
 * stack trace, or the text of an unexpected exception (which could carry either).
 */
import type { ApiError, ErrorCode } from '../../src-preload/contract';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAt: number | undefined;
  readonly field: string | undefined;
  readonly connectionId: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryAt?: number; field?: string; connectionId?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAt = options.retryAt;
    this.field = options.field;
    this.connectionId = options.connectionId;
  }

  toApiError(): ApiError {
    const error: ApiError = { code: this.code, message: this.message };
    if (this.retryAt !== undefined) error.retryAt = this.retryAt;
    if (this.field !== undefined) error.field = this.field;
    if (this.connectionId !== undefined) error.connectionId = this.connectionId;
    return error;
  }
}

export const INTERNAL_ERROR_MESSAGE =
  'Something went wrong inside Tokenkeeper. Nothing was changed; details are in the log.';

/** Maps anything thrown to the error the renderer may see. Unknown errors become `internal`. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.toApiError();
  return { code: 'internal', message: INTERNAL_ERROR_MESSAGE };
}

export function notFound(what: string): AppError {
  return new AppError('not_found', `${what} was not found. It may have been removed; refresh and try again.`);
}

export function invalidInput(message: string, field?: string): AppError {
  return new AppError('invalid_input', message, field === undefined ? {} : { field });
}
