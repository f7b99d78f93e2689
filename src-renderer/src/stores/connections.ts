/** Providers, connections, and the progress of a running sync. */
import { create } from 'zustand';
import type { Connection, ProviderDescriptor, ProviderId, SyncProgress } from '../types';
import { api, unwrap } from '../api';
import { describeError, toApiError } from '../lib/errors';
import { toast } from './toasts';

interface ConnectionsState {
  providers: ProviderDescriptor[];
  connections: Connection[];
  loaded: boolean;
  error: string | null;
  /** Per connection, the latest progress event of the current or last sync. */
  progress: Record<string, SyncProgress>;
  /** Connections a sync was started for and that have not reported an end yet. */
  syncing: string[];
  load: () => Promise<void>;
  upsert: (connection: Connection) => void;
  syncNow: (connectionIds?: string[]) => Promise<void>;
  onProgress: (progress: SyncProgress) => void;
}

export const useConnections = create<ConnectionsState>()((set, get) => ({
  providers: [],
  connections: [],
  loaded: false,
  error: null,
  progress: {},
  syncing: [],
  async load() {
    try {
      const [providers, connections] = await Promise.all([
        unwrap(api().listProviders()),
        unwrap(api().listConnections()),
      ]);
      set({ providers, connections, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(toApiError(error)) });
    }
  },
  upsert(connection) {
    const others = get().connections.filter((c) => c.id !== connection.id);
    set({ connections: [...others, connection].sort((a, b) => a.createdAt - b.createdAt) });
  },
  async syncNow(connectionIds) {
    try {
      const { started } = await unwrap(api().syncNow(connectionIds === undefined ? {} : { connectionIds }));
      if (started.length === 0) {
        toast.info('Nothing to sync: tokens tracked by hand are not fetched from a provider.');
        return;
      }
      const progress = { ...get().progress };
      for (const id of started)
        progress[id] = { connectionId: id, state: 'syncing', fetched: 0, error: null };
      set({ syncing: [...new Set([...get().syncing, ...started])], progress });
    } catch (error) {
      toast.error(describeError(toApiError(error)));
    }
  },
  onProgress(progress) {
    const syncing =
      progress.state === 'syncing'
        ? [...new Set([...get().syncing, progress.connectionId])]
        : get().syncing.filter((id) => id !== progress.connectionId);
    set({ progress: { ...get().progress, [progress.connectionId]: progress }, syncing });
  },
}));

export const providerById = (
  providers: readonly ProviderDescriptor[],
  id: ProviderId,
): ProviderDescriptor | undefined => providers.find((p) => p.id === id);
