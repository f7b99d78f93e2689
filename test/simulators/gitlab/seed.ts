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
  /** Where Jane manages access tokens: project `acme/web` (Maintainer), group `acme` (Owner). */
  project: { id: number; path: string; listed: number };
  group: { id: number; path: string; listed: number };
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
  const project = seedResources(sim, jane.id, other.id, date);
  return { credential: own.secret, credentialId: own.id, userId: jane.id, listed: 5, ...project };
}

/**
 * Projects and groups: Jane owns group `acme` (and so its project `acme/api`), maintains
 * `acme/web`, is a developer in `sam/notes` and a reporter in group `sam-team` (neither listed
 * with min_access_level 40/50). Their bots' tokens: active, expiring, expired and one revoked.
 */
function seedResources(
  sim: GitLabSimulator,
  janeId: number,
  samId: number,
  date: (days: number) => string,
): Pick<GitLabSeed, 'project' | 'group'> {
  const r = sim.resources;
  const now = sim.now();
  const acme = r.add({ kind: 'group', id: 7, name: 'Acme', path: 'acme', members: { [janeId]: 50 } });
  const web = r.add({
    kind: 'project',
    id: 101,
    name: 'Web',
    path: 'acme/web',
    members: { [janeId]: 40, [samId]: 50 },
  });
  r.add({ kind: 'project', id: 102, name: 'API', path: 'acme/api', parentGroupId: acme.id });
  r.add({ kind: 'project', id: 103, name: 'Notes', path: 'sam/notes', members: { [janeId]: 30 } });
  r.add({ kind: 'group', id: 8, name: 'Sam team', path: 'sam-team', members: { [janeId]: 20 } });
  r.addToken(web, {
    name: 'Deploy web',
    description: 'Pushes the built site',
    scopes: ['api', 'write_repository'],
    accessLevel: 40,
    expiresAt: date(12),
    lastUsedAt: now - 5 * 3_600_000,
  });
  r.addToken(web, {
    name: 'Web registry',
    scopes: ['read_registry'],
    accessLevel: 20,
    expiresAt: date(-2),
    lastUsedAt: now - 20 * DAY,
  });
  r.addToken(web, { name: 'Web retired', scopes: ['read_api'], accessLevel: 20, revoked: true });
  r.addToken(acme, {
    name: 'Acme release bot',
    scopes: ['read_api', 'read_repository'],
    accessLevel: 30,
    expiresAt: date(150),
    lastUsedAt: null,
  });
  return {
    project: { id: web.id, path: web.path, listed: 2 },
    group: { id: acme.id, path: acme.path, listed: 1 },
  };
}

/**
 * Service accounts of group `acme` (top-level, Jane owns it): `deploy-bot` with two live tokens
 * and a revoked one, `backup-bot` with none. Not part of seedGitLab: the demo and the other tests
 * keep their counts; tests that need service accounts call this.
 */
export function seedServiceAccounts(
  sim: GitLabSimulator,
  now = sim.now(),
): { groupId: number; deployBot: number; backupBot: number; listed: number } {
  const acme = sim.resources.groups.get(7);
  if (acme === undefined) throw new Error('seedServiceAccounts: seedGitLab first');
  const date = (days: number) => dateOf(now + days * DAY);
  const deployBot = sim.serviceAccounts.add(acme, { id: 300, username: 'deploy-bot', name: 'Deploy bot' });
  const backupBot = sim.serviceAccounts.add(acme, { id: 301, username: 'backup-bot', name: 'Backup bot' });
  sim.addToken({
    userId: deployBot,
    name: 'Deploy pipeline',
    description: 'Used by the release pipeline',
    scopes: ['api'],
    expiresAt: date(20),
    lastUsedAt: now - 4 * 3_600_000,
  });
  sim.addToken({
    userId: deployBot,
    name: 'Deploy read',
    scopes: ['read_api'],
    expiresAt: date(80),
    lastUsedAt: null,
  });
  sim.addToken({
    userId: deployBot,
    name: 'Deploy old',
    scopes: ['api'],
    expiresAt: date(30),
    revoked: true,
  });
  return { groupId: acme.id, deployBot, backupBot, listed: 2 };
}
