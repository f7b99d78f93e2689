/**
 * Handlers: providers and connections. The work is in services/connection-setup.ts (adding a
 * connection: API connections through the provider adapters; tracked connections record tokens
 * by hand) and services/connection-maintenance.ts (everything after).
 */
import type { Handlers } from '../ipc/dispatch';
import type { ProviderRegistry } from '../providers/registry';
import type { ConnectionMaintenance } from '../services/connection-maintenance';
import type { ConnectionSetup } from '../services/connection-setup';

export function connectionHandlers(
  providers: ProviderRegistry,
  setup: ConnectionSetup,
  connections: ConnectionMaintenance,
): Pick<
  Handlers,
  | 'listProviders'
  | 'listConnections'
  | 'beginConnection'
  | 'completeConnection'
  | 'cancelConnection'
  | 'testConnection'
  | 'updateConnection'
  | 'updateCredential'
  | 'signIn'
  | 'signOut'
  | 'removeConnection'
> {
  return {
    listProviders() {
      return providers.modules.map((m) => m.descriptor);
    },
    listConnections() {
      return connections.list();
    },
    beginConnection(input) {
      return setup.begin(input);
    },
    completeConnection(input) {
      return setup.complete(input);
    },
    cancelConnection({ draftId }) {
      setup.cancel(draftId);
      return null;
    },
    testConnection({ connectionId }) {
      return connections.test(connectionId);
    },
    updateConnection(input) {
      return connections.update(input);
    },
    updateCredential({ connectionId, fields }) {
      return connections.updateCredential(connectionId, fields);
    },
    signIn(input) {
      return connections.signIn(input);
    },
    signOut({ connectionId }) {
      return connections.signOut(connectionId);
    },
    async removeConnection({ connectionId }) {
      await connections.remove(connectionId);
      return null;
    },
  };
}
