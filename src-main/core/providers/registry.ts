/** Every provider's adapter, by id. Adding a provider: its descriptor, its adapter, one line here. */
import type { ProviderId } from '../../../src-preload/contract';
import { mailtrapAdapter } from './mailtrap/adapter';
import { miroxAdapter } from './mirox/adapter';
import { smensoAdapter } from './smenso/adapter';
import { smoxyAdapter } from './smoxy/adapter';
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
