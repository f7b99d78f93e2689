/** Builders for repository records with realistic defaults. */
import type { ConnectionRecord } from '../../src-main/core/db/repositories/connections';
import { EMPTY_SCOPE, type TokenRecord } from '../../src-main/core/db/repositories/tokens';
import type { ReminderCandidate } from '../../src-main/core/reminders/planner';

export const NOW = Date.UTC(2026, 10, 25);

export function connection(overrides: Partial<ConnectionRecord> = {}): ConnectionRecord {
  return {
    id: 'c_1',
    provider: 'mailtrap',
    label: 'Mailtrap prod',
    mode: 'api',
    baseUrl: null,
    credentialOrigin: 'https://mailtrap.io',
    accounts: [{ id: '3229', name: 'Acme', access: 'owner' }],
    identity: null,
    status: 'ok',
    lastSyncAt: NOW,
    lastError: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

export function token(overrides: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id: 't_1',
    connectionId: 'c_1',
    remoteId: '12345',
    accountId: '3229',
    accountName: 'Acme',
    name: 'CI deploy',
    last4: 'wxyz',
    createdAt: NOW - 1000,
    createdBy: 'Jane',
    lastUsedAt: null,
    expiresAt: null,
    scopeKind: 'resources',
    scopeSummary: 'Account admin',
    scope: EMPTY_SCOPE,
    broadScope: false,
    legacy: false,
    state: 'active',
    graceEndsAt: null,
    replacesId: null,
    replacedById: null,
    origin: 'synced',
    isConnectionCredential: false,
    usage: [],
    snoozedUntil: null,
    firstSeenAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

/** A token as the reminder planner sees it: synced, active, no expiry unless given. */
export function reminderCandidate(overrides: Partial<ReminderCandidate> = {}): ReminderCandidate {
  return {
    id: 't_1',
    name: 'CI deploy',
    providerName: 'Mailtrap',
    connectionLabel: 'Mailtrap prod',
    accountName: 'Acme',
    state: 'active',
    origin: 'synced',
    expiresAt: null,
    graceEndsAt: null,
    snoozedUntil: null,
    ...overrides,
  };
}
