/** smoxy: tokens are managed with a password session (a JWT held in memory only). */
import { defineProvider } from '../module';
import { smoxyAdapter } from './adapter';
import { smoxyDescriptor, smoxyRotation } from './descriptor';

export const smoxy = defineProvider({
  descriptor: smoxyDescriptor,
  adapter: smoxyAdapter,
  rotation: smoxyRotation,
});
