/**
 * npm as the renderer sees it, and how its tokens are replaced (docs/providers/npm.md; the facts
 * with their sources in shared/providers/npm.md). The public registry at registry.npmjs.org, or a
 * registry of the user's own (the address they enter is the credential's origin).
 */
import type { TokenRecord } from '../../db/repositories/tokens';
import { DAY_MS } from '../../tokens/status';
import { describeProvider, type RotationSpec } from '../module';

/** Write tokens: at most 90 days, 7 by default [CL-0929][CL-1105]. */
export const NPM_WRITE_MAX_DAYS = 90;
export const NPM_WRITE_DEFAULT_DAYS = 7;
/** Read-only tokens: about a year (a user report, I8855; modeled, §7). */
export const NPM_READ_MAX_DAYS = 365;
/** Up to 1000 granular tokens per account [DOC-AT]. */
export const NPM_MAX_TOKENS = 1000;

/** What a new token may do with the packages and scopes it covers, as the form offers it. */
export const NPM_PERMISSIONS = [
  { group: 'Read and write', wire: 'read-write' },
  { group: 'Read-only', wire: 'read-only' },
] as const;

/** At most 50 packages and scopes together, and 50 orgs, on one token [DOC-AT]. */
export const NPM_MAX_PLACES = 50;
/** The description's limit is undocumented (modeled, §7). */
export const NPM_DESCRIPTION_MAX = 500;

/** What a token may do in the organizations it covers (`orgs_permission` [CLI]). */
export const NPM_ORG_LEVELS = [
  { value: 'read-only', label: 'Read-only' },
  { value: 'read-write', label: 'Read and write' },
];

/** Where the permission applies: every package, some scopes, or some packages [CLI flags]. */
export const NPM_PLACES = [
  {
    value: 'packages_all',
    label: 'All packages',
    groups: NPM_PERMISSIONS.map((p): string => p.group),
    named: null,
  },
  {
    value: 'scope',
    label: 'Scopes',
    groups: NPM_PERMISSIONS.map((p): string => p.group),
    named: {
      label: 'Scopes',
      help: 'Every package of these scopes, one a line, e.g. @acme.',
      placeholder: '@acme',
      several: NPM_MAX_PLACES,
    },
  },
  {
    value: 'package',
    label: 'Packages',
    groups: NPM_PERMISSIONS.map((p): string => p.group),
    named: {
      label: 'Packages',
      help: 'Packages by their full names, one a line.',
      placeholder: '@acme/widgets',
      several: NPM_MAX_PLACES,
    },
  },
];

/**
 * What a successor keeps, read back from the cached scope: the packages (all, or the scopes or
 * packages named; the form takes one kind, so the first kind listed wins), the orgs and their
 * level, the CIDR list and the description.
 */
function successorInput(token: TokenRecord) {
  const resources = token.scope.resources ?? [];
  const place = resources.find(
    (r) => r.type === 'packages_all' || r.type === 'scope' || r.type === 'package',
  );
  const names = resources.filter((r) => r.type === place?.type).map((r) => r.id);
  const orgs = resources.filter((r) => r.type === 'org');
  const cidrs = resources.filter((r) => r.type === 'cidr').map((r) => r.id);
  const description = (token.scope.description ?? '').trim();
  return {
    ...(place === undefined
      ? {}
      : { resource: place.type === 'packages_all' ? { kind: place.type } : { kind: place.type, names } }),
    ...(orgs.length === 0
      ? {}
      : { secondPlaces: { names: orgs.map((o) => o.id), level: orgs[0]?.access ?? 'read-only' } }),
    ...(cidrs.length === 0 ? {} : { allowedIps: cidrs }),
    ...(description === '' ? {} : { description: description.slice(0, NPM_DESCRIPTION_MAX) }),
  };
}

