/** Mailtrap: a full token API, called with an API token. */
import { defineProvider } from '../module';
import { mailtrapAdapter } from './adapter';
import { mailtrapDescriptor, mailtrapRotation } from './descriptor';

export const mailtrap = defineProvider({
  descriptor: mailtrapDescriptor,
  adapter: mailtrapAdapter,
  rotation: mailtrapRotation,
  // Its API is in one place: the credential goes to this origin only.
  origins: { fixed: ['https://mailtrap.io'] },
});
