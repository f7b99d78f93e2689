/**
 * Rotation that updates its consumers. After the provider mints the successor:
 * 1. each delivery target, in order, gets the new secret and is verified (a hash read back, an
 *    exit status); each step is journaled in `delivery_steps` (target, started, outcome, a
 *    receipt; never the secret) with an audit line;
 * 2. the new token must authenticate at the provider (the adapter's optional `authenticates`);
 * 3. only then is the old token retired (the rotation finished: deleted at the provider), or,
 *    for a provider whose reset gives a grace period, left to run out.
 * Where the provider can replace a token, the rotation is a replacement (create then delete),
 * so the old token keeps working until step 3. Any failure stops the run: the old token stays,
 * the answer names which targets have the new secret, and Retry may resume from the first
 * unverified target while main still holds the secret (DeliveryHold, 15 minutes, memory only).
 * A crash mid-delivery leaves steps `delivering`; the next start reports them (interrupted.ts).
 */
import type { DeliveryRun, RotationStart } from '../../../../src-preload/contract';
import type { CoreContext } from '../../context';
import type { DeliveryStepRecord } from '../../db/repositories/delivery';
import type { OperationRecord } from '../../db/repositories/operations';
import { AppError, invalidInput, toApiError } from '../../errors';
import type { StartRotationOptions } from '../operations/rotation/strategy';
import type { ProviderRuntime } from '../provider-runtime';
import type { TokenOperations } from '../token-operations';
import type { TokensService } from '../tokens';
import type { DeliveryHold } from './hold';
import { runView } from './run-view';
import type { DeliveryTargets } from './targets';
import type { DeliveryConnectionResolver, DeliveryContext, SpawnPort } from './target-kind';

export interface DeliveryPipelineDeps {
  ctx: CoreContext;
  operations: TokenOperations;
  runtime: ProviderRuntime;
  tokens: TokensService;
  targets: DeliveryTargets;
  hold: DeliveryHold;
  spawn: SpawnPort;
  /** The remote kinds' delivery connections (core.ts passes the DeliveryConnectionManager); absent: remote targets are refused. */
  connections?: DeliveryConnectionResolver;
}

type Stop = { stoppedBecause: string; authenticated?: boolean | null };

export class DeliveryPipeline {
  constructor(private readonly deps: DeliveryPipelineDeps) {}

  /** Rotates the token, then delivers, verifies, checks the new token and retires the old one. */
  async rotate(tokenId: string, options: StartRotationOptions): Promise<DeliveryRun> {
    const { ctx, targets } = this.deps;
    const records = targets.records(tokenId);
    if (records.length === 0) throw invalidInput('Add a delivery target first, or rotate without delivery.');
    for (const record of records) {
      if (targets.kind(record.kind) === undefined)
        throw invalidInput(
          `“${targets.describe(record)}” cannot be updated by this version; remove it first.`,
        );
    }
    // `options.confirmation` (a password, a one-time code) goes to the successor's create and no
    // further: the hold below keeps only the new secret, the steps only targets and receipts.
    const start = await this.deps.operations.startRotation(tokenId, { ...options, preferReplacement: true });
    if (start.secretId === null) {
      if (start.kind === 'manual') this.deps.operations.abandonRotation(start.operationId);
      throw new AppError(
        'not_supported',
        'This token is rotated by hand in the provider’s console; Tokenkeeper cannot deliver it.',
      );
    }
    const secret = ctx.vault.take(start.secretId);
    // The secret is now main's to deliver: it is not waiting for the copy-once dialog.
    ctx.repos.operations.markSecretShown(start.operationId);
    ctx.db.transaction(() => {
      records.forEach((record, position) =>
        ctx.repos.delivery.saveStep({
          operationId: start.operationId,
          position,
          targetId: record.id,
          kind: record.kind,
          description: targets.describe(record),
          state: 'waiting',
          startedAt: null,
          finishedAt: null,
          error: null,
          receipt: {},
        }),
      );
    })();
    this.deps.hold.keep(start.operationId, secret);
    return this.run(start.operationId, secret, start);
  }

  /** Resumes a stopped run from its first unverified target, with the secret main still holds. */
  async retry(operationId: string): Promise<DeliveryRun> {
    const secret = this.deps.hold.get(operationId);
    if (this.deps.ctx.repos.delivery.steps(operationId).length === 0)
      throw invalidInput('This rotation has no deliveries.');
    if (secret === null)
      throw new AppError(
        'conflict',
        'Tokenkeeper no longer holds the new token (it keeps it in memory for 15 minutes at most). Abandon this rotation, revoke the new token, and rotate again.',
      );
    return this.run(operationId, secret, null);
  }

  private async run(operationId: string, secret: string, start: RotationStart | null): Promise<DeliveryRun> {
    const { ctx } = this.deps;
    const op = ctx.repos.operations.get(operationId);
    if (op === null || op.tokenId === null) throw invalidInput('This rotation is no longer known.');
    const stop = (await this.deliverAll(op, secret)) ?? (await this.authenticate(op, secret));
    let retired: string | null = null;
    let stopped: Stop | null = stop !== null && 'stoppedBecause' in stop ? stop : null;
    const authenticated = stop === null ? null : (stop.authenticated ?? null);
    if (stopped === null) {
      try {
        retired = await this.retire(op);
        this.deps.hold.drop(operationId);
        ctx.repos.delivery.afterRotation(op.tokenId, op.resultTokenId ?? op.tokenId, ctx.now());
      } catch (error) {
        stopped = {
          stoppedBecause: `Every target has the new token, but retiring the old one failed: ${toApiError(error).message}`,
        };
      }
    }
    return runView({
      operationId,
      tokenId: op.tokenId,
      tokenName: op.tokenName,
      provider: this.providerName(op),
      steps: ctx.repos.delivery.steps(operationId),
      authenticated:
        stopped === null
          ? (authenticated ?? stop?.authenticated ?? null)
          : (stopped.authenticated ?? authenticated),
      stoppedBecause: stopped?.stoppedBecause ?? null,
      retired,
      retryUntil: this.deps.hold.until(operationId),
      newToken: start?.newToken ?? this.successorRow(op),
    });
  }

