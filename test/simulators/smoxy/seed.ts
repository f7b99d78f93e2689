/** Realistic smoxy data for tests and the demo: organizations, tokens never used, legacy tokens. */
import { DAY } from '../base';
import type { SmoxySimulator } from './simulator';

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
