/**
 * One remote change (a create, a rotation, a delete) under the journal, sent once and never
 * retried. When it fails:
 * - a failure that left the provider untouched (`effect: 'none'`) is recorded as failed;
 * - an unclear one (a timeout or a broken connection after the request left, a 5xx, an unreadable
 *   2xx) makes Tokenkeeper list the provider's tokens again and decide from what it sees:
 *   - the listing fails too: ambiguous, and the user is told to sync;
 *   - the change did not happen: failed, with "checked afterwards" in the message;
 *   - it happened: either that counts as done (a delete: the token is gone) or the answer that
 *     carried the new secret is lost (ambiguous; what the listing shows is stored).
 * Every outcome goes through the journal, with its audit line.
 */
import { AppError } from '../../errors';
import { HttpError } from '../../http/errors';
import type { OperationRecord } from '../../db/repositories/operations';
import type { RemoteToken } from '../../providers/types';
import type { Listing } from '../reconcile';
import type { OperationJournal } from './journal';

/** What the listing after an unclear failure shows. */
export type Reconciled<T> =
  /** Nothing changed at the provider: `error` says so; `detail` goes into the audit line. */
  | { outcome: 'not_happened'; error: AppError; detail: string }
  /** The change took effect and nothing was lost with its answer: the run ends as a success. */
  | { outcome: 'done'; value: T }
  /** The change took effect but its answer (the new secret) is lost; what it produced is stored. */
  | { outcome: 'lost'; message: string; detail: string; resultTokenId: string; tokenId?: string };

export interface JournaledRun<R, T> {
  journal: OperationJournal;
  /** Writes the intent, before anything is sent. */
  begin(): OperationRecord;
  /** The remote call, sent once. */
  call(op: OperationRecord): Promise<R>;
  /** Turns a successful answer into the run's result (storing it, or handing it to the caller to store). */
  commit(op: OperationRecord, result: R): T;
  /** A failure that is an answer in itself (a delete answered 404: the token is already gone). */
  settled?(op: OperationRecord, error: unknown): T | undefined;
  /** Records what a failure means for the connection (it needs a credential, a sign-in). */
  noteFailure(error: unknown): void;
  /** The line every failure is written under; `detail` words what happened for that action. */
  audit: { action: string; connectionId: string; tokenId?: string; detail?: (what: string) => string };
  /** The message when the failure is not a typed error (a bug inside Tokenkeeper). */
  internalMessage: string;
  /** Lists the provider's tokens again (never throws). */
  list(): Promise<Listing>;
  /** The message when the outcome is unclear and the listing failed too. */
  unchecked(failure: AppError): string;
  /** Decides from the listing what happened. */
  reconcile(tokens: RemoteToken[], failure: AppError, op: OperationRecord): Reconciled<T>;
  /** Tells the window the cache changed (after a lost answer, what the listing showed was stored). */
  changed?(): void;
}

export async function runJournaled<R, T>(run: JournaledRun<R, T>): Promise<T> {
  const op = run.begin();
  let result: R;
  try {
    result = await run.call(op);
  } catch (error) {
    return await settleFailure(run, op, error);
  }
  return run.commit(op, result);
}

/** Returns the value of a run that counts as done anyway; throws the error to show otherwise. */
async function settleFailure<R, T>(run: JournaledRun<R, T>, op: OperationRecord, error: unknown): Promise<T> {
  const settled = run.settled?.(op, error);
  if (settled !== undefined) return settled;
  run.noteFailure(error);
  const failure = error instanceof AppError ? error : new AppError('internal', run.internalMessage);
  const { detail = (what: string) => what, ...line } = run.audit;
  const effect = error instanceof HttpError ? error.effect : 'none';
  if (effect === 'none')
    throw run.journal.fail(op, 'failed', failure, { ...line, detail: detail(failure.code) });

  const listing = await run.list();
  if (!listing.ok) {
    const ambiguous = new AppError('ambiguous', run.unchecked(failure));
    throw run.journal.fail(op, 'ambiguous', ambiguous, { ...line, detail: detail('outcome unknown') });
  }
  const reconciled = run.reconcile(listing.tokens, failure, op);
  switch (reconciled.outcome) {
    case 'done':
      return reconciled.value;
    case 'not_happened':
      throw run.journal.fail(op, 'failed', reconciled.error, { ...line, detail: reconciled.detail });
    case 'lost': {
      const ambiguous = new AppError('ambiguous', reconciled.message);
      const tokenId = reconciled.tokenId ?? line.tokenId;
      run.journal.fail(
        op,
        'ambiguous',
        ambiguous,
        {
          action: line.action,
          connectionId: line.connectionId,
          ...(tokenId === undefined ? {} : { tokenId }),
          detail: reconciled.detail,
        },
        reconciled.resultTokenId,
      );
      run.changed?.();
      throw ambiguous;
    }
  }
}
