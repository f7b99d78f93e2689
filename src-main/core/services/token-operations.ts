/**
 * Create, rotate and revoke, through the provider adapters, journaled in `operations`:
 * - the intent row is written before the remote call and its outcome after, so a crash in
 *   between is reported at the next start (core.ts marks such rows `interrupted`);
 * - input is checked against the provider's rules before any call;
 * - a create, reset, rotation or revoke is sent once. When its outcome is unclear (timeout, broken
 *   connection after sending, 5xx, an unreadable 2xx), the tokens are listed again and the
 *   journal and cache say what happened (reconcile.ts); nothing is retried;
 * - a new secret goes into the SecretVault and only its handle leaves main;
 * - every user action is written to the audit trail.
 */
import type {
  CreateTokenInput,
  NewSecret,
  RotationStart,
  TokenRow,
  TrackedTokenInput,
} from '../../../src-preload/contract';
import type { CoreContext } from '../context';
import type { ConnectionRecord } from '../db/repositories/connections';
import type { OperationKind, OperationRecord, OperationState } from '../db/repositories/operations';
import type { TokenRecord } from '../db/repositories/tokens';
import { AppError, invalidInput, notFound } from '../errors';
import { requireToken, rowOf, tokenHandlers, validateTracked } from '../handlers/tokens';
import { HttpError } from '../http/errors';
import { newId } from '../ids';
import { registerSecret } from '../log/redact';
import {
  remoteKey,
  type AdapterContext,
  type CreateRequest,
  type Minted,
  type ProviderAdapter,
  type RemoteToken,
} from '../providers/types';
import { credentialKey } from './connection-view';
import { providerRuntime, type ProviderRuntime } from './provider-runtime';
import { createdSince, listForReconcile, rotationEvidence } from './reconcile';
import { manualRotationSteps, planRotation } from './rotation-plan';
import { newRecordFromRemote } from './sync-merge';

const DAY_MS = 86_400_000;

