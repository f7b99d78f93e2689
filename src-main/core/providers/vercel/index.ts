/** Vercel: the user's own access tokens, managed with a full-account token. */
import { defineProvider } from '../module';
import { vercelAdapter } from './adapter';
import { vercelDescriptor, vercelRotation } from './descriptor';

export const vercel = defineProvider({
  descriptor: vercelDescriptor,
  adapter: vercelAdapter,
  rotation: vercelRotation,
  // One API for every customer: the credential goes to this origin only.
  origins: { fixed: ['https://api.vercel.com'] },
  // Vercel's token prefixes are not documented; the CLI names `vcp_` (§7). Modeled.
  secretShapes: [/\bvc[a-z]_[A-Za-z0-9]{24,}/g],
  linkHosts: ['vercel.com'],
});
