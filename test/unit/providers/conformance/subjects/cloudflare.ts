/** Cloudflare in the conformance suite: user and account-owned tokens on a user API token. */
import { DAY } from '../../../../simulators/base';
import { seedCloudflare, startCloudflare } from '../../../../simulators/cloudflare';
import type { Connection } from '../../../../../src-preload/contract';
import type { ProviderTest } from '../../harness';
import type { CloudflareSimulator } from '../../../../simulators/cloudflare';
import type { ApiSubject } from '../subject';

/** Connects a Cloudflare connection to the simulator, with every account it reaches, through the real handlers. */
export async function connectCloudflare(
  t: ProviderTest,
  sim: CloudflareSimulator,
  token: string,
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'cloudflare',
    mode: 'api',
    label: 'Cloudflare',
    baseUrl: sim.url,
    fields: { apiToken: token },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'Cloudflare',
    accountIds: [...sim.accounts.keys()],
  });
  await t.idle();
  return connection;
}

const envelope = (code: number, message: string) => ({
  success: false,
  errors: [{ code, message }],
  messages: [],
  result: null,
});

let acme = '';

export const cloudflare: ApiSubject = {
  provider: 'cloudflare',
  async connect(t) {
    const sim = await startCloudflare({ now: () => t.clock.now() });
    t.sims.push(sim);
    const seed = seedCloudflare(sim);
    acme = seed.acme;
    const connection = await connectCloudflare(t, sim, seed.credential);
    const now = () => t.clock.now();
    return {
      sim,
      connection,
      remote: {
        // User tokens (expired ones within the "recently expired" window too) and Acme's own;
        // the connection's token may not read the other account's tokens.
        live: () =>
          [...sim.tokens.values()]
            .filter((x) => x.family === 'user' || x.owner === seed.acme)
            .filter((x) => sim.status(x) !== 'expired' || (x.expiresOn ?? 0) > now() - 30 * DAY)
            .map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++)
            sim.addToken({
              name: `Bulk ${i}`,
              policies: [sim.policy(['Zone Read'], { 'com.cloudflare.api.account.zone.*': '*' })],
            });
        },
      },
      secrets: () => [seed.credential],
    };
  },
  routes: {
    sync: 'GET /client/v4/user/tokens',
    create: 'POST /client/v4/user/tokens',
    rotate: 'PUT /client/v4/user/tokens/:id/value',
    revoke: 'DELETE /client/v4/user/tokens/:id',
  },
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: acme,
    name,
    permissionGroup: 'DNS Write',
    resource: { kind: 'zones' },
    expiresAt: null,
  }),
  created: () => ({ scopeSummary: 'DNS Write on all zones of Acme Inc', expiresAt: null }),
  rotateName: 'CI deploy',
  revokeName: 'Workers deploy',
  // Pages of 50 of user tokens (one of the listed tokens is Acme's own, on its own list).
  listRequests: (total) => Math.ceil((total - 1) / 50),
  bulk: 120,
  auth: 'credential',
  // A roll keeps the token's id and fields; only modified_on (the reconcile's evidence) moves.
  lostRotationLeavesRows: true,
  bodies: {
    401: envelope(1000, 'Invalid API Token'),
    403: envelope(10000, 'Authentication error'),
    404: envelope(1003, 'Not found'),
    409: envelope(1001, 'The token was modified concurrently'),
    422: envelope(1001, 'name must be at most 120 characters'),
  },
  said: {
    403: 'Authentication error',
    409: 'The token was modified concurrently',
    422: 'name must be at most 120 characters',
  },
};