export const formatTime = (ms: number): string =>
  `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const isLive = (t: TokenRecord) => t.state === 'active' || t.state === 'grace';

/** A successor name that smoxy will accept (names are unique per user). */
export function successorName(name: string, taken: ReadonlySet<string>, now: number): string {
  const base = `${name.replace(/ \(rotated \d{4}-\d{2}-\d{2}(?: \d+)?\)$/, '')} (rotated ${new Date(now).toISOString().slice(0, 10)}`;
  for (let n = 1; n < 1000; n++) {
    const candidate = `${base}${n === 1 ? '' : ` ${n}`})`;
    const trimmed =
      candidate.length > 200
        ? `${name.slice(0, 200 - (candidate.length - name.length))}${candidate.slice(name.length)}`
        : candidate;
    if (!taken.has(trimmed)) return trimmed;
  }
  return `${base} ${newId('n').slice(2, 8)})`;
}

export class TokenOperations {
  private readonly runtime: ProviderRuntime;

  constructor(private readonly ctx: CoreContext) {
    this.runtime = providerRuntime(ctx);
  }

  // -------------------------------------------------------------------------------------------
  // Journal
  // -------------------------------------------------------------------------------------------

  private beginOp(
    kind: OperationKind,
    connection: ConnectionRecord,
    token: TokenRecord | null,
    tokenName: string,
    request: Record<string, unknown>,
    state: OperationState = 'pending',
  ): OperationRecord {
    const op: OperationRecord = {
      id: newId('op'),
      kind,
      state,
      connectionId: connection.id,
      tokenId: token?.id ?? null,
      resultTokenId: null,
      tokenName,
      request,
      error: null,
      acknowledged: false,
      startedAt: this.ctx.now(),
      finishedAt: null,
    };
    this.ctx.repos.operations.insert(op);
    return op;
  }

  private finishOp(
    op: OperationRecord,
    state: OperationState,
    changes: { resultTokenId?: string | null; error?: AppError | null; secretPending?: boolean } = {},
  ): OperationRecord {
    const next: OperationRecord = {
      ...op,
      state,
      secretPending: changes.secretPending ?? op.secretPending ?? false,
      resultTokenId: changes.resultTokenId === undefined ? op.resultTokenId : changes.resultTokenId,
      error: changes.error === undefined || changes.error === null ? op.error : changes.error.toApiError(),
      finishedAt: state === 'awaiting_confirmation' ? null : this.ctx.now(),
      // A clean outcome needs no acknowledgement; anything else stays in the open list.
      acknowledged: state === 'succeeded' || state === 'abandoned' ? true : op.acknowledged,
    };
    this.ctx.repos.operations.save(next);
    return next;
  }

  /**
   * Ends an operation that did not succeed: its journal state and error, its audit line, and the
   * error to throw, written together so that no path records one without the other.
   */
  private endFailed(
    op: OperationRecord,
    state: 'failed' | 'ambiguous',
    error: AppError,
    audit: { action: string; connectionId: string; tokenId?: string; detail: string },
    resultTokenId?: string,
  ): AppError {
    this.finishOp(op, state, resultTokenId === undefined ? { error } : { resultTokenId, error });
    this.ctx.audit({ ...audit, outcome: 'error' });
    return error;
  }

  private requireOpenRotation(operationId: string): {
    op: OperationRecord;
    old: TokenRecord;
    connection: ConnectionRecord;
  } {
    const op = this.ctx.repos.operations.get(operationId);
    if (op === null || (op.kind !== 'rotate' && op.kind !== 'manual_rotate')) throw notFound('That rotation');
    if (op.state !== 'awaiting_confirmation') {
      throw new AppError(
        'conflict',
        op.state === 'succeeded' ? 'This rotation is already finished.' : 'This rotation is no longer open.',
      );
    }
    if (op.tokenId === null) throw notFound('The token this rotation started from');
    const { token, connection } = requireToken(this.ctx, op.tokenId);
    return { op, old: token, connection };
  }

  private openRotationFor(tokenId: string): OperationRecord | null {
    return (
      this.ctx.repos.operations
        .forToken(tokenId)
        .find((o) => o.tokenId === tokenId && o.state === 'awaiting_confirmation') ?? null
    );
  }

  // -------------------------------------------------------------------------------------------
  // Shared pieces
  // -------------------------------------------------------------------------------------------

  private requireConnection(connectionId: string): ConnectionRecord {
    const connection = this.ctx.repos.connections.get(connectionId);
    if (connection === null) throw notFound('That connection');
    return connection;
  }

  private remote(connection: ConnectionRecord): { adapter: ProviderAdapter; actx: AdapterContext } {
    const { adapter, ctx } = this.runtime.contextFor(connection);
    return { adapter, actx: ctx };
  }

  private knownKeys(connectionId: string): Set<string> {
    return new Set(
      this.ctx.repos.tokens
        .listByConnection(connectionId)
        .filter((t) => t.remoteId !== null)
        .map(remoteKey),
    );
  }

  /** Inserts a minted token's row, or updates the row that already has its remote id. */
  /**
   * After a reset: the successor is stored, linked to the token it replaces, and that one is in
   * its grace period until `graceEndsAt`. `successorIsCredential`: the connection's own credential
   * moved to the successor. Call inside the caller's transaction.
   */
  private storeSuccessor(
    connection: ConnectionRecord,
    token: TokenRecord,
    remote: RemoteToken,
    graceEndsAt: number,
    successorIsCredential: boolean,
  ): TokenRecord {
    const row = this.storeRemote(connection, remote, {
      replacesId: token.id,
      isConnectionCredential: successorIsCredential,
    });
    this.ctx.repos.tokens.save({
      ...token,
      state: 'grace',
      graceEndsAt,
      expiresAt: graceEndsAt,
      replacedById: row.id,
      isConnectionCredential: token.isConnectionCredential && !successorIsCredential,
      updatedAt: this.ctx.now(),
    });
    return row;
  }

  private storeRemote(
    connection: ConnectionRecord,
    remote: RemoteToken,
    overrides: Partial<TokenRecord>,
  ): TokenRecord {
    const now = this.ctx.now();
    const existing = this.ctx.repos.tokens
      .listByConnection(connection.id)
      .find((t) => t.remoteId !== null && remoteKey(t) === remoteKey(remote));
    if (existing !== undefined) {
      const next = {
        ...newRecordFromRemote(connection.id, remote, now),
        id: existing.id,
        firstSeenAt: existing.firstSeenAt,
        snoozedUntil: existing.snoozedUntil,
        note: existing.note,
        ...overrides,
      };
      this.ctx.repos.tokens.save(next);
      return next;
    }
    const record = newRecordFromRemote(connection.id, remote, now, overrides);
    this.ctx.repos.tokens.insert(record);
    return record;
  }

  private changed(connectionId: string): void {
    this.ctx.emit('tokensChanged', { connectionIds: [connectionId] });
  }

  /**
   * Hands a minted secret to the vault. Until the copy-once dialog has it, the operation's journal
   * row says so (`secretPending`, written with the outcome): if Tokenkeeper stops before then, the
   * next start reports the operation as interrupted, because the secret is lost.
   */
  private putSecret(
    secret: string,
    tokenName: string,
    connection: ConnectionRecord,
    op: OperationRecord,
  ): string {
    return this.ctx.vault.put(secret, {
      tokenName,
      provider: connection.provider,
      onRevealed: () => this.ctx.repos.operations.markSecretShown(op.id),
    });
  }

  /** The connection must call the provider's API for this; otherwise a clear refusal. */
  private requireApi(connection: ConnectionRecord, what: 'create' | 'rotate' | 'revoke'): void {
    const descriptor = this.ctx.providers.descriptor(connection.provider);
    if (connection.mode !== 'api' || !descriptor.hasApi) {
      throw invalidInput(
        what === 'create'
          ? `“${connection.label}” is a tracked connection: create the token in the ${descriptor.name} console, then record it here.`
          : `“${connection.label}” is a tracked connection: Tokenkeeper cannot ${what} ${descriptor.name} tokens through an API.`,
      );
    }
    if (!descriptor.capabilities[what])
      throw new AppError(
        'not_supported',
        `${descriptor.name} tokens cannot be ${what === 'create' ? 'created' : `${what}d`} through its API.`,
      );
  }

  // -------------------------------------------------------------------------------------------
  // Create
  // -------------------------------------------------------------------------------------------

  async create(input: CreateTokenInput): Promise<NewSecret> {
    const connection = this.requireConnection(input.connectionId);
    this.requireApi(connection, 'create');
    const { adapter, actx } = this.remote(connection);
    const provider = adapter.descriptor.name;
    return this.runtime.locks.run(connection.id, async () => {
      const rows = this.ctx.repos.tokens.listByConnection(connection.id);
      const request = adapter.checkCreate(input, connection, rows.filter(isLive), this.ctx.now());
      const { op, minted, secretId } = await this.mint(connection, adapter, actx, request, () =>
        this.beginOp('create', connection, null, request.name, {
          name: request.name,
          accountId: request.accountId,
          expiresAt: request.expiresAt,
          organizations: request.organizations,
          permissionGroup: request.permissionGroup,
        }),
      );
      const record = this.ctx.db.transaction(() => {
        const row = this.storeRemote(connection, minted.token, {});
        this.finishOp(op, 'succeeded', { resultTokenId: row.id, secretPending: true });
        return row;
      })();
      this.ctx.audit({
        action: 'token.create',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: record.id,
        detail: `Created “${record.name}” at ${provider}`,
      });
      this.changed(connection.id);
      return { operationId: op.id, token: rowOf(this.ctx, record, connection), secretId };
    });
  }

  /**
   * Creates a token at the provider under the journaled operation that `begin` opens, and hands
   * its secret to the vault. A failed create is recorded (and reconciled by listing when its
   * outcome is unclear) before it is thrown; it is never retried. Used by create and by a
   * rotation that creates a successor.
   */
  private async mint(
    connection: ConnectionRecord,
    adapter: ProviderAdapter,
    actx: AdapterContext,
    request: CreateRequest,
    begin: () => OperationRecord,
  ): Promise<{ op: OperationRecord; minted: Minted; secretId: string }> {
    // What was there before the call, so a reconcile after an unclear failure can tell what is new.
    const known = this.knownKeys(connection.id);
    const op = begin();
    let minted: Minted;
    try {
      minted = await adapter.create(actx, request);
    } catch (error) {
      throw await this.createFailed(op, connection, adapter, actx, request, known, error);
    }
    return { op, minted, secretId: this.putSecret(minted.secret, minted.token.name, connection, op) };
  }

  /** Records a failed create; after an unclear outcome, lists and reconciles. Returns the error to throw. */
  private async createFailed(
    op: OperationRecord,
    connection: ConnectionRecord,
    adapter: ProviderAdapter,
    actx: AdapterContext,
    request: { name: string; accountId: string | null },
    known: Set<string>,
    error: unknown,
  ): Promise<AppError> {
    const provider = adapter.descriptor.name;
    const failure =
      error instanceof AppError
        ? error
        : new AppError(
            'internal',
            'Creating the token failed inside Tokenkeeper. Nothing was retried; sync to see the provider’s state.',
          );
    this.runtime.noteFailure(connection, error);
    const effect = error instanceof HttpError ? error.effect : 'none';
    if (effect === 'none') {
      return this.endFailed(op, 'failed', failure, {
        action: 'token.create',
        connectionId: connection.id,
        detail: `“${request.name}”: ${failure.code}`,
      });
    }
    const listing = await listForReconcile(adapter, actx);
    if (!listing.ok) {
      const ambiguous = new AppError(
        'ambiguous',
        `${failure.message} Tokenkeeper did not retry, and could not check ${provider} afterwards. Sync later: if a token named “${request.name}” appears, revoke it (its secret was never shown) and create a new one.`,
      );
      return this.endFailed(op, 'ambiguous', ambiguous, {
        action: 'token.create',
        connectionId: connection.id,
        detail: `“${request.name}”: outcome unknown`,
      });
    }
    const appeared = createdSince(listing.tokens, known, request, op.startedAt);
    if (appeared.length === 0) {
      const checked = new AppError(
        failure.code,
        `${failure.message} Tokenkeeper checked ${provider} afterwards: no token named “${request.name}” was created, so nothing changed. You can try again.`,
        {
          ...(failure.retryAt === undefined ? {} : { retryAt: failure.retryAt }),
        },
      );
      return this.endFailed(op, 'failed', checked, {
        action: 'token.create',
        connectionId: connection.id,
        detail: `“${request.name}”: not created (checked)`,
      });
    }
    const rows = this.ctx.db.transaction(() => appeared.map((r) => this.storeRemote(connection, r, {})))();
    const first = rows[0] as TokenRecord;
    const ambiguous = new AppError(
      'ambiguous',
      `${provider} created “${request.name}”, but its secret never reached Tokenkeeper (${failure.message.replace(/\.$/, '')}). Tokenkeeper did not retry. Revoke that token and create a new one.`,
    );
    this.endFailed(
      op,
      'ambiguous',
      ambiguous,
      {
        action: 'token.create',
        connectionId: connection.id,
        tokenId: first.id,
        detail: `“${request.name}” was created but its secret was lost`,
      },
      first.id,
    );
    this.changed(connection.id);
    return ambiguous;
  }

  // -------------------------------------------------------------------------------------------
  // Rotation
  // -------------------------------------------------------------------------------------------

  async startRotation(tokenId: string): Promise<RotationStart> {
    const { token, connection } = requireToken(this.ctx, tokenId);
    const plan = planRotation(token, connection, this.ctx.providers);
    if (!plan.allowed) throw new AppError('conflict', plan.reason ?? 'This token cannot be rotated.');
    if (this.openRotationFor(token.id) !== null) {
      throw new AppError(
        'conflict',
        `A rotation of “${token.name}” is already waiting for you. Finish or abandon it first.`,
      );
    }
    if (plan.kind === 'manual') return this.startManualRotation(token, connection);
    this.requireApi(connection, 'rotate');
    return this.runtime.locks.run(connection.id, async () => {
      // Re-read under the lock: a sync may have changed the row while we waited.
      const fresh = requireToken(this.ctx, tokenId).token;
      if (!planRotation(fresh, connection, this.ctx.providers).allowed)
        throw new AppError('conflict', 'This token changed while waiting; open it again.');
      switch (plan.kind) {
        case 'reset_with_grace':
        case 'in_place_immediate':
          return this.rotateThroughApi(fresh, connection, plan.kind);
        case 'create_then_delete':
          return this.rotateByCreating(fresh, connection);
        default:
          throw new AppError('not_supported', 'This rotation is not supported.');
      }
    });
  }

  private startManualRotation(token: TokenRecord, connection: ConnectionRecord): RotationStart {
    const descriptor = this.ctx.providers.descriptor(connection.provider);
    const op = this.beginOp(
      'manual_rotate',
      connection,
      token,
      token.name,
      { kind: 'manual' },
      'awaiting_confirmation',
    );
    this.ctx.audit({
      action: 'token.rotate.start',
      outcome: 'info',
      connectionId: connection.id,
      tokenId: token.id,
      detail: `Manual rotation of “${token.name}” started`,
    });
    return {
      operationId: op.id,
      kind: 'manual',
      newToken: null,
      secretId: null,
      needsConfirmation: true,
      afterword: `${manualRotationSteps(descriptor.name).join(' ')} Tokenkeeper never sees the new secret.`,
      credentialSwapped: false,
    };
  }

  private async rotateThroughApi(
    token: TokenRecord,
    connection: ConnectionRecord,
    kind: 'reset_with_grace' | 'in_place_immediate',
  ): Promise<RotationStart> {
    const { adapter, actx } = this.remote(connection);
    const provider = adapter.descriptor.name;
    if (adapter.rotate === undefined)
      throw new AppError('not_supported', `${provider} has no rotate action.`);
    const known = this.knownKeys(connection.id);
    const op = this.beginOp('rotate', connection, token, token.name, { kind });
    let rotated;
    try {
      rotated = await adapter.rotate(actx, token);
    } catch (error) {
      throw await this.rotationFailed(op, connection, adapter, actx, token, known, kind, error);
    }
    const secretId = this.putSecret(rotated.secret, token.name, connection, op);
    const now = this.ctx.now();

    if (kind === 'in_place_immediate') {
      const next: TokenRecord = {
        ...token,
        last4: rotated.token.last4 ?? token.last4,
        expiresAt: rotated.token.expiresAt,
        lastUsedAt: rotated.token.lastUsedAt,
        usage: rotated.token.usage,
        updatedAt: now,
      };
      this.ctx.db.transaction(() => {
        this.ctx.repos.tokens.save(next);
        this.finishOp(op, 'succeeded', { resultTokenId: token.id, secretPending: true });
      })();
      this.ctx.audit({
        action: 'token.rotate',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: token.id,
        detail: `Rotated “${token.name}” at ${provider}; the old secret stopped working`,
      });
      this.changed(connection.id);
      return {
        operationId: op.id,
        kind,
        newToken: rowOf(this.ctx, next, connection),
        secretId,
        needsConfirmation: false,
        afterword: `The old secret of “${token.name}” stopped working just now. Update the integration that uses it right away.${next.expiresAt === null ? '' : ` The token now expires on ${formatTime(next.expiresAt).slice(0, 10)}.`}`,
        credentialSwapped: false,
      };
    }

    // Mailtrap reset: a new token; the old one in its grace period, linked to its successor.
    let credentialSwapped = false;
    let swapFailure: AppError | null = null;
    if (token.isConnectionCredential) {
      try {
        await this.ctx.deps.credentials.set(credentialKey(connection.id), rotated.secret, {
          allowWeak: this.ctx.settings.get().weakStorageAccepted,
        });
        registerSecret(rotated.secret);
        credentialSwapped = true;
      } catch (error) {
        swapFailure =
          error instanceof AppError
            ? error
            : new AppError('internal', 'The keychain refused the new secret.');
      }
    }
    const graceEndsAt = rotated.previousGraceEndsAt ?? graceEndFrom(adapter, now);
    const successor = this.ctx.db.transaction(() => {
      const row = this.storeSuccessor(connection, token, rotated.token, graceEndsAt, credentialSwapped);
      this.finishOp(op, 'succeeded', { resultTokenId: row.id, secretPending: true });
      if (swapFailure !== null) {
        const current = this.ctx.repos.connections.get(connection.id);
        if (current !== null) {
          this.ctx.repos.connections.save({
            ...current,
            status: 'needs_credential',
            lastError: {
              code: swapFailure.code,
              message: `The new secret of “${token.name}” could not be saved as this connection’s credential. Re-enter it before ${formatTime(graceEndsAt)}, when the old one stops working.`,
            },
            updatedAt: now,
          });
        }
      }
      return row;
    })();
    this.ctx.audit({
      action: 'token.rotate',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: token.id,
      detail: `Reset “${token.name}” at ${provider}; grace until ${formatTime(graceEndsAt)}`,
    });
    if (credentialSwapped) {
      this.ctx.audit({
        action: 'connection.credential_swapped',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: successor.id,
        detail: 'The connection now uses the reset token’s new secret',
      });
    } else if (swapFailure !== null) {
      this.ctx.audit({
        action: 'connection.credential_swapped',
        outcome: 'error',
        connectionId: connection.id,
        tokenId: successor.id,
        detail: swapFailure.code,
      });
      // A later sync succeeds with the old secret until the grace period ends, so the warning must outlive the status.
      this.ctx.notices.add({
        id: `credential-swap:${connection.id}`,
        level: 'warning',
        title: `Re-enter the ${provider} credential of “${connection.label}”`,
        message: `The new secret of “${token.name}” could not be saved in the keychain. Re-enter it for the connection before ${formatTime(graceEndsAt)}, when the old one stops working.`,
      });
      this.ctx.emit('connectionsChanged', null);
    }
    this.changed(connection.id);
    let afterword = `The old token keeps working until ${formatTime(graceEndsAt)}, then stops. Update every integration before then.`;
    if (credentialSwapped)
      afterword += ` This was the token Tokenkeeper itself uses for “${connection.label}”; it now uses the new one.`;
    if (swapFailure !== null) {
      afterword += ` This was the token Tokenkeeper itself uses for “${connection.label}”, but the new secret could not be saved in the keychain (${swapFailure.message}) Copy the secret now and re-enter it for the connection before the old token stops working.`;
    }
    return {
      operationId: op.id,
      kind,
      newToken: rowOf(this.ctx, successor, connection),
      secretId,
      needsConfirmation: false,
      afterword,
      credentialSwapped,
    };
  }

  private async rotationFailed(
    op: OperationRecord,
    connection: ConnectionRecord,
    adapter: ProviderAdapter,
    actx: AdapterContext,
    token: TokenRecord,
    known: Set<string>,
    kind: 'reset_with_grace' | 'in_place_immediate',
    error: unknown,
  ): Promise<AppError> {
    const provider = adapter.descriptor.name;
    const failure =
      error instanceof AppError
        ? error
        : new AppError(
            'internal',
            'The rotation failed inside Tokenkeeper. Nothing was retried; sync to see the provider’s state.',
          );
    this.runtime.noteFailure(connection, error);
    const effect = error instanceof HttpError ? error.effect : 'none';
    if (effect === 'none') {
      return this.endFailed(op, 'failed', failure, {
        action: 'token.rotate',
        connectionId: connection.id,
        tokenId: token.id,
        detail: failure.code,
      });
    }
    const listing = await listForReconcile(adapter, actx);
    if (!listing.ok) {
      const ambiguous = new AppError(
        'ambiguous',
        `${failure.message} Tokenkeeper did not retry, and could not check ${provider} afterwards. Sync, then look at “${token.name}”: if it was rotated, its new secret was never shown.`,
      );
      return this.endFailed(op, 'ambiguous', ambiguous, {
        action: 'token.rotate',
        connectionId: connection.id,
        tokenId: token.id,
        detail: 'outcome unknown',
      });
    }
    const evidence = rotationEvidence(kind, token, listing.tokens, known, op.startedAt);
    if (!evidence.happened) {
      const checked = new AppError(
        failure.code,
        `${failure.message} Tokenkeeper checked ${provider} afterwards: “${token.name}” was not rotated, so nothing changed. You can try again.`,
      );
      return this.endFailed(op, 'failed', checked, {
        action: 'token.rotate',
        connectionId: connection.id,
        tokenId: token.id,
        detail: 'not rotated (checked)',
      });
    }
    const now = this.ctx.now();
    let message: string;
    let resultTokenId: string;
    if (kind === 'in_place_immediate') {
      const current = evidence.current;
      this.ctx.db.transaction(() => {
        this.ctx.repos.tokens.save({
          ...token,
          expiresAt: current?.expiresAt ?? token.expiresAt,
          lastUsedAt: current?.lastUsedAt ?? null,
          usage: current?.usage ?? [],
          updatedAt: now,
        });
      })();
      resultTokenId = token.id;
      message = `${provider} rotated “${token.name}”, but the new secret never reached Tokenkeeper, and the old secret no longer works. Tokenkeeper did not retry. Rotate it again to get a secret you can use.`;
    } else {
      const graceEndsAt = evidence.current?.expiresAt ?? graceEndFrom(adapter, now);
      const successor = this.ctx.db.transaction(() =>
        this.storeSuccessor(connection, token, evidence.successor as RemoteToken, graceEndsAt, false),
      )();
      resultTokenId = successor.id;
      message = `${provider} reset “${token.name}”, but the new secret never reached Tokenkeeper. Tokenkeeper did not retry. The old token stops working at ${formatTime(graceEndsAt)}; reset the new token here to get a secret you can use.`;
      if (token.isConnectionCredential) {
        message += ` This was the token Tokenkeeper itself uses for “${connection.label}”: do that before ${formatTime(graceEndsAt)}, or the connection stops working.`;
        this.ctx.notices.add({
          id: `credential-swap:${connection.id}`,
          level: 'warning',
          title: `The ${provider} credential of “${connection.label}” stops working at ${formatTime(graceEndsAt)}`,
          message: `“${token.name}” was reset, but its new secret never reached Tokenkeeper. Reset the new “${token.name}” here (or create a token at ${provider}) and re-enter it for the connection before then.`,
        });
      }
    }
    const ambiguous = new AppError('ambiguous', message);
    this.endFailed(
      op,
      'ambiguous',
      ambiguous,
      {
        action: 'token.rotate',
        connectionId: connection.id,
        tokenId: token.id,
        detail: 'rotated but the new secret was lost',
      },
      resultTokenId,
    );
    this.changed(connection.id);
    return ambiguous;
  }

  /** smoxy: create the successor with the same organizations; the old one is deleted on confirmation. */
  private async rotateByCreating(token: TokenRecord, connection: ConnectionRecord): Promise<RotationStart> {
    const { adapter, actx } = this.remote(connection);
    const provider = adapter.descriptor.name;
    const now = this.ctx.now();
    const rows = this.ctx.repos.tokens.listByConnection(connection.id);
    const live = rows.filter(isLive);
    const name = successorName(token.name, new Set(live.map((t) => t.name)), now);
    let expiresAt: number | null = null;
    if (token.expiresAt !== null) {
      const validity =
        token.createdAt !== null && token.expiresAt > token.createdAt
          ? token.expiresAt - token.createdAt
          : 365 * DAY_MS;
      expiresAt = now + Math.max(DAY_MS, validity);
    }
    const request = adapter.checkCreate(
      {
        connectionId: connection.id,
        accountId: null,
        name,
        expiresAt,
        organizations: (token.scope.organizations ?? []).map((o) => o.id),
      },
      connection,
      live,
      now,
    );
    const { op, minted, secretId } = await this.mint(connection, adapter, actx, request, () =>
      this.beginOp('rotate', connection, token, token.name, {
        kind: 'create_then_delete',
        successorName: request.name,
        expiresAt: request.expiresAt,
        organizations: request.organizations,
      }),
    );
    const successor = this.ctx.db.transaction(() => {
      const row = this.storeRemote(connection, minted.token, { replacesId: token.id });
      this.ctx.repos.tokens.save({ ...token, replacedById: row.id, updatedAt: this.ctx.now() });
      this.finishOp(op, 'awaiting_confirmation', { resultTokenId: row.id, secretPending: true });
      return row;
    })();
    this.ctx.audit({
      action: 'token.rotate',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: token.id,
      detail: `Created successor “${successor.name}” at ${provider}`,
    });
    this.changed(connection.id);
    return {
      operationId: op.id,
      kind: 'create_then_delete',
      newToken: rowOf(this.ctx, successor, connection),
      secretId,
      needsConfirmation: true,
      afterword: `The new token “${successor.name}” is ready. Update every integration to use it, then confirm, and Tokenkeeper deletes the old token at ${provider} (“${token.name}”); that takes effect immediately.${token.legacy ? ' The new token is a personal access token, replacing the legacy one.' : ''}`,
      credentialSwapped: false,
    };
  }

  async recordManualRotation(
    operationId: string,
    input: Omit<TrackedTokenInput, 'connectionId'>,
  ): Promise<TokenRow> {
    const { op, old, connection } = this.requireOpenRotation(operationId);
    if (op.kind !== 'manual_rotate')
      throw new AppError(
        'conflict',
        'This rotation is done through the provider’s API; there is nothing to record by hand.',
      );
    validateTracked(input, this.ctx.providers.descriptor(connection.provider), this.ctx.now());
    let record: TokenRecord;
    const previous = op.resultTokenId === null ? null : this.ctx.repos.tokens.get(op.resultTokenId);
    if (previous !== null) {
      // Recorded before: correct that entry rather than adding a second one.
      await tokenHandlers(this.ctx).updateTrackedToken({ tokenId: previous.id, ...input });
      record = this.ctx.repos.tokens.get(previous.id) as TokenRecord;
    } else {
      const row = await tokenHandlers(this.ctx).addTrackedToken({ connectionId: connection.id, ...input });
      record = this.ctx.repos.tokens.get(row.id) as TokenRecord;
    }
    const now = this.ctx.now();
    const linked: TokenRecord = { ...record, replacesId: old.id, updatedAt: now };
    this.ctx.db.transaction(() => {
      this.ctx.repos.tokens.save(linked);
      this.ctx.repos.tokens.save({ ...old, replacedById: linked.id, updatedAt: now });
      this.ctx.repos.operations.save({ ...op, resultTokenId: linked.id });
    })();
    this.ctx.audit({
      action: 'token.rotate.record',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: old.id,
      detail: `Recorded “${linked.name}” as the successor of “${old.name}”`,
    });
    this.changed(connection.id);
    return rowOf(this.ctx, linked, connection);
  }

  async finishRotation(operationId: string): Promise<TokenRow> {
    const { op, old, connection } = this.requireOpenRotation(operationId);
    const successor = op.resultTokenId === null ? null : this.ctx.repos.tokens.get(op.resultTokenId);
    if (successor === null) {
      throw invalidInput(
        op.kind === 'manual_rotate'
          ? 'Record the new token first (name, created, expiry), then confirm.'
          : 'The new token of this rotation is no longer in the cache. Sync, then check the token at the provider.',
      );
    }
    if (op.kind === 'manual_rotate') {
      const now = this.ctx.now();
      this.ctx.db.transaction(() => {
        this.ctx.repos.tokens.save({ ...old, state: 'retired', replacedById: successor.id, updatedAt: now });
        this.finishOp(op, 'succeeded');
      })();
      this.ctx.audit({
        action: 'token.rotate.finish',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: old.id,
        detail: `Retired “${old.name}”; “${successor.name}” replaces it`,
      });
      this.changed(connection.id);
      return rowOf(this.ctx, successor, connection);
    }
    // create_then_delete: delete the old token at the provider.
    this.requireApi(connection, 'revoke');
    return this.runtime.locks.run(connection.id, async () => {
      await this.deleteRemote(old, connection, 'delete_old', { rotation: op.id });
      this.finishOp(op, 'succeeded');
      this.ctx.audit({
        action: 'token.rotate.finish',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId: old.id,
        detail: `Deleted “${old.name}”; “${successor.name}” replaces it`,
      });
      this.changed(connection.id);
      const fresh = this.ctx.repos.tokens.get(successor.id) ?? successor;
      return rowOf(this.ctx, fresh, connection);
    });
  }

  abandonRotation(operationId: string): null {
    const { op, old, connection } = this.requireOpenRotation(operationId);
    const now = this.ctx.now();
    const successor = op.resultTokenId === null ? null : this.ctx.repos.tokens.get(op.resultTokenId);
    this.ctx.db.transaction(() => {
      // Both tokens stay as they are; they simply no longer form a rotation.
      this.ctx.repos.tokens.save({ ...old, replacedById: null, updatedAt: now });
      if (successor !== null) this.ctx.repos.tokens.save({ ...successor, replacesId: null, updatedAt: now });
      this.finishOp(op, 'abandoned');
    })();
    const left =
      successor !== null && successor.origin === 'synced'
        ? ` “${successor.name}” stays; revoke it if you do not need it.`
        : '';
    this.ctx.audit({
      action: 'token.rotate.abandon',
      outcome: 'info',
      connectionId: connection.id,
      tokenId: old.id,
      detail: `Rotation of “${old.name}” abandoned; it stays active.${left}`,
    });
    this.changed(connection.id);
    return null;
  }

  // -------------------------------------------------------------------------------------------
  // Revoke
  // -------------------------------------------------------------------------------------------

  async revoke(tokenId: string): Promise<TokenRow> {
    const { token, connection } = requireToken(this.ctx, tokenId);
    if (!isLive(token)) throw new AppError('conflict', `“${token.name}” is already ${token.state}.`);
    const descriptor = this.ctx.providers.descriptor(connection.provider);
    const remote =
      token.origin === 'synced' &&
      connection.mode === 'api' &&
      descriptor.hasApi &&
      descriptor.capabilities.revoke;
    if (!remote) {
      const next: TokenRecord = { ...token, state: 'retired', updatedAt: this.ctx.now() };
      this.ctx.repos.tokens.save(next);
      this.closeRotationsOf(token);
      this.ctx.audit({
        action: 'token.revoke',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId,
        detail: `Marked “${token.name}” retired (tracked)`,
      });
      this.changed(connection.id);
      return rowOf(this.ctx, next, connection);
    }
    if (token.isConnectionCredential) {
      throw new AppError(
        'conflict',
        `“${token.name}” is the token Tokenkeeper itself uses for “${connection.label}”. Revoking it would cut the connection off. Re-enter a different token for the connection first, or remove the connection.`,
      );
    }
    return this.runtime.locks.run(connection.id, async () => {
      const fresh = requireToken(this.ctx, tokenId).token;
      const next = await this.deleteRemote(fresh, connection, 'revoke', {});
      this.closeRotationsOf(fresh);
      this.ctx.audit({
        action: 'token.revoke',
        outcome: 'ok',
        connectionId: connection.id,
        tokenId,
        detail: `Revoked “${fresh.name}” at ${descriptor.name}`,
      });
      this.changed(connection.id);
      return rowOf(this.ctx, next, connection);
    });
  }

  /** A revoked old token ends any rotation still waiting on it. */
  private closeRotationsOf(token: TokenRecord): void {
    const open = this.openRotationFor(token.id);
    if (open !== null) this.finishOp(open, 'succeeded');
  }

  /**
   * Deletes a token at the provider (journaled), marks it revoked, and returns the new row.
   * Already gone (404): the same. Unclear outcome: list and check.
   */
  private async deleteRemote(
    token: TokenRecord,
    connection: ConnectionRecord,
    kind: 'revoke' | 'delete_old',
    request: Record<string, unknown>,
  ): Promise<TokenRecord> {
    const { adapter, actx } = this.remote(connection);
    const provider = adapter.descriptor.name;
    const op = this.beginOp(kind, connection, token, token.name, request);
    const markRevoked = (): TokenRecord => {
      const next: TokenRecord = {
        ...token,
        state: 'revoked',
        isConnectionCredential: false,
        updatedAt: this.ctx.now(),
      };
      this.ctx.db.transaction(() => {
        this.ctx.repos.tokens.save(next);
        this.finishOp(op, 'succeeded', { resultTokenId: token.id });
      })();
      return next;
    };
    try {
      await adapter.revoke(actx, token);
      return markRevoked();
    } catch (error) {
      if (error instanceof HttpError && error.code === 'not_found') {
        this.ctx.audit({
          action: `token.${kind}`,
          outcome: 'info',
          connectionId: connection.id,
          tokenId: token.id,
          detail: `“${token.name}” was already gone at ${provider}`,
        });
        return markRevoked();
      }
      this.runtime.noteFailure(connection, error);
      const failure =
        error instanceof AppError
          ? error
          : new AppError('internal', 'Revoking failed inside Tokenkeeper. Sync to see the token’s state.');
      const effect = error instanceof HttpError ? error.effect : 'none';
      if (effect === 'none') {
        throw this.endFailed(op, 'failed', failure, {
          action: `token.${kind}`,
          connectionId: connection.id,
          tokenId: token.id,
          detail: failure.code,
        });
      }
      const listing = await listForReconcile(adapter, actx);
      if (!listing.ok) {
        const ambiguous = new AppError(
          'ambiguous',
          `${failure.message} Tokenkeeper could not check ${provider} afterwards. Sync to see whether “${token.name}” still exists, then try again if it does.`,
        );
        this.finishOp(op, 'ambiguous', { error: ambiguous });
        throw ambiguous;
      }
      if (!listing.tokens.some((t) => remoteKey(t) === remoteKey(token))) {
        this.ctx.audit({
          action: `token.${kind}`,
          outcome: 'info',
          connectionId: connection.id,
          tokenId: token.id,
          detail: 'confirmed gone after an unclear answer',
        });
        return markRevoked();
      }
      const checked = new AppError(
        failure.code,
        `${failure.message} Tokenkeeper checked ${provider} afterwards: “${token.name}” still exists. You can try again.`,
      );
      this.finishOp(op, 'failed', { error: checked });
      throw checked;
    }
  }
}

const services = new WeakMap<CoreContext, TokenOperations>();

export function tokenOperations(ctx: CoreContext): TokenOperations {
  let service = services.get(ctx);
  if (service === undefined) {
    service = new TokenOperations(ctx);
    services.set(ctx, service);
  }
  return service;
}

/** When the old token of a reset stops working, when the provider does not say: its documented grace. */
function graceEndFrom(
  adapter: { descriptor: { capabilities: { graceSeconds?: number | null } } },
  now: number,
): number {
  return now + (adapter.descriptor.capabilities.graceSeconds ?? 0) * 1000;
}
