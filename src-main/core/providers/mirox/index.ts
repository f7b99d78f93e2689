/** Mirox: tokens are managed only from a signed-in web session. */
import { defineProvider } from '../module';
import { miroxAdapter } from './adapter';
import { miroxDescriptor, miroxRotation } from './descriptor';
import { miroxWebSignIn } from './sign-in';

export const mirox = defineProvider({
  descriptor: miroxDescriptor,
  adapter: miroxAdapter,
  rotation: miroxRotation,
  // Its API is in one place: the credential goes to this origin only.
  origins: { fixed: ['https://service.mirox.io'] },
  webSignIn: miroxWebSignIn,
});
