/** Cloudflare: user API tokens and account-owned tokens, called with a user API token. */
import { defineProvider } from '../module';
import { cloudflareAdapter } from './adapter';
import { cloudflareDescriptor, cloudflareRotation } from './descriptor';

export const cloudflare = defineProvider({
  descriptor: cloudflareDescriptor,
  adapter: cloudflareAdapter,
  rotation: cloudflareRotation,
  // One API for every customer: the credential goes to this origin only (base path /client/v4).
  origins: { fixed: ['https://api.cloudflare.com'] },
  // Scannable formats: user tokens `cfut_`, account tokens `cfat_`, 40 characters and a checksum [FMT].
  secretShapes: [/\bcf[ua]t_[A-Za-z0-9_-]{40,}/g],
  linkHosts: ['developers.cloudflare.com', 'dash.cloudflare.com'],
});
