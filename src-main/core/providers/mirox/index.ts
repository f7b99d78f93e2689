/** Mirox: tokens are managed only from a signed-in web session. */
import { defineProvider } from '../module';
import { miroxAdapter } from './adapter';
import { miroxDescriptor, miroxRotation } from './descriptor';
import { miroxWebSignIn } from './sign-in';

export const mirox = defineProvider({
  descriptor: miroxDescriptor,
  adapter: miroxAdapter,
  rotation: miroxRotation,
  webSignIn: miroxWebSignIn,
});
