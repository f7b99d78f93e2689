/**
 * Mailtrap as the renderer sees it, and how its tokens rotate. The numbers come from Mailtrap's
 * documentation (docs/providers/mailtrap.md); a value no public page states is marked "modeled".
 */
import type { TokenRecord } from '../../db/repositories/tokens';
import { describeProvider, type RotationSpec } from '../module';

const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const mailtrapRotation: RotationSpec = {
  kind: 'reset_with_grace',
  explanation:
    'Mailtrap issues a new token with the same permissions. The old token keeps working for a short grace period, then stops.',
  steps: [
    'Mailtrap issues a new token with the same permissions; you see its secret once.',
    'The old token keeps working for a short grace period, then stops.',
    'Update every integration before the grace period ends.',
  ],
  // Modeled: the reference says only "a short grace period". The adapter reads the real end
  // from the old token's expires_at after a reset; this value is the fallback.
  graceSeconds: 24 * 60 * 60,
  // Documented: only a token without an expiry date can be reset.
  refuse: (token: TokenRecord) =>
    token.expiresAt === null
      ? null
      : `Mailtrap can only reset a token that has no expiration date. This one expires on ${formatDate(token.expiresAt)}; create a new token instead.`,
};

export const mailtrapDescriptor = describeProvider(
  {
    id: 'mailtrap',
    name: 'Mailtrap',
    summary: 'Full token API: list, create, reset and delete tokens per account with an API token.',
    colour: '#1d7a50',
    accountNoun: { one: 'Account', many: 'Accounts' },
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
    reportsLastUse: false,
    createDescription: 'Created at Mailtrap. You will see its secret once.',
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'resources',
      permissionGroups: [],
      expiry: 'none',
      defaultValidityDays: null,
      maxValidityDays: null,
      maxTokens: null,
    },
  },
  mailtrapRotation,
);
