/** The line under a form or dialog that says why the last call failed; nothing when it did not. */
import type { ApiError } from '../types';
import { describeError } from '../lib/errors';

export function FailureLine({ failure }: { failure: ApiError | null }) {
  if (failure === null) return null;
  return (
    <p className="form-error" role="alert">
      {describeError(failure)}
    </p>
  );
}
