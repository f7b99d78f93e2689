/** Datadog: API keys and application keys on the connection's site, called with both keys. */
import { defineProvider } from '../module';
import { datadogAdapter } from './adapter';
import { datadogDescriptor, datadogRotation } from './descriptor';

export const datadog = defineProvider({
  descriptor: datadogDescriptor,
  adapter: datadogAdapter,
  rotation: datadogRotation,
  // The origins are the sites' API hosts (the descriptor's address choices, sites.ts): the key
  // pair goes to the site the connection picked, and nowhere else.
  // Secret shapes (§1, §7): application keys `ddap_` (English page) or `ddapp_` (Korean page),
  // personal and service access tokens `ddpat_` / `ddsat_`; unprefixed API keys (32 hex) and
  // application keys (40 hex) right after their header names.
  secretShapes: [
    /\bdd(?:app?|pat|sat)_[A-Za-z0-9_-]{16,}/g,
    /\b(DD-API-KEY|DD-APPLICATION-KEY|dd_api_key|dd_app_key)\s*[:=]\s*["']?[A-Za-z0-9_-]{16,}/gi,
  ],
  linkHosts: ['docs.datadoghq.com', 'app.datadoghq.eu'],
});
