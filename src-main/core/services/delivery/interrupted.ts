/**
 * At start: a rotation whose deliveries a crash cut short (steps left `delivering`) is reported
 * as a notice with the same per-target picture as a stopped run. The new secret was held in
 * memory only, so it is gone: nothing can be retried; the notice says what to do instead.
 */
import type { CoreContext } from '../../context';
import { targetsPicture } from './run-view';

export function reportInterruptedDeliveries(ctx: CoreContext): number {
  const operationIds = ctx.repos.delivery.takeInterrupted();
  for (const id of operationIds) {
    const op = ctx.repos.operations.get(id);
    const steps = ctx.repos.delivery.steps(id);
    const name = op?.tokenName ?? 'a token';
    const waiting = op?.state === 'awaiting_confirmation';
    ctx.notices.add({
      id: `delivery:${id}`,
      level: 'warning',
      title: `Updating the targets of “${name}” was interrupted`,
      message: `Tokenkeeper stopped while it delivered the new token. ${targetsPicture(steps)} ${
        waiting
          ? 'The old token was kept and still works. The new token is lost (it was held in memory only): open the token, abandon the rotation, revoke the new token, and rotate again.'
          : 'The new token is lost (it was held in memory only): rotate again, so every target gets a token you have.'
      }`,
    });
    ctx.audit({
      action: 'token.delivery',
      outcome: 'error',
      connectionId: op?.connectionId ?? null,
      tokenId: op?.tokenId ?? null,
      detail: `Delivering the new token of “${name}” was interrupted. ${targetsPicture(steps)}`,
    });
  }
  if (operationIds.length > 0)
    ctx.log.warn('deliveries interrupted by the last shutdown', { count: operationIds.length });
  return operationIds.length;
}
