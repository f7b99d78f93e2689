/**
 * smenso as the renderer sees it: no token-management API is documented, so its tokens are
 * tracked by hand and rotated by hand, guided (docs/providers/smenso.md).
 */
import { describeProvider, type RotationSpec } from '../module';
import { manualRotationSteps } from '../rotation';

export const smensoRotation: RotationSpec = {
  kind: 'manual',
  explanation:
    'smenso tokens are created and deleted only in the Admin Center. Tokenkeeper guides you: create the new token there, record it here, delete the old one there.',
  steps: manualRotationSteps('smenso'),
  graceSeconds: null,
};

export const smensoDescriptor = describeProvider(
  {
    id: 'smenso',
    name: 'smenso',
    summary: 'No token-management API: record each token here by hand and get reminders before it expires.',
    colour: '#0e6884',
    accountNoun: { one: 'Workspace', many: 'Workspaces' },
    defaultBaseUrl: null,
    adminUrl: 'https://app.smenso.cloud/admin',
    docsUrl: 'https://developers.smenso.de/docs/authentication',
    hasApi: false,
    session: 'none',
    connectionFields: [],
    pickAccounts: false,
    reportsLastUse: false,
    createDescription: 'smenso tokens are created in the smenso Admin Center; record them here by hand.',
    capabilities: {
      list: false,
      create: false,
      revoke: false,
      usageHistory: false,
      scopeKind: 'workspace',
      permissionGroups: [],
      expiry: 'required',
      defaultValidityDays: 365,
      maxValidityDays: 365,
      maxTokens: null,
    },
  },
  smensoRotation,
);
