/**
 * Provider facts for places that have only the id at hand. The renderer knows no provider of its
 * own: everything here comes from the core's `listProviders` (the connections store).
 */
import type { ProviderDescriptor, ProviderId } from '../types';
import { providerById, useConnections } from '../stores/connections';

/** The provider's name; its id until the providers have loaded (or for one the core no longer knows). */
export const providerName = (providers: readonly ProviderDescriptor[], id: ProviderId): string =>
  providerById(providers, id)?.name ?? id;

export function useProvider(id: ProviderId): ProviderDescriptor | undefined {
  return useConnections((s) => providerById(s.providers, id));
}

export function useProviderName(id: ProviderId): string {
  return useConnections((s) => providerName(s.providers, id));
}

/** "a, b and c" (or "a, b or c"): for sentences that name providers. */
export function listWords(items: readonly string[], last: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1] ?? ''}`;
}
