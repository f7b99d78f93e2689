/**
 * A small GitHub world for tests: one user's repository with a `production` environment, an
 * organization with a second repository, and tokens with Secrets write, Secrets read only, and
 * one granted another repository only.
 */
import type { GitHubActionsSimulator } from './simulator';

export interface GitHubActionsSeed {
  /** Fine-grained token with Secrets: write on everything seeded. */
  writer: string;
  /** Secrets: read only. */
  reader: string;
  /** Granted `octo-org/other` only: `jane/app` is invisible to it (404). */
  elsewhere: string;
}

export function seedGitHubActions(sim: GitHubActionsSimulator): GitHubActionsSeed {
  sim.addRepository('jane', 'app', ['production']);
  sim.addRepository('octo-org', 'other');
  sim.addOrganization('octo-org');
  return {
    writer: sim.addToken({ login: 'jane', secrets: 'write' }).secret,
    reader: sim.addToken({ login: 'jane-reader', secrets: 'read' }).secret,
    elsewhere: sim.addToken({ login: 'jane-other', repositories: ['octo-org/other'], organizations: [] })
      .secret,
  };
}
