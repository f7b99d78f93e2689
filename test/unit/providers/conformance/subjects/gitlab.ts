/** GitLab in the conformance suite: a self-managed instance, personal access tokens on a personal access token. */
import { DAY } from '../../../../simulators/base';
import { seedGitLab, startGitLab } from '../../../../simulators/gitlab';
import type { Connection } from '../../../../../src-preload/contract';
import type { ProviderTest } from '../../harness';
import type { GitLabSimulator } from '../../../../simulators/gitlab';
import type { ApiSubject } from '../subject';

/** Connects a GitLab connection to the simulator (a self-managed address) through the real handlers. */
export async function connectGitLab(
  t: ProviderTest,
  sim: GitLabSimulator,
  token: string,
  /** What to list: the user's personal tokens unless told (`project:101`, `group:7`). */
  accountIds: string[] = ['personal'],
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'gitlab',
    mode: 'api',
    label: 'GitLab',
    baseUrl: sim.url,
    fields: { accessToken: token },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'GitLab',
    accountIds,
  });
  await t.idle();
  return connection;
}

export const gitlab: ApiSubject = {
  provider: 'gitlab',
  async connect(t) {
    const sim = await startGitLab({ now: () => t.clock.now() });
    t.sims.push(sim);
    const seed = seedGitLab(sim);
    const connection = await connectGitLab(t, sim, seed.credential);
    return {
      sim,
      connection,
      remote: {
        // GitLab keeps listing an expired token (revoked ones are left out of the list here).
        live: () =>
          [...sim.tokens.values()]
            .filter((x) => x.userId === seed.userId && !x.revoked)
            .map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++)
            sim.addToken({ userId: seed.userId, name: `Bulk ${i}`, scopes: ['read_api'] });
        },
      },
      secrets: () => [seed.credential],
    };
  },
  routes: {
    sync: 'GET /api/v4/personal_access_tokens',
    create: 'POST /api/v4/user/personal_access_tokens',
    rotate: 'POST /api/v4/personal_access_tokens/:id/rotate',
    revoke: 'DELETE /api/v4/personal_access_tokens/:id',
  },
  // A non-administrator may create, through the API, only k8s_proxy or self_rotate tokens.
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: null,
    name,
    permissionGroup: 'self_rotate',
  }),
  created: (now) => ({
    scopeSummary: 'self_rotate',
    expiresAt: Math.floor(now / DAY) * DAY + 365 * DAY,
  }),
  rotateName: 'CI deploy',
  revokeName: 'Docs bot',
  // Pages of 100 (the seed's tokens and the bulk ones).
  listRequests: (total) => Math.ceil(total / 100),
  bulk: 230,
  auth: 'credential',
  bodies: {
    401: { message: '401 Unauthorized' },
    403: { message: '403 Forbidden' },
    404: { message: '404 Not found' },
    409: { message: '409 Conflict - Token already rotated' },
    422: { message: { name: ["can't be blank"] } },
  },
  said: {
    403: '403 Forbidden',
    409: '409 Conflict - Token already rotated',
    422: "name can't be blank",
  },
};

/** GitLab's project access tokens in the suite: one chosen project (`acme/web`, Maintainer). */
export const gitlabProjects: ApiSubject = {
  ...gitlab,
  variant: 'project tokens',
  async connect(t) {
    const sim = await startGitLab({ now: () => t.clock.now() });
    t.sims.push(sim);
    const seed = seedGitLab(sim);
    const project = sim.resources.projects.get(seed.project.id);
    if (project === undefined) throw new Error('the seed has no project');
    const connection = await connectGitLab(t, sim, seed.credential, [`project:${seed.project.id}`]);
    return {
      sim,
      connection,
      remote: {
        // Revoked tokens stay listable at GitLab; the list leaves them out, as for personal tokens.
        live: () =>
          sim.resources
            .tokensOf(project)
            .filter((x) => !x.revoked)
            .map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++)
            sim.resources.addToken(project, { name: `Bulk ${i}`, scopes: ['read_api'], accessLevel: 20 });
        },
      },
      secrets: () => [seed.credential],
    };
  },
  routes: {
    sync: 'GET /api/v4/projects/:resource/access_tokens',
    create: 'POST /api/v4/projects/:resource/access_tokens',
    rotate: 'POST /api/v4/projects/:resource/access_tokens/:tokenId/rotate',
    revoke: 'DELETE /api/v4/projects/:resource/access_tokens/:tokenId',
  },
  // Several scopes and a role no higher than the caller's (Maintainer on acme/web).
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: 'project:101',
    name,
    permissionGroups: ['read_api', 'read_repository'],
    permissions: [{ resourceType: 'gitlab_role', resourceId: 'project:101', level: 'reporter' }],
  }),
  created: (now) => ({
    accountId: 'project:101',
    scopeSummary: 'Reporter · read_api, read_repository',
    expiresAt: Math.floor(now / DAY) * DAY + 365 * DAY,
  }),
  rotateName: 'Deploy web',
  // Each case has its own simulator: the one live seeded project token serves both.
  revokeName: 'Deploy web',
};
