/** Every provider's adapter, by id. Adding a provider: its descriptor, its adapter, one line here. */
import type { ProviderId } from '../../../src-preload/contract';
import { mailtrapAdapter } from './mailtrap';
import { miroxAdapter } from './mirox';
import { smensoAdapter } from './smenso';
import { smoxyAdapter } from './smoxy';
import type { ProviderAdapter } from './types';

export const ADAPTERS: Record<ProviderId, ProviderAdapter> = {
  mailtrap: mailtrapAdapter,
  smoxy: smoxyAdapter,
  mirox: miroxAdapter,
  smenso: smensoAdapter,
};

export function adapterFor(provider: ProviderId): ProviderAdapter {
  return ADAPTERS[provider];
}
