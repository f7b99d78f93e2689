/** Mirox as the renderer sees it, and how its tokens rotate (docs/providers/mirox.md). */
import { describeProvider, type RotationSpec } from '../module';

export const miroxRotation: RotationSpec = {
  kind: 'in_place_immediate',
  explanation:
    'Mirox gives the same token a new secret and resets its expiry. The old secret stops working immediately, so update the integration right away.',
  steps: [
    'Mirox issues a new secret for this token and resets its expiry; usage history is cleared.',
    'The old secret stops working immediately.',
    'Update the integration that uses it right away.',
  ],
  graceSeconds: null,
  // Modeled: the docs do not say names must be unique, and a rotation keeps the name, so a
  // replacement (where a rotation is refused) keeps it too.
  replace: { sameName: true },
};

export const miroxDescriptor = describeProvider(
  {
    id: 'mirox',
    name: 'Mirox',
    summary: 'Tokens are managed only from a signed-in web session; a token cannot mint or rotate tokens.',
    colour: '#5a3bc2',
    accountNoun: { one: 'Account', many: 'Accounts' },
    defaultBaseUrl: 'https://service.mirox.io',
    adminUrl: 'https://service.mirox.io/profile#api-tokens',
    docsUrl: 'https://service.mirox.io/docs',
    hasApi: true,
    session: 'web',
    connectionFields: [],
    pickAccounts: false,
    reportsLastUse: true,
    createDescription: 'Created at Mirox. You will see its secret once.',
    createForm: { expiryPresets: [7, 30, 90, 365], neverWarning: null, permissions: null },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: true,
      scopeKind: 'permission_group',
      permissionGroups: ['Full Access', 'Reporting', 'Timeseries Database'],
      // Every Mirox token expires: one year unless another date is chosen, at most five years.
      expiry: 'required',
      defaultValidityDays: 365,
      maxValidityDays: 5 * 365,
      maxTokens: 64,
    },
  },
  miroxRotation,
);
