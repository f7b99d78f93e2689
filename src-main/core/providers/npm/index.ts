/** npm: granular access tokens on registry.npmjs.org or the user's own registry. */
import { defineProvider } from '../module';
import { npmAdapter } from './adapter';
import { npmDescriptor, npmRotation } from './descriptor';

export const npm = defineProvider({
  descriptor: npmDescriptor,
  adapter: npmAdapter,
  rotation: npmRotation,
  // The public registry or the user's own: the address entered is the credential's origin.
  origins: { userChosen: true },
  // Granular and session tokens: `npm_` and 36 Base62 characters (the last 6 a CRC32) [FMT].
  secretShapes: [/\bnpm_[A-Za-z0-9]{36,}\b/g],
  // npm's account pages, and where its browser confirmation (authUrl) lives.
  linkHosts: ['www.npmjs.com', 'docs.npmjs.com'],
});
