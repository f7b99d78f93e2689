/**
 * Rotations: what every kind shares. Starting checks the token's plan and that no other rotation
 * of it is open, then hands over to the kind's strategy (under the connection's lock when it calls
 * the provider). Finishing hands a confirmed rotation to its strategy; abandoning is the same for
 * all kinds.
 */
import type { RotationKind, RotationStart, TokenRow } from '../../../../../src-preload/contract';
import type { OperationRecord } from '../../../db/repositories/operations';
import { AppError, invalidInput } from '../../../errors';
import { liveNames, planRotation } from '../../rotation-plan';
import { carryOverAnnotation } from '../../annotations';
import { requireApi, type OperationKit } from '../kit';
import { inPlaceImmediate } from './in-place';
import { manual } from './manual';
import { replaceAndRevoke } from './replace-and-revoke';
import { requireOpenRotation } from './open-rotation';
import { resetWithGrace } from './reset-with-grace';
import type { RotationStrategy, StartRotationOptions } from './strategy';

/** One strategy per kind of rotation the contract names. */
export const ROTATION_STRATEGIES: Record<RotationKind, RotationStrategy> = {
  reset_with_grace: resetWithGrace,
  in_place_immediate: inPlaceImmediate,
  create_then_delete: replaceAndRevoke,
  manual,
};

/** The strategy an open rotation was started with. */
function strategyOf(op: OperationRecord): RotationStrategy | undefined {
  if (op.kind === 'manual_rotate') return ROTATION_STRATEGIES.manual;
  const kind = rotationKindOf(op.request.kind);
  return kind === null ? undefined : ROTATION_STRATEGIES[kind];
}

function rotationKindOf(value: unknown): RotationKind | null {
  return typeof value === 'string' && value in ROTATION_STRATEGIES ? (value as RotationKind) : null;
}

export async function startRotation(
  kit: OperationKit,
  tokenId: string,
  options: StartRotationOptions = {},
): Promise<RotationStart> {
  const started = await startWithStrategy(kit, tokenId, options);
  // A successor in a row of its own inherits the annotation when the user consented (a manual
  // rotation's successor is recorded later: recordManualRotation does it then).
  if (options.carryOverAnnotation === true && started.newToken !== null)
    carryOverAnnotation(kit.ctx, tokenId, started.newToken.id);
  return started;
}

async function startWithStrategy(
  kit: OperationKit,
  tokenId: string,
  options: StartRotationOptions,
): Promise<RotationStart> {
  const { token, connection } = kit.tokens.require(tokenId);
  const taken = () => liveNames(kit.ctx.repos.tokens.listByConnection(connection.id));
  const plan = planRotation(token, connection, kit.ctx.providers, kit.ctx.now(), taken());
  if (!plan.allowed) throw new AppError('conflict', plan.reason ?? 'This token cannot be rotated.');
  if (kit.journal.openRotationFor(token.id) !== null) {
    throw new AppError(
      'conflict',
      `A rotation of “${token.name}” is already waiting for you. Finish or abandon it first.`,
    );
  }
  if (options.expiresAt !== undefined && plan.successorExpiresAt === undefined)
    throw invalidInput('This rotation keeps the token’s expiry; leave the expiry out.', 'expiresAt');
  if (options.name !== undefined) {
    if (plan.successorName?.editable !== true)
      throw invalidInput('This rotation keeps the token’s name; leave the name out.', 'successorName');
    if (taken().has(options.name))
      throw invalidInput(
        `A token named “${options.name}” already exists here, and names must be unique at ${kit.ctx.providers.descriptor(connection.provider).name}. Choose another name.`,
        'successorName',
      );
  }
  const replace =
    options.preferReplacement === true &&
    plan.kind !== 'manual' &&
    kit.ctx.providers.get(connection.provider).rotation.replace !== undefined;
  const strategy = ROTATION_STRATEGIES[replace ? 'create_then_delete' : plan.kind];
  if (!strategy.throughApi) return strategy.start(kit, token, connection, options);
  requireApi(kit.ctx.providers, connection, 'rotate');
  return kit.runtime.locks.run(connection.id, async () => {
    // Re-read under the lock: a sync may have changed the row while we waited.
    const fresh = kit.tokens.require(tokenId).token;
    const freshPlan = planRotation(fresh, connection, kit.ctx.providers, kit.ctx.now(), taken());
    if (!freshPlan.allowed || freshPlan.kind !== plan.kind)
      throw new AppError('conflict', 'This token changed while waiting; open it again.');
    return strategy.start(kit, fresh, connection, options);
  });
}

export async function finishRotation(kit: OperationKit, operationId: string): Promise<TokenRow> {
  const { op, old, connection } = requireOpenRotation(kit, operationId);
  const successor = op.resultTokenId === null ? null : kit.ctx.repos.tokens.get(op.resultTokenId);
  if (successor === null) {
    throw invalidInput(
      op.kind === 'manual_rotate'
        ? 'Record the new token first (name, created, expiry), then confirm.'
        : 'The new token of this rotation is no longer in the cache. Sync, then check the token at the provider.',
    );
  }
  const strategy = strategyOf(op);
  if (strategy?.finish === undefined) throw new AppError('conflict', 'This rotation is no longer open.');
  return strategy.finish(kit, { op, old, successor, connection });
}

export function abandonRotation(kit: OperationKit, operationId: string): null {
  const { ctx } = kit;
  const { op, old, connection } = requireOpenRotation(kit, operationId);
  const now = ctx.now();
  const successor = op.resultTokenId === null ? null : ctx.repos.tokens.get(op.resultTokenId);
  const left =
    successor !== null && successor.origin === 'synced'
      ? ` “${successor.name}” stays; revoke it if you do not need it.`
      : '';
  ctx.db.transaction(() => {
    // Both tokens stay as they are; they simply no longer form a rotation.
    ctx.repos.tokens.save({ ...old, replacedById: null, updatedAt: now });
    if (successor !== null) ctx.repos.tokens.save({ ...successor, replacesId: null, updatedAt: now });
    kit.journal.finish(
      op,
      'abandoned',
      {},
      {
        action: 'token.rotate.abandon',
        outcome: 'info',
        connectionId: connection.id,
        tokenId: old.id,
        detail: `Rotation of “${old.name}” abandoned; it stays active.${left}`,
      },
    );
  })();
  kit.changed(connection.id);
  return null;
}
