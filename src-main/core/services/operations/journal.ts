/**
 * The operations journal: the intent of a remote change is written before the call, its outcome
 * after, so a crash in between is reported at the next start (core.ts marks such rows
 * `interrupted`). Each transition takes the audit line that goes with it and writes both in one
 * transaction, so no path records an outcome without saying so in the audit trail. A failure
 * always has its line; a start or a success passes `null` only when the larger action it is part
 * of writes the line itself (a revoke, after it has also closed the rotations it ends).
 */
import type { CoreContext } from '../../context';
import type { ConnectionRecord } from '../../db/repositories/connections';
import type { OperationKind, OperationRecord } from '../../db/repositories/operations';
import type { TokenRecord } from '../../db/repositories/tokens';
import type { AppError } from '../../errors';
import { newId } from '../../ids';

export interface AuditLine {
  action: string;
  outcome: 'ok' | 'error' | 'info';
  connectionId: string;
  tokenId?: string;
  detail: string;
}

/** A failure's line: always an error. */
export type FailureAudit = Omit<AuditLine, 'outcome'>;

export interface Intent {
  kind: OperationKind;
  connection: ConnectionRecord;
  /** The token the operation changes; null for a create. */
  token: TokenRecord | null;
  tokenName: string;
  /** What was asked for, kept for the journal and for advice after an interruption. */
  request: Record<string, unknown>;
  /** A manual rotation starts waiting for the user; everything else starts pending. */
  state?: 'pending' | 'awaiting_confirmation';
}

export type JournalContext = Pick<CoreContext, 'db' | 'repos' | 'now' | 'audit'>;

export class OperationJournal {
  constructor(private readonly ctx: JournalContext) {}

  /** Writes the intent (and, for an operation that starts by waiting, its line). */
  begin(intent: Intent, audit: AuditLine | null): OperationRecord {
    const op: OperationRecord = {
      id: newId('op'),
      kind: intent.kind,
      state: intent.state ?? 'pending',
      connectionId: intent.connection.id,
      tokenId: intent.token?.id ?? null,
      resultTokenId: null,
      tokenName: intent.tokenName,
      request: intent.request,
      error: null,
      acknowledged: false,
      startedAt: this.ctx.now(),
      finishedAt: null,
    };
    this.write(() => this.ctx.repos.operations.insert(op), audit);
    return op;
  }

  /**
   * A clean outcome: done, waiting for the user's confirmation, or abandoned by the user.
   * `secretPending`: a new secret is in the vault and not yet shown (see SecretVault).
   */
  finish(
    op: OperationRecord,
    state: 'succeeded' | 'awaiting_confirmation' | 'abandoned',
    changes: { resultTokenId?: string; secretPending?: boolean },
    audit: AuditLine | null,
  ): OperationRecord {
    return this.close(op, state, changes, null, audit);
  }

  /**
   * An operation that did not succeed: its state and error, and its audit line (an error).
   * Returns the error, for the caller to throw.
   */
  fail(
    op: OperationRecord,
    state: 'failed' | 'ambiguous',
    error: AppError,
    audit: FailureAudit,
    resultTokenId?: string,
  ): AppError {
    this.close(op, state, resultTokenId === undefined ? {} : { resultTokenId }, error, {
      ...audit,
      outcome: 'error',
    });
    return error;
  }

  /** Records which token a rotation produced, while it still waits (a manual rotation recorded by hand). */
  linkResult(op: OperationRecord, resultTokenId: string, audit: AuditLine): void {
    this.write(() => this.ctx.repos.operations.save({ ...op, resultTokenId }), audit);
  }

  /** The rotation of this token still waiting for the user, if any. */
  openRotationFor(tokenId: string): OperationRecord | null {
    return (
      this.ctx.repos.operations
        .forToken(tokenId)
        .find((o) => o.tokenId === tokenId && o.state === 'awaiting_confirmation') ?? null
    );
  }

  private close(
    op: OperationRecord,
    state: OperationRecord['state'],
    changes: { resultTokenId?: string; secretPending?: boolean },
    error: AppError | null,
    audit: AuditLine | null,
  ): OperationRecord {
    const next: OperationRecord = {
      ...op,
      state,
      secretPending: changes.secretPending ?? op.secretPending ?? false,
      resultTokenId: changes.resultTokenId === undefined ? op.resultTokenId : changes.resultTokenId,
      error: error === null ? op.error : error.toApiError(),
      finishedAt: state === 'awaiting_confirmation' ? null : this.ctx.now(),
      // A clean outcome needs no acknowledgement; anything else stays in the open list.
      acknowledged: state === 'succeeded' || state === 'abandoned' ? true : op.acknowledged,
    };
    this.write(() => this.ctx.repos.operations.save(next), audit);
    return next;
  }

  private write(change: () => void, audit: AuditLine | null): void {
    this.ctx.db.transaction(() => {
      change();
      if (audit !== null) this.ctx.audit(audit);
    })();
  }
}
