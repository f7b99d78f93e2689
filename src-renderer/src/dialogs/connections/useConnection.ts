import type { Connection, ProviderDescriptor } from '../../types';
import { providerById, useConnections } from '../../stores/connections';

/** A connection and its provider's descriptor, from the store. */
export function useConnection(connectionId: string): {
  connection: Connection | undefined;
  descriptor: ProviderDescriptor | undefined;
} {
  const connection = useConnections((s) => s.connections.find((c) => c.id === connectionId));
  const descriptor = useConnections((s) =>
    connection === undefined ? undefined : providerById(s.providers, connection.provider),
  );
  return { connection, descriptor };
}
