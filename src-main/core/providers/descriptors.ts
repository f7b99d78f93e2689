/**
 * What each provider offers, as the renderer sees it (ProviderDescriptor in the contract). The
 * numbers come from the providers' documentation (see docs/providers.md); a value no public page
 * states is marked "modeled".
 */
import type { ProviderDescriptor, ProviderId } from '../../../src-preload/contract';

export const mailtrapDescriptor: ProviderDescriptor = {
  id: 'mailtrap',
  name: 'Mailtrap',
  summary: 'Full token API: list, create, reset and delete tokens per account with an API token.',
  defaultBaseUrl: 'https://mailtrap.io',
  adminUrl: 'https://mailtrap.io/api-tokens',
  docsUrl: 'https://api-docs.mailtrap.io/docs/mailtrap-api-docs/',
  hasApi: true,
  session: 'none',
  connectionFields: [
    {
      key: 'apiToken',
      label: 'API token',
      kind: 'secret',
      required: true,
      storage: 'keychain',
      help: 'A Mailtrap API token with admin access to the accounts whose tokens you want to manage. It is kept only in your OS keychain.',
      placeholder: 'Paste the token',
    },
  ],
  pickAccounts: true,
  capabilities: {
    list: true,
    create: true,
    rotate: true,
    revoke: true,
    usageHistory: false,
    rotation: 'reset_with_grace',
    scopeKind: 'resources',
    permissionGroups: [],
    expiry: 'none',
    defaultValidityDays: null,
    maxValidityDays: null,
    maxTokens: null,
    // Modeled: the reference says only "a short grace period". The adapter reads the real end
    // from the old token's expires_at after a reset; this value is the fallback.
    graceSeconds: 24 * 60 * 60,
  },
  rotationExplanation:
    'Mailtrap issues a new token with the same permissions. The old token keeps working for a short grace period, then stops.',
};

export const smoxyDescriptor: ProviderDescriptor = {
  id: 'smoxy',
  name: 'smoxy',
  summary:
    'Tokens are managed with a signed-in session (e-mail and password); an API token alone cannot manage tokens.',
  defaultBaseUrl: 'https://api.smoxy.eu',
  adminUrl: 'https://app.smoxy.eu/account/api-tokens',
  docsUrl: 'https://docs.smoxy.eu/',
  hasApi: true,
  session: 'password',
  connectionFields: [
    {
      key: 'email',
      label: 'E-mail',
      kind: 'email',
      required: true,
      storage: 'metadata',
      help: 'The e-mail address you sign in to smoxy with.',
    },
    {
      key: 'password',
      label: 'Password',
      kind: 'password',
      required: true,
      storage: 'memory',
      help: 'Used once to sign in. The session lives in memory only and is never stored.',
    },
    {
      key: 'apiToken',
      label: 'API token (optional)',
      kind: 'secret',
      required: false,
      storage: 'keychain',
      help: 'Optional: a token to check that the API is reachable (GET /api/zones). Kept only in your OS keychain.',
    },
  ],
  pickAccounts: false,
  capabilities: {
    list: true,
    create: true,
    rotate: true,
    revoke: true,
    usageHistory: false,
    rotation: 'create_then_delete',
    scopeKind: 'organizations',
    permissionGroups: [],
    expiry: 'optional',
    defaultValidityDays: null,
    maxValidityDays: null,
    maxTokens: null,
    graceSeconds: null,
  },
  rotationExplanation:
    'smoxy has no rotate action: a new token is created with the same organizations, and the old one is deleted once you confirm that nothing uses it any more.',
};

export const miroxDescriptor: ProviderDescriptor = {
  id: 'mirox',
  name: 'Mirox',
  summary: 'Tokens are managed only from a signed-in web session; a token cannot mint or rotate tokens.',
  defaultBaseUrl: 'https://service.mirox.io',
  adminUrl: 'https://service.mirox.io/profile#api-tokens',
  docsUrl: 'https://service.mirox.io/docs',
  hasApi: true,
  session: 'web',
  connectionFields: [],
  pickAccounts: false,
  capabilities: {
    list: true,
    create: true,
    rotate: true,
    revoke: true,
    usageHistory: true,
    rotation: 'in_place_immediate',
    scopeKind: 'permission_group',
    permissionGroups: ['Full Access', 'Reporting', 'Timeseries Database'],
    // Every Mirox token expires: one year unless another date is chosen, at most five years.
    expiry: 'required',
    defaultValidityDays: 365,
    maxValidityDays: 5 * 365,
    maxTokens: 64,
    graceSeconds: null,
  },
  rotationExplanation:
    'Mirox gives the same token a new secret and resets its expiry. The old secret stops working immediately, so update the integration right away.',
};

export const smensoDescriptor: ProviderDescriptor = {
  id: 'smenso',
  name: 'smenso',
  summary: 'No token-management API: record each token here by hand and get reminders before it expires.',
  defaultBaseUrl: null,
  adminUrl: 'https://app.smenso.cloud/admin',
  docsUrl: 'https://developers.smenso.de/docs/authentication',
  hasApi: false,
  session: 'none',
  connectionFields: [],
  pickAccounts: false,
  capabilities: {
    list: false,
    create: false,
    rotate: false,
    revoke: false,
    usageHistory: false,
    rotation: 'manual',
    scopeKind: 'workspace',
    permissionGroups: [],
    expiry: 'required',
    defaultValidityDays: 365,
    maxValidityDays: 365,
    maxTokens: null,
    graceSeconds: null,
  },
  rotationExplanation:
    'smenso tokens are created and deleted only in the Admin Center. Tokenkeeper guides you: create the new token there, record it here, delete the old one there.',
};

export const PROVIDER_DESCRIPTORS: Record<ProviderId, ProviderDescriptor> = {
  mailtrap: mailtrapDescriptor,
  smoxy: smoxyDescriptor,
  mirox: miroxDescriptor,
  smenso: smensoDescriptor,
};
