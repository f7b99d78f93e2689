/**
 * Vercel as the renderer sees it, and how its tokens are replaced (docs/providers/vercel.md; the
 * facts with their sources in shared/providers/vercel.md). One API at api.vercel.com; the user's
 * own access tokens, managed with a full-account token.
 */
import type { TokenRecord } from '../../db/repositories/tokens';
import { describeProvider, type RotationSpec } from '../module';

/** The scope text of a token that reaches the whole account (a `user` scope, §1). */
export const FULL_ACCOUNT = 'Full account';

export const vercelRotation: RotationSpec = {
  kind: 'create_then_delete',
  explanation:
    'Vercel has no rotate action: a new token with the same name and full account scope is created, and the old one is deleted once you confirm that nothing uses it any more.',
  steps: [
    'A new full-account token is created with the same name and a validity like the old one’s; you see its secret once.',
    'Update every integration to use the new token.',
    'Confirm, and the old token is deleted at Vercel (this takes effect immediately).',
  ],
  graceSeconds: null,
  // A new token is made with full account scope (a team's or a project's cannot be made alike here).
  refuse: (token: TokenRecord) =>
    token.scope.workspace === FULL_ACCOUNT
      ? null
      : `“${token.name}” is limited to ${token.scopeSummary.replace(/^./, (c) => c.toLowerCase())}; Tokenkeeper creates only full-account tokens, so a replacement would reach more. Create the new token at Vercel with the same scope, then revoke this one.`,
  // Vercel allows two tokens with one name (§3: no uniqueness rule), so the successor keeps it.
  replace: { sameName: true },
};

export const vercelDescriptor = describeProvider(
  {
    id: 'vercel',
    name: 'Vercel',
    summary:
      'Access tokens are listed, created and deleted with one of your own tokens; only a full-account token may create tokens.',
    colour: '#171717',
    accountNoun: { one: 'Account', many: 'Accounts' },
    defaultBaseUrl: 'https://api.vercel.com',
    adminUrl: 'https://vercel.com/account/settings/tokens',
    docsUrl: 'https://vercel.com/docs/rest-api/authentication',
    hasApi: true,
    session: 'none',
    connectionFields: [
      {
        key: 'apiToken',
        label: 'Access token',
        kind: 'secret',
        required: true,
        storage: 'keychain',
        help: 'A token with full account scope, from Account Settings → Tokens. A team- or project-scoped token connects read-only: it can list and revoke, not create. Kept only in your OS keychain.',
      },
    ],
    pickAccounts: false,
    reportsLastUse: true,
    createDescription:
      'Created at Vercel, with full account scope unless you name a team. You will see its secret once.',
    createForm: {
      expiryPresets: [7, 30, 90, 365],
      // Vercel's own default is "no expiry"; the form starts at 90 days so "never" is chosen on purpose.
      startDays: 90,
      neverWarning:
        'A token that never expires keeps working until someone deletes it, so a leaked copy works forever. Prefer a date.',
      permissions: null,
      // `teamId` or `slug` on create (§2, §3): the token is made on behalf of that team.
      optionalPlace: {
        value: 'team',
        label: 'Team (optional)',
        help: 'Leave empty for a full-account token. A team’s ID (team_…) or slug makes the token on behalf of that team.',
        placeholder: 'my-team',
      },
    },
    reportedProblem: {
      label: 'Leaked',
      description: 'Vercel reports this token leaked',
      advice:
        'Vercel found this token in a public place. Anyone may have it: create a replacement, then revoke this one.',
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'workspace',
      permissionGroups: [],
      expiry: 'optional',
      defaultValidityDays: null,
      maxValidityDays: null,
      maxTokens: null,
    },
  },
  vercelRotation,
);
