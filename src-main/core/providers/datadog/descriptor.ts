/**
 * Datadog as the renderer sees it, and how its keys rotate (docs/providers/datadog.md; the facts
 * with their sources in shared/providers/datadog.md). The connection picks a site; its API host
 * is the connection's address and the credential's origin.
 */
import { describeProvider, type RotationSpec } from '../module';
import { DATADOG_DEFAULT_SITE, DATADOG_SITES } from './sites';

/**
 * The kinds of key a connection lists, as its "accounts": the organization's API keys, and the
 * application keys either org-wide (with `org_app_keys_read`) or the caller's own (§1).
 */
export const KEY_KINDS = {
  apiKeys: 'api_keys',
  orgAppKeys: 'application_keys',
  myAppKeys: 'my_application_keys',
} as const;

/**
 * Scopes offered for a new application key: Datadog permission names an integration commonly
 * needs. The brief lists none (modeled); a listed key keeps whatever scopes Datadog reports.
 */
export const DATADOG_SCOPES = [
  'api_keys_read',
  'apm_read',
  'dashboards_read',
  'dashboards_write',
  'events_read',
  'incident_read',
  'logs_read_data',
  'metrics_read',
  'monitors_read',
  'monitors_write',
  'synthetics_read',
  'timeseries_query',
  'usage_read',
  'user_access_read',
] as const;

export const datadogRotation: RotationSpec = {
  // No rotate endpoint exists (§3): a new key is created, and the old one deleted once confirmed.
  kind: 'create_then_delete',
  explanation:
    'Datadog has no rotate action: a new key of the same kind is created (an application key with the same scopes), and the old one is deleted once you confirm that nothing uses it any more.',
  steps: [
    'A new key of the same kind is created (an application key keeps its scopes); you see its secret once.',
    'Update every Agent, integration or script to use the new key.',
    'Confirm, and the old key is deleted at Datadog (this takes effect immediately).',
  ],
  graceSeconds: null,
  // API key names must be unique in the organization (§1, DD-OLD): the successor gets a new name.
  replace: { sameName: false },
};

export const datadogDescriptor = describeProvider(
  {
    id: 'datadog',
    name: 'Datadog',
    summary:
      'API keys and application keys of a Datadog organization, on its site: list, create, replace and revoke with an API key and an application key.',
    colour: '#632ca6',
    accountNoun: { one: 'Key kind', many: 'Key kinds' },
    defaultBaseUrl: DATADOG_DEFAULT_SITE,
    addressChoices: {
      label: 'Site',
      help: 'The Datadog site your organization is on (the host you sign in at). The keys are sent to that site’s API only.',
      choices: DATADOG_SITES.map((s) => ({ label: s.label, baseUrl: s.baseUrl })),
    },
    adminUrl: 'https://app.datadoghq.com/organization-settings/api-keys',
    docsUrl: 'https://docs.datadoghq.com/account_management/api-app-keys/',
    hasApi: true,
    session: 'none',
    connectionFields: [
      {
        key: 'apiKey',
        label: 'API key',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'An API key of the organization (Organization settings → API keys). Kept only in your OS keychain, together with the application key.',
      },
      {
        key: 'applicationKey',
        label: 'Application key',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'An application key with api_keys_read (and api_keys_write, api_keys_delete to manage them) and user_app_keys or org_app_keys_read/org_app_keys_write. Kept only in your OS keychain.',
      },
    ],
    // The kinds of key to list: API keys, and application keys (org-wide where permitted).
    pickAccounts: true,
    reportsLastUse: true,
    createDescription:
      'Created at Datadog. An application key is yours and, with scopes, may do only what they allow; an API key belongs to the organization. You will see the secret once.',
    createForm: {
      expiryPresets: [30, 90, 365],
      neverWarning: null,
      multiplePermissionGroups: true,
      noPermissionGroupsFor: [KEY_KINDS.apiKeys],
      permissions: null,
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'permission_group',
      permissionGroups: [...DATADOG_SCOPES],
      // Datadog keys have no expiry date (§4): rotation is the only hygiene.
      expiry: 'none',
      defaultValidityDays: null,
      maxValidityDays: null,
      maxTokens: null,
    },
  },
  datadogRotation,
);
