/** The delivery connections' channels: list (with the services offered), add (verified), remove. */
import type { Handlers } from '../ipc/dispatch';
import type { DeliveryConnectionManager } from '../services/delivery/delivery-connections';

export function deliveryConnectionHandlers(
  service: DeliveryConnectionManager,
): Pick<Handlers, 'listDeliveryConnections' | 'addDeliveryConnection' | 'removeDeliveryConnection'> {
  return {
    listDeliveryConnections() {
      return service.list();
    },
    addDeliveryConnection(input) {
      return service.add(input);
    },
    async removeDeliveryConnection({ deliveryConnectionId }) {
      await service.remove(deliveryConnectionId);
      return null;
    },
  };
}
