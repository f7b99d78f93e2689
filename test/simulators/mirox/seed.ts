/** Realistic Mirox data for tests and the demo: the three permission groups and usage history. */
import { DAY } from '../base';
import type { MiroxSimulator } from './simulator';

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
