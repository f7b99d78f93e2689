/** Seed data for the GitHub simulator: one of each token kind a user checks or revokes. */
import { DAY } from '../base';
import type { GhToken, GitHubSimulator } from './simulator';

export interface GitHubSeed {
  /** Classic, with scopes and an expiry in 20 days. */
  classic: GhToken;
  /** Classic without an expiry. */
  classicForever: GhToken;
  /** Fine-grained, expires in 80 days; reports no scopes. */
  fineGrained: GhToken;
  /** Classic that expired yesterday. */
  expired: GhToken;
  /** An installation token: refused by /user, not revocable by value. */
  installation: GhToken;
}

export function seedGitHub(sim: GitHubSimulator): GitHubSeed {
  const now = sim.now();
  return {
    classic: sim.addToken({ login: 'octocat', expiresAt: now + 20 * DAY, scopes: ['repo', 'workflow'] }),
    classicForever: sim.addToken({ login: 'octocat', expiresAt: null, scopes: ['read:packages'] }),
    fineGrained: sim.addToken({
      prefix: 'github_pat_',
      login: 'octocat',
      expiresAt: now + 80 * DAY,
      scopes: null,
    }),
    expired: sim.addToken({ login: 'octocat', expiresAt: now - DAY, scopes: ['repo'] }),
    installation: sim.addToken({
      prefix: 'ghs_',
      login: 'acme-bot[bot]',
      expiresAt: now + 3_600_000,
      scopes: null,
    }),
  };
}
