/**
 * Realistic Vercel data for tests and the demo: one user (ada) in one team (Acme); the
 * connection's own full-account token; a deploy token that expires soon; one Vercel reports
 * leaked (with the URL it was found at); a team-scoped and a project-scoped token (either makes
 * a read-only connection); a `vercel login` session; and one nobody uses.
 */
import { DAY } from '../base';
import type { VercelSimulator } from './simulator';

export interface VercelSeed {
  credential: string;
  credentialId: string;
  /** A team-scoped and a project-scoped token: they connect read-only. */
  teamCredential: string;
  projectCredential: string;
  teamId: string;
  leakedId: string;
  /** Tokens the list shows. */
  listed: number;
}

export function seedVercel(sim: VercelSimulator, now = sim.now()): VercelSeed {
  const acme = sim.addTeam('acme', 'Acme');
  const own = sim.addToken({ name: 'Tokenkeeper', createdAt: now - 60 * DAY, activeAt: now - DAY });
  sim.addToken({
    name: 'CI deploy',
    createdAt: now - 85 * DAY,
    activeAt: now - 2 * 3_600_000,
    expiresAt: now + 5 * DAY,
  });
  const leaked = sim.addToken({
    name: 'Old laptop',
    createdAt: now - 300 * DAY,
    activeAt: now - 120 * DAY,
    leakedAt: now - 3 * DAY,
    leakedUrl: 'https://github.com/ada/dotfiles/blob/main/.env',
  });
  const team = sim.addToken({
    name: 'Acme preview bot',
    createdAt: now - 40 * DAY,
    activeAt: now - 5 * DAY,
    expiresAt: now + 200 * DAY,
    scopes: [{ type: 'team', teamId: acme.id, origin: 'manual', createdAt: now - 40 * DAY }],
  });
  const project = sim.addToken({
    name: 'Web project deploy',
    createdAt: now - 20 * DAY,
    activeAt: now - 20 * DAY,
    expiresAt: now + 70 * DAY,
    projectId: 'prj_web',
    scopes: [{ type: 'team', teamId: acme.id, origin: 'manual', createdAt: now - 20 * DAY }],
  });
  sim.addToken({
    name: 'Vercel CLI login',
    type: 'oauth2-token',
    origin: 'github',
    createdAt: now - 10 * DAY,
    activeAt: now - 10 * DAY,
    expiresAt: now + 355 * DAY,
    scopes: [{ type: 'user', origin: 'github', createdAt: now - 10 * DAY }],
  });
  sim.addToken({ name: 'Unused test', createdAt: now - 150 * DAY, activeAt: now - 150 * DAY });
  return {
    credential: own.secret,
    credentialId: own.id,
    teamCredential: team.secret,
    projectCredential: project.secret,
    teamId: acme.id,
    leakedId: leaked.id,
    listed: sim.listed().length,
  };
}
