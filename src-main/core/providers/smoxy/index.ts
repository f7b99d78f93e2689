/** smoxy: tokens are managed with a password session (a JWT kept in the OS keychain until it expires). */
import { defineProvider } from '../module';
import { smoxyAdapter } from './adapter';
import { smoxyDescriptor, smoxyRotation } from './descriptor';

export const smoxy = defineProvider({
  descriptor: smoxyDescriptor,
  adapter: smoxyAdapter,
  rotation: smoxyRotation,
  // Its API is in one place: the credential goes to this origin only.
  origins: { fixed: ['https://api.smoxy.eu'] },
});
