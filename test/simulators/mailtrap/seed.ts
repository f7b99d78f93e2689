/**
 * Realistic data for the simulators (tests and the demo): several accounts, tokens that expire
 * soon, tokens in a grace period, tokens never used, legacy smoxy tokens, Mirox usage history.
 */
import { DAY } from './base';
import type { MailtrapSimulator } from './mailtrap';
import type { MiroxSimulator } from './mirox';
import type { SmoxySimulator } from './smoxy';

export interface MailtrapSeed {
  /** The connection's own API token (admin of two accounts, viewer of a third). */
  credential: string;
  accounts: { acme: number; side: number; agency: number };
}

export function seedMailtrap(sim: MailtrapSimulator, now = sim.now()): MailtrapSeed {
  const acme = sim.addAccount(3229, 'Acme Mail').id;
  const side = sim.addAccount(4410, 'Side Project').id;
  const agency = sim.addAccount(5120, 'Agency Client').id;
  const admin = sim.addToken({
    name: 'Tokenkeeper',
    account: acme,
    createdBy: 'Jane Doe',
    access: { [acme]: 1000, [side]: 100, [agency]: 10 },
  });
  sim.addToken({ account: acme, name: 'Production SMTP', createdBy: 'Jane Doe', access: { [acme]: 100 } });
  sim.addToken({
    account: acme,
    name: 'CI deploy',
    createdBy: 'Build bot',
    expiresAt: now + 5 * DAY,
    access: { [acme]: 10 },
  });
  sim.addToken({
    account: acme,
    name: 'Staging webhook',
    createdBy: 'Jane Doe',
    expiresAt: now + 25 * DAY,
    access: { [acme]: 10 },
  });
  // A reset two hours ago: the old token is in its grace period, its successor is live.
  sim.addToken({
    account: acme,
    name: 'Billing sender',
    createdBy: 'Jane Doe',
    expiresAt: now + sim.graceMs - 2 * 3_600_000,
    resetAt: now - 2 * 3_600_000,
    access: { [acme]: 100 },
  });
  sim.addToken({ account: acme, name: 'Billing sender', createdBy: 'Tokenkeeper', access: { [acme]: 100 } });
  sim.addToken({ account: side, name: 'Newsletter', createdBy: 'Marketing', access: { [side]: 10 } });
  sim.addToken({
    account: side,
    name: 'Old import',
    createdBy: 'Jane Doe',
    expiresAt: now + 60 * DAY,
    access: { [side]: 100 },
  });
  sim.addToken({ account: agency, name: 'Client reporting', createdBy: 'Agency', access: { [agency]: 10 } });
  return { credential: admin.secret, accounts: { acme, side, agency } };
}

export interface SmoxySeed {
  email: string;
  password: string;
  /** An API token for GET /api/zones (the connection's optional credential). */
  apiToken: string;
  organizations: { acme: number; labs: number; partner: number };
}

export function seedSmoxy(sim: SmoxySimulator, now = sim.now()): SmoxySeed {
  sim.addOrganization(12, 'Acme GmbH');
  sim.addOrganization(15, 'Acme Labs');
  sim.addOrganization(21, 'Partner AG');
  const email = 'jane@acme.test';
  const password = 'correct horse battery staple';
  const user = sim.addUser(email, password, [12, 15, 21]);
  const api = sim.addToken(user, {
    name: 'Tokenkeeper check',
    createdAt: now - 40 * DAY,
    lastUsedAt: now - 1 * DAY,
  });
  sim.addToken(user, { name: 'CI/CD pipeline', createdAt: now - 200 * DAY, lastUsedAt: now - 3_600_000 });
  sim.addToken(user, {
    name: 'Monitoring',
    createdAt: now - 345 * DAY,
    expiresAt: now + 20 * DAY,
    lastUsedAt: now - 2 * DAY,
    organizations: ['/api/organizations/12'],
  });
  sim.addToken(user, {
    name: 'Cache purge',
    createdAt: now - 87 * DAY,
    expiresAt: now + 3 * DAY,
    lastUsedAt: now - 5 * DAY,
    organizations: ['/api/organizations/12', '/api/organizations/15'],
  });
  sim.addToken(user, {
    name: 'Legacy import',
    createdAt: now - 900 * DAY,
    lastUsedAt: now - 200 * DAY,
    tokenType: 'legacy',
  });
  sim.addToken(user, {
    name: 'Legacy CDN hook',
    createdAt: now - 700 * DAY,
    lastUsedAt: now - 10 * DAY,
    tokenType: 'legacy',
    organizations: ['/api/organizations/21'],
  });
  sim.addToken(user, {
    name: 'Unused test',
    createdAt: now - 30 * DAY,
    organizations: ['/api/organizations/15'],
  });
  return { email, password, apiToken: api.secret, organizations: { acme: 12, labs: 15, partner: 21 } };
}

export interface MiroxSeed {
  email: string;
  password: string;
}

export function seedMirox(sim: MiroxSimulator, now = sim.now()): MiroxSeed {
  const email = 'ops@acme.test';
  const password = 'mirox-demo-password';
  sim.addUser(email, password, 'Acme Operations');
  const usage = (daysAgo: number, ip: string, browser: string, os: string) => ({
    at: now - daysAgo * DAY,
    ip,
    location: 'Berlin, DE',
    browser,
    os,
  });
  sim.addToken(email, {
    name: 'Report exporter',
    permissionGroup: 'reporting',
    createdAt: now - 65 * DAY,
    expiresAt: now + 300 * DAY,
    lastUsedAt: now - DAY,
    usage: [
      usage(1, '203.0.113.10', 'python-requests', 'Linux'),
      usage(8, '203.0.113.10', 'python-requests', 'Linux'),
    ],
  });
  sim.addToken(email, {
    name: 'Grafana timeseries',
    permissionGroup: 'timeseries_database',
    createdAt: now - 359 * DAY,
    expiresAt: now + 6 * DAY,
    lastUsedAt: now - 3_600_000,
    usage: [usage(0.04, '198.51.100.7', 'Grafana', 'Linux')],
  });
  sim.addToken(email, {
    name: 'Automation (full)',
    permissionGroup: 'full_access',
    createdAt: now - 10 * DAY,
    expiresAt: now + 3 * 365 * DAY,
  });
  sim.addToken(email, {
    name: 'Legacy dashboard',
    permissionGroup: 'full_access',
    createdAt: now - 700 * DAY,
    expiresAt: now + 28 * DAY,
    lastUsedAt: now - 120 * DAY,
    usage: [usage(120, '192.0.2.44', 'Chrome', 'Windows')],
  });
  return { email, password };
}
