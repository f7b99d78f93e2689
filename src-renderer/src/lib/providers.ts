/** Provider names and marks for places that have only the id at hand. */
import type { ProviderId } from '../../../src-preload/contract';

export const PROVIDER_NAMES: Record<ProviderId, string> = {
  mailtrap: 'Mailtrap',
  smoxy: 'smoxy',
  mirox: 'Mirox',
  smenso: 'smenso',
};

export const PROVIDER_IDS: ProviderId[] = ['mailtrap', 'mirox', 'smenso', 'smoxy'];

/** Providers whose API reports when a token was last used (the others: "Not reported"). */
export const PROVIDERS_REPORTING_USAGE: readonly ProviderId[] = ['smoxy', 'mirox'];

export const ACCOUNT_NOUN: Record<ProviderId, string> = {
  mailtrap: 'Account',
  smoxy: 'Organization',
  mirox: 'Account',
  smenso: 'Workspace',
};
