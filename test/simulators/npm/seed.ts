/** Realistic npm data for tests and the demo: a maintainer with 2FA and a handful of granular tokens. */
import { DAY } from '../base';
import type { NpmSimulator } from './simulator';

export interface NpmSeed {
  username: string;
  password: string;
  /** The connection's credential: a 2-hour `npm login` session (not listed). */
  session: string;
}

export function seedNpm(sim: NpmSimulator, now = sim.now(), options: { web?: boolean } = {}): NpmSeed {
  const username = 'jane-acme';
  const password = 'correct horse battery staple';
  sim.addUser({ username, password, email: 'jane@acme.test', tfa: 'auth-only', web: options.web === true });
  const session = sim.addToken(
    username,
    { name: 'npm login' },
    { created: now - 3_600_000, expires: now + 2 * 3_600_000, session: true },
  );
  sim.addToken(
    username,
    {
      name: 'GitHub Actions publish',
      packagesAll: false,
      scopes: ['@acme'],
      permission: 'read-write',
      days: 90,
      cidr: [],
    },
    { created: now - 84 * DAY, accessed: now - 2 * 3_600_000 },
  );
  sim.addToken(
    username,
    { name: 'Release bot', packages: ['@acme/widgets'], permission: 'read-write', days: 7 },
    { created: now - 5 * DAY, accessed: now - DAY },
  );
  sim.addToken(
    username,
    {
      name: 'Renovate (read)',
      packagesAll: true,
      permission: 'read-only',
      days: 365,
      cidr: ['203.0.113.0/24'],
    },
    { created: now - 120 * DAY, accessed: now - 3 * DAY },
  );
  sim.addToken(
    username,
    {
      name: 'Old laptop',
      packagesAll: true,
      permission: 'read-write',
      days: 90,
      description: 'Publishing from my old laptop',
    },
    { created: now - 60 * DAY, accessed: null },
  );
  return { username, password, session: session.secret };
}
