/**
 * Realistic GitLab data for tests and the demo: one user (Jane) whose connection token has the api
 * scope, tokens that expire soon or have expired, one never used, a revoked one (not listed), and
 * other users' tokens the list must not show.
 */
import { DAY } from '../base';
import { dateOf } from './rules';
import type { GitLabSimulator } from './simulator';

export interface GitLabSeed {
  /** The connection's own token (Jane's, scope api). */
  credential: string;
  credentialId: number;
  userId: number;
  /** Jane's tokens a list shows (not revoked). */
  listed: number;
}

export function seedGitLab(sim: GitLabSimulator, now = sim.now()): GitLabSeed {
  const jane = sim.addUser({ id: 41, username: 'jane', name: 'Jane Doe' });
  const other = sim.addUser({ id: 42, username: 'sam', name: 'Sam Roe' });
  const date = (days: number) => dateOf(now + days * DAY);
  const own = sim.addToken({
    userId: jane.id,
    name: 'Tokenkeeper',
    scopes: ['api'],
    expiresAt: date(200),
    lastUsedAt: now - DAY,
  });
  sim.addToken({
    userId: jane.id,
    name: 'CI deploy',
    scopes: ['api', 'write_repository'],
    expiresAt: date(5),
    lastUsedAt: now - 2 * 3_600_000,
  });
  sim.addToken({
    userId: jane.id,
    name: 'Registry pull',
    scopes: ['read_registry'],
    expiresAt: date(25),
    lastUsedAt: now - 3 * DAY,
  });
  sim.addToken({
    userId: jane.id,
    name: 'Docs bot',
    scopes: ['read_api'],
    expiresAt: date(90),
    lastUsedAt: null,
  });
  sim.addToken({
    userId: jane.id,
    name: 'Old laptop',
    scopes: ['read_repository'],
    expiresAt: date(-3),
    lastUsedAt: now - 40 * DAY,
  });
  sim.addToken({
    userId: jane.id,
    name: 'Leaked once',
    scopes: ['api'],
    expiresAt: date(100),
    revoked: true,
  });
  sim.addToken({ userId: other.id, name: 'Sam’s token', scopes: ['api'], expiresAt: date(60) });
  return { credential: own.secret, credentialId: own.id, userId: jane.id, listed: 5 };
}
