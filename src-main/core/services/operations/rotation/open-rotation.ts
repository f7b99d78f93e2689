/** Finding a rotation that waits for the user (to record a manual successor, confirm or abandon it). */
import type { ConnectionRecord } from '../../../db/repositories/connections';
import type { OperationRecord } from '../../../db/repositories/operations';
import type { TokenRecord } from '../../../db/repositories/tokens';
import { AppError, notFound } from '../../../errors';
import type { OperationKit } from '../kit';
import type { OpenRotation } from './strategy';

export function requireOpenRotation(
  kit: OperationKit,
  operationId: string,
): { op: OperationRecord; old: TokenRecord; connection: ConnectionRecord } {
  const op = kit.ctx.repos.operations.get(operationId);
  if (op === null || (op.kind !== 'rotate' && op.kind !== 'manual_rotate')) throw notFound('That rotation');
  if (op.state !== 'awaiting_confirmation') {
    throw new AppError(
      'conflict',
      op.state === 'succeeded' ? 'This rotation is already finished.' : 'This rotation is no longer open.',
    );
  }
  if (op.tokenId === null) throw notFound('The token this rotation started from');
  const { token, connection } = kit.tokens.require(op.tokenId);
  return { op, old: token, connection };
}

/** Ends a confirmed rotation: its journal row, and the line saying what became of the old token. */
export function closeConfirmedRotation(
  kit: OperationKit,
  { op, old, successor, connection }: OpenRotation,
  happened: 'Deleted' | 'Retired',
): void {
  kit.journal.finish(
    op,
    'succeeded',
    {},
    {
      action: 'token.rotate.finish',
      outcome: 'ok',
      connectionId: connection.id,
      tokenId: old.id,
      // "Old" and "new" said outright: the two often share a name.
      detail: `${happened} the old token “${old.name}”; the new token “${successor.name}” replaces it`,
    },
  );
}
