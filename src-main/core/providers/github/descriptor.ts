/**
 * GitHub as the renderer sees it (docs/providers/github.md; facts with their sources in
 * shared/providers/github.md). GitHub's API cannot list, create or rotate a user's own personal
 * access tokens (§1), so they are tracked: recorded by hand or from a pasted token that GitHub
 * itself describes (`GET /user` headers), rotated by hand with a link to the token's settings page,
 * and revoked by value through `POST /credentials/revoke` when one leaks.
 */
import { describeProvider, type RotationSpec } from '../module';
import { kindByShort } from './kinds';

const WEB = 'https://github.com';

export const githubRotation: RotationSpec = {
  kind: 'manual',
  explanation:
    'GitHub’s API cannot list, create or rotate personal access tokens: you rotate them on GitHub’s settings page, and Tokenkeeper guides you and records the new token.',
  steps: [
    'Open the token’s settings page on GitHub (Settings › Developer settings › Personal access tokens) and generate a new token with the same scopes or permissions.',
    'Record the new token here: paste it once into “Check a pasted token” (Tokenkeeper reads its expiry and scopes from GitHub and keeps only the last 4 characters), or enter its details.',
    'Update every integration that used the old token.',
    'Delete the old token on GitHub (or, if it leaked, revoke it here by value), then confirm here to retire it.',
  ],
  graceSeconds: null,
  // The settings page of the token's own kind, when a check recorded it ("<kind>: <scopes>").
  settingsUrl(token) {
    const path = kindByShort(token.scope.permissionGroup?.split(':')[0] ?? null)?.settingsPath ?? null;
    return path === null ? null : `${WEB}${path}`;
  },
};

export const githubDescriptor = describeProvider(
  {
    id: 'github',
    name: 'GitHub',
    summary:
      'GitHub’s API cannot list, create or rotate personal access tokens, so they are tracked: paste a token once to record its expiry and scopes (the value is not kept), rotate it on GitHub with a guide, and revoke leaked tokens by value.',
    colour: '#24292f',
    accountNoun: { one: 'Account', many: 'Accounts' },
    defaultBaseUrl: 'https://api.github.com',
    adminUrl: `${WEB}/settings/tokens`,
    docsUrl:
      'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
    hasApi: false,
    session: 'none',
    connectionFields: [],
    pickAccounts: false,
    reportsLastUse: false,
    createDescription:
      'GitHub’s API cannot create personal access tokens: generate them on GitHub (Settings › Developer settings), then check or record them here.',
    tokenCheck: {
      offer:
        'Paste a GitHub token once and Tokenkeeper asks GitHub for its owner, expiry and scopes. Only the last 4 characters are kept.',
      fieldLabel: 'Token to check',
      help: 'Sent once to GitHub’s GET /user with the token itself, then discarded: never stored, logged or shown again.',
      placeholder: 'Paste the token here',
    },
    revokeByValue: {
      help: 'GitHub revokes each token at once and for good, and tells its owner. The call is sent without any credential; GitHub allows 60 such calls an hour.',
      accepts:
        'Personal access tokens (ghp_, github_pat_), OAuth app tokens (gho_), GitHub App user and refresh tokens (ghu_, ghr_). Not installation tokens (ghs_).',
      maxPerCall: 1000,
    },
    capabilities: {
      list: false,
      create: false,
      revoke: false,
      usageHistory: false,
      scopeKind: 'permission_group',
      permissionGroups: [],
      expiry: 'optional',
      defaultValidityDays: null,
      maxValidityDays: null,
      maxTokens: null,
    },
  },
  githubRotation,
);
