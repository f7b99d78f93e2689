/** npm in the conformance suite: granular tokens on a login session, pages of 100, creates confirmed by password and code. */
import type { Connection } from '../../../../../src-preload/contract';
import { seedNpm, startNpm, type NpmSeed, type NpmSimulator } from '../../../../simulators/npm';
import type { ProviderTest } from '../../harness';
import type { ApiSubject } from '../subject';

/** Starts the npm simulator with its seed on the test's clock. */
export async function withNpm(
  t: ProviderTest,
  options: { web?: boolean } = {},
): Promise<{ sim: NpmSimulator; seed: NpmSeed }> {
  const sim = await startNpm({ now: () => t.clock.now() });
  t.sims.push(sim);
  return { sim, seed: seedNpm(sim, sim.now(), options) };
}

/** Connects an npm connection to the simulator through the real handlers. */
export async function connectNpm(t: ProviderTest, sim: NpmSimulator, token: string): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'npm',
    mode: 'api',
    label: 'npm',
    baseUrl: sim.url,
    fields: { accessToken: token },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'npm',
    accountIds: [],
  });
  await t.idle();
  return connection;
}

let current: { sim: NpmSimulator; seed: NpmSeed } | null = null;

/** The password and the code the authenticator shows now, as the user types them. */
const confirmation = () => ({
  password: current?.seed.password ?? '',
  oneTimeCode: current === null ? '000000' : current.sim.otp(current.seed.username),
});

export const npm: ApiSubject = {
  provider: 'npm',
  async connect(t) {
    const { sim, seed } = await withNpm(t);
    current = { sim, seed };
    return {
      sim,
      connection: await connectNpm(t, sim, seed.session),
      remote: {
        live: () => sim.live().map((x) => ({ name: x.spec.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++) sim.addToken(seed.username, { name: `Bulk ${i}`, packagesAll: true });
        },
      },
      secrets: () => [seed.session, seed.password],
    };
  },
  // npm has no rotate endpoint: a rotation creates the successor.
  routes: {
    sync: 'GET /-/npm/v1/tokens',
    create: 'POST /-/npm/v1/tokens',
    rotate: 'POST /-/npm/v1/tokens',
    revoke: 'DELETE /-/npm/v1/tokens/token/:id',
  },
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: null,
    name,
    permissionGroup: 'Read-only',
    resource: { kind: 'scope', name: '@acme' },
    confirmation: confirmation(),
  }),
  rotateInput: () => ({ confirmation: confirmation() }),
  created: () => ({ scopeSummary: 'Read-only · @acme' }),
  rotateName: 'Release bot',
  revokeName: 'Old laptop',
  listRequests: (total) => Math.max(1, Math.ceil(total / 100)),
  bulk: 130,
  auth: 'credential',
  bodies: {
    401: { error: 'Unauthorized' },
    403: { error: 'You do not have permission to manage tokens' },
    404: { error: 'Token not found' },
    409: { error: 'The token was changed by another request' },
    422: { error: 'Token name must be at most 128 characters' },
  },
  said: {
    403: 'You do not have permission to manage tokens',
    409: 'The token was changed by another request',
    422: 'Token name must be at most 128 characters',
  },
};