export const npmRotation: RotationSpec = {
  kind: 'create_then_delete',
  explanation:
    'npm has no rotate action: a new granular token is created with the same packages, organizations, permissions and IP ranges (your password and a one-time code confirm it), and the old token is deleted once you confirm nothing uses it any more.',
  steps: [
    'A new token is created with the same packages, organizations, permissions, IP ranges and description; npm asks for your password and a one-time code. You see its secret once.',
    'Update every integration (CI secrets, .npmrc files) to use the new token.',
    'Confirm, and the old token is deleted. npm says a revocation can take up to an hour to reach every registry cache.',
  ],
  graceSeconds: null,
  // Whether npm allows two tokens of one name is undocumented: the successor gets a name of its own.
  replace: { sameName: false },
  // Write tokens live at most 90 days: a successor gets the old validity, within that.
  successorExpiry: (token, now) => {
    const write = token.scope.permissionGroup !== 'Read-only';
    const max = (write ? NPM_WRITE_MAX_DAYS : NPM_READ_MAX_DAYS) * DAY_MS;
    const old =
      token.createdAt !== null && token.expiresAt !== null && token.expiresAt > token.createdAt
        ? token.expiresAt - token.createdAt
        : NPM_WRITE_DEFAULT_DAYS * DAY_MS;
    return now + Math.min(max, Math.max(DAY_MS, old));
  },
  successorInput,
};

export const npmDescriptor = describeProvider(
  {
    id: 'npm',
    name: 'npm',
    summary:
      'Granular access tokens on the npm registry (or your own registry): list, create, replace and revoke with a token that may manage tokens; creating asks for your password and a one-time code.',
    colour: '#cb3837',
    accountNoun: { one: 'Account', many: 'Accounts' },
    defaultBaseUrl: 'https://registry.npmjs.org',
    adminUrl: 'https://www.npmjs.com/settings/~/tokens',
    docsUrl: 'https://docs.npmjs.com/about-access-tokens',
    hasApi: true,
    session: 'none',
    connectionFields: [
      {
        key: 'accessToken',
        label: 'Access token',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'A token that may manage your tokens: the 2-hour session token of `npm login`, or a granular token without “bypass 2FA”. For your own registry, set the server address to it. It is kept only in your OS keychain.',
        placeholder: 'npm_…',
      },
    ],
    pickAccounts: false,
    reportsLastUse: true,
    createDescription:
      'Created at npm as a granular access token. npm asks for your account password each time (Tokenkeeper never keeps it) and, when your account uses two-factor authentication, a one-time code. Write tokens live at most 90 days. You will see the secret once.',
    createForm: {
      expiryPresets: [7, 30, 90],
      neverWarning: null,
      resources: NPM_PLACES,
      description: {
        label: 'Description',
        help: 'What the token is for, e.g. the pipeline that uses it.',
        max: NPM_DESCRIPTION_MAX,
      },
      secondPlaces: {
        label: 'Organizations',
        help: 'Organizations whose members and teams the token may manage, one a line. This does not let it publish their packages.',
        placeholder: 'acme',
        levelLabel: 'Organization permission',
        levels: NPM_ORG_LEVELS,
        max: NPM_MAX_PLACES,
      },
      ipAllowList: {
        help: 'Optional: the token works only from these IPv4 ranges. One address or CIDR range per line, e.g. 203.0.113.0/24.',
        max: 50,
      },
      confirmation: {
        password: {
          label: 'npm password',
          help: 'npm asks for your account password to create a token. It is sent with this request only and never stored.',
        },
        oneTimeCode: {
          label: 'One-time code',
          help: 'npm asks for the current code from your authenticator app.',
          browser:
            'If npm opens a page in your browser, confirm there: Tokenkeeper waits for it, then creates the token.',
        },
      },
      permissions: null,
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'permission_group',
      permissionGroups: NPM_PERMISSIONS.map((p) => p.group),
      // Always dated: 7 days by default for write tokens; read-only ones up to a year (modeled).
      expiry: 'required',
      defaultValidityDays: NPM_WRITE_DEFAULT_DAYS,
      maxValidityDays: NPM_READ_MAX_DAYS,
      maxTokens: NPM_MAX_TOKENS,
    },
  },
  npmRotation,
);
