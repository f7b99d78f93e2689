/**
 * GitLab as the renderer sees it, and how its tokens rotate (docs/providers/gitlab.md; the facts
 * with their sources in shared/providers/gitlab.md). GitLab.com and self-managed instances: the
 * connection's address is the instance the user names (https://gitlab.com unless changed).
 */
import { DAY_MS } from '../../tokens/status';
import { describeProvider, type RotationSpec } from '../module';

/** Scopes a personal access token can carry (shared/providers/gitlab.md §1, [UPAT]). */
export const GITLAB_SCOPES = [
  'api',
  'read_api',
  'read_user',
  'read_repository',
  'write_repository',
  'read_registry',
  'write_registry',
  'create_runner',
  'manage_runner',
  'ai_features',
  'k8s_proxy',
  'self_rotate',
] as const;

/** The documented maximum lifetime of a new token (365 days; 400 only behind a flag that is off by default). */
export const GITLAB_MAX_LIFETIME_DAYS = 365;

export const gitlabRotation: RotationSpec = {
  // GitLab revokes the old token and issues its successor in one transaction; the old secret
  // stops at once. Tokenkeeper keeps the row and moves it to the successor (same name, scopes).
  kind: 'in_place_immediate',
  explanation:
    'GitLab revokes the old token and issues a new one with the same name and scopes in one step. The old secret stops working immediately, and a token that was already rotated must never be rotated again: GitLab would then revoke every token in its family.',
  steps: [
    'GitLab revokes the old token and issues a new one with the same name, description and scopes; you see its secret once.',
    'The old secret stops working immediately: update the integration that uses it right away.',
    'The new token’s expiry is chosen here: GitLab’s own default is one week, at most 365 days.',
    'Rotated tokens form a family. If a token that was already rotated is rotated again, GitLab treats it as a leaked secret and revokes the whole family, so Tokenkeeper never retries a rotation and checks the list instead.',
  ],
  graceSeconds: null,
  // GitLab's own default for a rotation without `expires_at` is one week when expiry is enforced
  // (the default) [ROT]: the rotate dialog starts there, shown and changeable, and the chosen
  // date is always sent.
  successorExpiry: (_token, now) => now + 7 * DAY_MS,
};

/** Who may give a project or group token a role: the caller's own role there or higher [PRJ]. */
const UP_TO_MAINTAINER = ['maintainer', 'owner'];

export const gitlabDescriptor = describeProvider(
  {
    id: 'gitlab',
    name: 'GitLab',
    summary:
      'Personal, project and group access tokens on GitLab.com or your own GitLab instance: list, create, rotate and revoke with a personal access token.',
    colour: '#6b4fbb',
    accountNoun: { one: 'Project or group', many: 'Projects and groups' },
    defaultBaseUrl: 'https://gitlab.com',
    adminUrl: 'https://gitlab.com/-/user_settings/personal_access_tokens',
    docsUrl: 'https://docs.gitlab.com/api/personal_access_tokens/',
    hasApi: true,
    session: 'none',
    connectionFields: [
      {
        key: 'accessToken',
        label: 'Personal access token',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'A GitLab personal access token with the api scope (read_api to list only). For a self-managed instance, set the server address to your GitLab host (https). The token is kept only in your OS keychain.',
        placeholder: 'glpat-…',
      },
    ],
    // The projects and groups whose tokens to list, chosen when connecting (and the user's own
    // personal tokens, offered first).
    pickAccounts: true,
    reportsLastUse: true,
    createDescription:
      'Created at GitLab. Project and group tokens get a role no higher than yours there. Personal tokens: on GitLab.com only in GitLab’s web page; on a self-managed instance an administrator’s token can create them. You will see the secret once.',
    createForm: {
      // The presets people pick; the form adds the maximum as its own choice.
      expiryPresets: [7, 30, 90],
      neverWarning: null,
      // A GitLab token carries several scopes [UPAT].
      multiplePermissionGroups: true,
      permissions: {
        resourceType: 'gitlab_role',
        label: 'Role',
        help: 'The role of a project or group token (personal tokens have none). It cannot be higher than yours there.',
        levels: [
          { value: 'guest', label: 'Guest', grantedBy: UP_TO_MAINTAINER },
          { value: 'planner', label: 'Planner', grantedBy: UP_TO_MAINTAINER },
          { value: 'reporter', label: 'Reporter', grantedBy: UP_TO_MAINTAINER },
          { value: 'developer', label: 'Developer', grantedBy: UP_TO_MAINTAINER },
          { value: 'maintainer', label: 'Maintainer', grantedBy: UP_TO_MAINTAINER },
          { value: 'owner', label: 'Owner', grantedBy: ['owner'] },
        ],
        defaultLevel: 'developer',
      },
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'permission_group',
      permissionGroups: [...GITLAB_SCOPES],
      // Expiry is required by default (require_personal_access_token_expiry) and at most 365
      // days; GitLab's own default when none is given is the maximum.
      expiry: 'required',
      defaultValidityDays: GITLAB_MAX_LIFETIME_DAYS,
      maxValidityDays: GITLAB_MAX_LIFETIME_DAYS,
      maxTokens: null,
    },
  },
  gitlabRotation,
);
