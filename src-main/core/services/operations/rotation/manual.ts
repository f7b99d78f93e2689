/**
 * Manual rotation (smenso, and every tracked token): the user rotates in the provider's console,
 * guided step by step; Tokenkeeper records the new token they enter and, on confirmation, retires
 * the old one. It never sees the new secret.
 */
import type { TokenRow } from '../../../../../src-preload/contract';
import type { TokenRecord } from '../../../db/repositories/tokens';
import { AppError } from '../../../errors';
import { manualRotationSteps } from '../../rotation-plan';
import { carryOverAnnotation } from '../../annotations';
import { validateTracked, type TrackedFields } from '../../tokens';
import type { OperationKit } from '../kit';
import { closeConfirmedRotation, requireOpenRotation } from './open-rotation';
import type { RotationStrategy } from './strategy';

export const manual: RotationStrategy = {
  kind: 'manual',
  throughApi: false,

  async start(kit, token, connection, options) {
    const descriptor = kit.ctx.providers.descriptor(connection.provider);
    const op = kit.journal.begin(
      {
        kind: 'manual_rotate',
        connection,
        token,
        tokenName: token.name,
        // The carry-over consent waits here until the user records the successor.
        request: { kind: 'manual', carryOverAnnotation: options.carryOverAnnotation === true },
        state: 'awaiting_confirmation',
      },
      {
        action: 'token.rotate.start',
        outcome: 'info',
        connectionId: connection.id,
        tokenId: token.id,
        detail: `Manual rotation of “${token.name}” started`,
      },
    );
    return {
      operationId: op.id,
      kind: 'manual',
      newToken: null,
      secretId: null,
      needsConfirmation: true,
      afterword: `${manualRotationSteps(descriptor.name).join(' ')} Tokenkeeper never sees the new secret.`,
      credentialSwapped: false,
    };
  },

  async finish(kit, rotation) {
    const { ctx } = kit;
    const { old, successor, connection } = rotation;
    const now = ctx.now();
    ctx.db.transaction(() => {
      ctx.repos.tokens.save({ ...old, state: 'retired', replacedById: successor.id, updatedAt: now });
      closeConfirmedRotation(kit, rotation, 'Retired');
    })();
    kit.changed(connection.id);
    return kit.tokens.rowOf(successor, connection);
  },
};

/** Records the token the user made in the console as the successor (again: corrects that entry). */
export async function recordManualRotation(
  kit: OperationKit,
  operationId: string,
  input: TrackedFields,
): Promise<TokenRow> {
  const { ctx, tokens } = kit;
  const { op, old, connection } = requireOpenRotation(kit, operationId);
  if (op.kind !== 'manual_rotate')
    throw new AppError(
      'conflict',
      'This rotation is done through the provider’s API; there is nothing to record by hand.',
    );
  validateTracked(input, ctx.providers.descriptor(connection.provider), ctx.now());
  const previous = op.resultTokenId === null ? null : ctx.repos.tokens.get(op.resultTokenId);
  // Recorded before: correct that entry rather than adding a second one.
  // The successor inherits the old token's note unless the user wrote one of its own.
  const kept = { ...input, note: input.note ?? ctx.repos.annotations.get(old.id)?.note ?? null };
  const recorded =
    previous !== null
      ? tokens.updateTracked(previous.id, kept)
      : tokens.addTracked({ connectionId: connection.id, ...kept });
  const record = ctx.repos.tokens.get(recorded.id) as TokenRecord;
  const now = ctx.now();
  const linked: TokenRecord = { ...record, replacesId: old.id, updatedAt: now };
  ctx.db.transaction(() => {
    ctx.repos.tokens.save(linked);
    ctx.repos.tokens.save({ ...old, replacedById: linked.id, updatedAt: now });
    if (previous === null && op.request.carryOverAnnotation === true)
      carryOverAnnotation(ctx, old.id, linked.id, { note: kept.note });
    kit.journal.linkResult(op, linked.id, {
      action: 'token.rotate.record',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: old.id,
      detail: `Recorded the new token “${linked.name}” as the successor of the old token “${old.name}”`,
    });
  })();
  kit.changed(connection.id);
  return tokens.rowOf(linked, connection);
}