  /** Each target not yet verified, in order; the first failure stops the run. */
  private async deliverAll(op: OperationRecord, secret: string): Promise<Stop | null> {
    const { ctx, targets } = this.deps;
    const records = new Map(targets.records(op.tokenId ?? '').map((r) => [r.id, r]));
    for (const step of ctx.repos.delivery.steps(op.id)) {
      if (step.state === 'verified') continue;
      const save = (changes: Partial<DeliveryStepRecord>) => {
        Object.assign(step, changes);
        ctx.repos.delivery.saveStep(step);
      };
      save({ state: 'delivering', startedAt: ctx.now(), finishedAt: null, error: null });
      try {
        const record = records.get(step.targetId);
        const kind = record === undefined ? undefined : targets.kind(record.kind);
        if (record === undefined || kind === undefined)
          throw invalidInput('This target was removed while the rotation waited.');
        const config = kind.parse(record.config);
        const context = await this.contextFor(kind.needsConnection !== null, config);
        const receipt = await kind.deliver(config, secret, context);
        const check = await kind.verify(config, secret, receipt, context);
        if (!check.verified) throw new AppError('conflict', check.reason);
        ctx.db.transaction(() => {
          save({ state: 'verified', finishedAt: ctx.now(), receipt });
          this.audit(
            op,
            'ok',
            `Delivered the new token of “${op.tokenName}” to “${step.description}” and verified it`,
          );
        })();
      } catch (error) {
        const message = toApiError(error).message;
        ctx.db.transaction(() => {
          save({ state: 'failed', finishedAt: ctx.now(), error: message });
          this.audit(
            op,
            'error',
            `Delivering the new token of “${op.tokenName}” to “${step.description}” failed: ${message}`,
          );
        })();
        return { stoppedBecause: `Stopped at target ${step.position + 1}: ${message}` };
      }
    }
    return null;
  }

  /** The new token must work at the provider before the old one goes. */
  private async authenticate(
    op: OperationRecord,
    secret: string,
  ): Promise<Stop | { authenticated: boolean | null } | null> {
    const connection = op.connectionId === null ? null : this.deps.ctx.repos.connections.get(op.connectionId);
    if (connection === null) return { stoppedBecause: 'The connection of this rotation was removed.' };
    const { adapter, ctx: actx } = this.deps.runtime.contextFor(connection);
    if (adapter.authenticates === undefined) return { authenticated: null };
    const provider = adapter.descriptor.name;
    try {
      if (await adapter.authenticates(actx, secret)) {
        this.audit(op, 'ok', `The new token of “${op.tokenName}” authenticates at ${provider}`);
        return { authenticated: true };
      }
      this.audit(op, 'error', `The new token of “${op.tokenName}” does not authenticate at ${provider}`);
      return { stoppedBecause: `${provider} does not accept the new token.`, authenticated: false };
    } catch (error) {
      const message = toApiError(error).message;
      this.audit(
        op,
        'error',
        `Could not check the new token of “${op.tokenName}” at ${provider}: ${message}`,
      );
      return { stoppedBecause: `Could not check that the new token works at ${provider}: ${message}` };
    }
  }

  /** Finishes the rotation: a replacement deletes the old token now; a reset's grace runs out by itself. */
  private async retire(op: OperationRecord): Promise<string> {
    const fresh = this.deps.ctx.repos.operations.get(op.id) ?? op;
    if (fresh.state === 'awaiting_confirmation') {
      await this.deps.operations.finishRotation(op.id);
      return `the old token “${op.tokenName}” was deleted at ${this.providerName(op)}`;
    }
    const old = op.tokenId === null ? null : this.deps.ctx.repos.tokens.get(op.tokenId);
    return old?.graceEndsAt != null
      ? `the old token “${op.tokenName}” stops working at the end of its grace period`
      : 'the rotation is finished';
  }

  private async contextFor(remote: boolean, config: Record<string, unknown>): Promise<DeliveryContext> {
    const base: DeliveryContext = { clock: this.deps.ctx.deps.clock, spawn: this.deps.spawn };
    if (!remote) return base;
    const connectionId = typeof config.connectionId === 'string' ? config.connectionId : '';
    if (this.deps.connections === undefined || connectionId === '')
      throw invalidInput('This target needs a delivery connection; edit the target and pick one.');
    return { ...base, ...(await this.deps.connections.resolve(connectionId)) };
  }

  private audit(op: OperationRecord, outcome: 'ok' | 'error', detail: string): void {
    this.deps.ctx.audit({
      action: 'token.delivery',
      outcome,
      connectionId: op.connectionId,
      tokenId: op.tokenId,
      detail,
    });
  }

  private providerName(op: OperationRecord): string {
    const connection = op.connectionId === null ? null : this.deps.ctx.repos.connections.get(op.connectionId);
    return connection === null
      ? 'the provider'
      : this.deps.ctx.providers.descriptor(connection.provider).name;
  }

  private successorRow(op: OperationRecord) {
    const { ctx, tokens } = this.deps;
    const successor = op.resultTokenId === null ? null : ctx.repos.tokens.get(op.resultTokenId);
    const connection = successor === null ? null : ctx.repos.connections.get(successor.connectionId);
    return successor === null || connection === null ? null : tokens.rowOf(successor, connection);
  }
}
