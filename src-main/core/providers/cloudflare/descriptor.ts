/**
 * Cloudflare as the renderer sees it, and how its tokens roll (docs/providers/cloudflare.md; the
 * facts with their sources in shared/providers/cloudflare.md). One API at api.cloudflare.com;
 * user tokens and account-owned tokens of the accounts the connection includes.
 */
import { describeProvider, type RotationSpec } from '../module';

/**
 * What a new token may do, as the create form offers it: a permission group by its Cloudflare
 * name and the kind of resource it is about. The adapter looks the group's id up by name
 * (`GET /user/tokens/permission_groups?name=…`) and makes the policy for the place picked in the
 * form: the account, every zone in it, or one zone by name [CVA].
 */
export const CLOUDFLARE_CREATE_CHOICES = [
  { group: 'DNS Write', resource: 'zones' },
  { group: 'DNS Read', resource: 'zones' },
  { group: 'Zone Read', resource: 'zones' },
  { group: 'Zone Settings Write', resource: 'zones' },
  { group: 'Cache Purge', resource: 'zones' },
  { group: 'Workers Scripts Write', resource: 'account' },
  { group: 'Workers R2 Storage Write', resource: 'account' },
  { group: 'Account Settings Read', resource: 'account' },
] as const satisfies readonly { group: string; resource: 'zones' | 'account' }[];

const groupsOn = (resource: 'zones' | 'account') =>
  CLOUDFLARE_CREATE_CHOICES.filter((c) => c.resource === resource).map((c): string => c.group);

/** Where a permission applies: the account, all of its zones, or one zone by its name [CVA]. */
export const CLOUDFLARE_RESOURCES = [
  { value: 'account', label: 'The account', groups: groupsOn('account'), named: null },
  { value: 'zones', label: 'All zones in the account', groups: groupsOn('zones'), named: null },
  {
    value: 'zone',
    label: 'One zone',
    groups: groupsOn('zones'),
    named: {
      label: 'Zone',
      help: 'The account’s zones as Cloudflare lists them; pick the one the token is for.',
      placeholder: 'example.com',
      // Picked from `GET /zones?account.id=…` (the adapter's createChoices), never typed.
      choices: true,
    },
  },
];

/** Cloudflare's limit on addresses per IP condition is UNDOC; modeled as 100. */
export const CLOUDFLARE_MAX_IPS = 100;

export const cloudflareRotation: RotationSpec = {
  // Rolling replaces the secret of the same token; the previous value is invalidated with no
  // documented overlap [ROLL], and reports say it fails at once (OBS).
  kind: 'in_place_immediate',
  explanation:
    'Cloudflare rolls the token: the same token gets a new secret with the same permissions. The old secret stops working immediately.',
  steps: [
    'Cloudflare gives the token a new secret; its name, permissions and conditions stay the same. You see the secret once.',
    'The old secret stops working immediately: update every integration that uses it right away.',
    'Tokenkeeper sends the roll once and never retries it; if the answer is lost, it lists the tokens and tells you what happened.',
  ],
  graceSeconds: null,
};

export const cloudflareDescriptor = describeProvider(
  {
    id: 'cloudflare',
    name: 'Cloudflare',
    summary:
      'User API tokens and account-owned tokens: list, create, roll and delete with a Cloudflare API token.',
    colour: '#b3430c',
    accountNoun: { one: 'Account', many: 'Accounts' },
    defaultBaseUrl: 'https://api.cloudflare.com',
    adminUrl: 'https://dash.cloudflare.com/profile/api-tokens',
    docsUrl: 'https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/',
    hasApi: true,
    session: 'none',
    connectionFields: [
      {
        key: 'apiToken',
        label: 'API token',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'A Cloudflare user API token with API Tokens Write (made with the “Create Additional Tokens” template; API Tokens Read lists only). Add Account API Tokens Read or Write to see account-owned tokens. It is kept only in your OS keychain.',
        placeholder: 'cfut_…',
      },
    ],
    pickAccounts: true,
    reportsLastUse: true,
    createDescription:
      'Created at Cloudflare as your user API token, or as a token the account owns, with one permission group on the account you pick, all of its zones or one zone. You cannot give it more than your own token holds. You will see the secret once.',
    createForm: {
      expiryPresets: [30, 90, 365],
      neverWarning:
        'A Cloudflare token without an expiry works until someone deletes it, so a leaked copy works forever. Prefer a date.',
      permissions: null,
      resources: CLOUDFLARE_RESOURCES,
      // Account-owned tokens [AOT]: made where the connection's token holds Account API Tokens Write.
      owners: {
        help: 'A user token is yours and stops if you leave the account; an account-owned token belongs to the account (the connection’s token needs Account API Tokens Write there).',
        self: 'You (user token)',
        account: 'The account (account-owned token)',
      },
      notBefore: { help: 'Optional: the token does not work before this day.' },
      ipAllowList: {
        help: 'Optional: the token works only from these addresses. One IP address or CIDR range per line, e.g. 203.0.113.7 or 2001:db8::/32.',
        max: CLOUDFLARE_MAX_IPS,
      },
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'permission_group',
      permissionGroups: CLOUDFLARE_CREATE_CHOICES.map((c) => c.group),
      // Expiry is optional and no maximum lifetime is documented [RESTR]; the form starts at 90 days.
      expiry: 'optional',
      defaultValidityDays: 90,
      maxValidityDays: null,
      // 50 user tokens per user [RLIM].
      maxTokens: null,
    },
  },
  cloudflareRotation,
);
