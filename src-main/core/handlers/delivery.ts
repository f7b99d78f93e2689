/**
 * Handlers: delivery targets (a token's list, the kinds' forms, main's own path dialog), rotation
 * with delivery and its retry, and rotation schedules (services/delivery/).
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import type { DeliveryPipeline } from '../services/delivery/pipeline';
import type { RotationSchedules } from '../services/delivery/schedule';
import type { DeliveryTargets } from '../services/delivery/targets';

export function deliveryHandlers(
  ctx: CoreContext,
  targets: DeliveryTargets,
  pipeline: DeliveryPipeline,
  schedules: RotationSchedules,
): Pick<
  Handlers,
  | 'listDeliveryTargetKinds'
  | 'listDeliveryTargets'
  | 'setDeliveryTargets'
  | 'chooseDeliveryPath'
  | 'rotateWithDelivery'
  | 'retryDelivery'
  | 'getRotationSchedule'
  | 'setRotationSchedule'
> {
  return {
    listDeliveryTargetKinds() {
      return targets.kindsInfo();
    },
    listDeliveryTargets({ tokenId }) {
      return targets.list(tokenId);
    },
    setDeliveryTargets({ tokenId, targets: inputs }) {
      const list = targets.set(tokenId, inputs);
      const connectionId = ctx.repos.tokens.get(tokenId)?.connectionId;
      if (connectionId !== undefined) ctx.emit('tokensChanged', { connectionIds: [connectionId] });
      return list;
    },
    async chooseDeliveryPath({ purpose }) {
      const path = await ctx.deps.system.choosePath({
        purpose,
        title: purpose === 'program' ? 'Choose the program to run' : 'Choose the file to update',
      });
      if (path !== null) targets.rememberChosen(path);
      return { path };
    },
    rotateWithDelivery({ tokenId, successorExpiresAt, successorName, carryOverAnnotation, confirmation }) {
      return pipeline.rotate(tokenId, {
        ...(successorExpiresAt === undefined ? {} : { expiresAt: successorExpiresAt }),
        ...(successorName === undefined ? {} : { name: successorName }),
        ...(confirmation === undefined ? {} : { confirmation }),
        carryOverAnnotation: carryOverAnnotation === true,
      });
    },
    retryDelivery({ operationId }) {
      return pipeline.retry(operationId);
    },
    getRotationSchedule({ tokenId }) {
      return schedules.get(tokenId);
    },
    setRotationSchedule({ tokenId, rule, days }) {
      return schedules.set(tokenId, rule, days);
    },
  };
}
