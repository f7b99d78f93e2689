/** smoxy as the renderer sees it, and how its tokens rotate (docs/providers/smoxy.md). */
import type { TokenRecord } from '../../db/repositories/tokens';
import { describeProvider, type RotationSpec } from '../module';

export const smoxyRotation: RotationSpec = {
  kind: 'create_then_delete',
  explanation:
    'smoxy has no rotate action: a new token is created with the same organizations, and the old one is deleted once you confirm that nothing uses it any more.',
  steps: [
    'A new token is created with the same organizations and expiry rules; you see its secret once.',
    'Update every integration to use the new token.',
    'Confirm, and the old token is deleted (this takes effect immediately).',
  ],
  graceSeconds: null,
  // The successor copies the old token's organizations; unknown ones must not become "all".
  refuse: (token: TokenRecord) =>
    token.scope.organizations === null
      ? `smoxy did not report which organizations “${token.name}” reaches, so Tokenkeeper cannot create a successor with the same access. Create the new token at smoxy with the organizations it needs, then revoke this one.`
      : null,
};

export const smoxyDescriptor = describeProvider(
  {
    id: 'smoxy',
    name: 'smoxy',
    summary:
      'Tokens are managed with a signed-in session (e-mail and password); an API token alone cannot manage tokens.',
    colour: '#a5401a',
    accountNoun: { one: 'Organization', many: 'Organizations' },
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
        help: 'Used once to sign in and never stored. The session it opens is kept in your OS keychain until smoxy ends it.',
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
    reportsLastUse: true,
    createDescription: 'Created at smoxy. You will see its secret once.',
    createForm: {
      expiryPresets: [7, 30, 90, 365],
      // smoxy's own default is "never" (no date sent); the form starts at 90 days instead, so
      // "never" is a choice the user makes, with its warning.
      startDays: 90,
      neverWarning:
        'A token that never expires keeps working until someone deletes it, so a leaked copy works forever. Prefer a date.',
      permissions: null,
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'organizations',
      permissionGroups: [],
      expiry: 'optional',
      defaultValidityDays: null,
      maxValidityDays: null,
      maxTokens: null,
    },
  },
  smoxyRotation,
);
