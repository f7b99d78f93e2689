/**
 * Handlers: providers and connections. The work is in services/connection-setup.ts (API
 * connections through the provider adapters; tracked connections record tokens by hand).
 */
import type { CoreContext } from '../context';
import type { Handlers } from '../ipc/dispatch';
import { ConnectionSetup, recoverConnectionStates } from '../services/connection-setup';

export function connectionHandlers(
  ctx: CoreContext,
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
  recoverConnectionStates(ctx);
  const setup = new ConnectionSetup(ctx);

  return {
    listProviders() {
      return ctx.providers.modules.map((m) => m.descriptor);
    },
    listConnections() {
      return setup.list();
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
      return setup.test(connectionId);
    },
    updateConnection(input) {
      return setup.update(input);
    },
    updateCredential({ connectionId, fields }) {
      return setup.updateCredential(connectionId, fields);
    },
    signIn(input) {
      return setup.signIn(input);
    },
    signOut({ connectionId }) {
      return setup.signOut(connectionId);
    },
    async removeConnection({ connectionId }) {
      await setup.remove(connectionId);
      return null;
    },
  };
}
