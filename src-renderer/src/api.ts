/**
 * The renderer's only door to main: `window.tokenkeeper`, typed from the contract. Only types
 * are imported from the preload folder; the functions themselves are injected by the preload
 * (or by the test host's bridge).
 */
import type { TokenkeeperApi } from '../../src-preload/api';
import type { ApiError, Result } from '../../src-preload/contract';

export const api = (): TokenkeeperApi => window.tokenkeeper;

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'CallError';
  }
}

/** Unwraps a Result: the value, or a CallError carrying the contract's error. */
export async function unwrap<T>(result: Promise<Result<T>>): Promise<T> {
  const settled = await result;
  if (!settled.ok) throw new CallError(settled.error);
  return settled.value;
}
