/**
 * Mailtrap as the renderer sees it, and how its tokens rotate. The numbers come from Mailtrap's
 * documentation (docs/providers/mailtrap.md); a value no public page states is marked "modeled".
 */
import type { TokenRecord } from '../../db/repositories/tokens';
import { DAY_MS } from '../../tokens/status';
import { addCalendarYears } from '../common';
import { describeProvider, type RotationSpec } from '../module';

const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The longest validity Mailtrap accepts (the SDK: more than 5 years ahead is refused). */
const MAX_YEARS = 5;

/**
 * The new token's expiry at a reset, by default: the old token's policy. Never stays never; a
 * dated token gets the same lifetime from now (a year when its creation time is unknown, as the
 * list does not report it, or when it is in its grace period), within Mailtrap's 5 years.
 */
function sameLifetime(token: TokenRecord, now: number): number | null {
  // In its grace period the token's expiry is the grace end, not its policy: a year stands in.
  if (token.graceEndsAt !== null) return now + 365 * DAY_MS;
  if (token.expiresAt === null) return null;
  const lifetime =
    token.createdAt !== null && token.expiresAt > token.createdAt
      ? token.expiresAt - token.createdAt
      : 365 * DAY_MS;
  return Math.min(now + Math.max(DAY_MS, lifetime), addCalendarYears(now, MAX_YEARS) - DAY_MS);
}

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
  // The SDK's rule: a token already reset or already expired cannot be reset (one in its grace
  // period is refused before this, by its state). Either way a replacement is offered.
  refuse: (token: TokenRecord, now: number) =>
    token.expiresAt !== null && token.expiresAt <= now
      ? `Mailtrap cannot reset a token that has expired; this one expired on ${formatDate(token.expiresAt)}.`
      : token.replacedById !== null
        ? 'Mailtrap cannot reset a token that has already been reset.'
        : null,
  successorExpiry: sameLifetime,
  // Mailtrap allows two tokens with one name (a reset's successor keeps it too).
  replace: { sameName: true },
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
    createForm: {
      expiryPresets: [7, 30, 90, 365],
      neverWarning:
        'A token that never expires keeps working until someone deletes it, so a leaked copy works forever. Prefer a date.',
      permissions: {
        resourceType: 'account',
        label: 'Permissions',
        help: 'What the token may do in the account. Admin can also manage the account’s tokens; viewer can only read.',
        levels: [
          { value: 'viewer', label: 'Viewer', grantedBy: ['owner', 'admin'] },
          { value: 'admin', label: 'Admin', grantedBy: ['owner', 'admin'] },
        ],
        defaultLevel: 'viewer',
      },
    },
    capabilities: {
      list: true,
      create: true,
      revoke: true,
      usageHistory: false,
      scopeKind: 'resources',
      permissionGroups: [],
      // The SDK: expires_at optional (null = never), at most 5 years ahead. The form starts at a
      // year, the default Mailtrap is rolling out; the adapter always sends the date explicitly.
      expiry: 'optional',
      defaultValidityDays: 365,
      maxValidityDays: MAX_YEARS * 365,
      maxTokens: null,
    },
  },
  mailtrapRotation,
);
