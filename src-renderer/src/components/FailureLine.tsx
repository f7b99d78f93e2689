/**
 * The line under a form or dialog that says why the last call failed; nothing when it did not.
 * When it appears it is scrolled into view and takes focus, so a failure at the foot of a long
 * form is never drawn out of sight while focus stays somewhere else.
 */
import { useEffect, useRef } from 'react';
import type { ApiError } from '../types';
import { describeError } from '../lib/errors';

export function FailureLine({ failure }: { failure: ApiError | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (failure === null) return;
    ref.current?.scrollIntoView({ block: 'nearest' });
    ref.current?.focus();
  }, [failure]);
  if (failure === null) return null;
  return (
    <p ref={ref} className="form-error" role="alert" tabIndex={-1}>
      {describeError(failure)}
    </p>
  );
}
