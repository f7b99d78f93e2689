/** Vercel in the conformance suite: the user's own tokens on a full-account token, pages by `until`. */
import { seedVercel, startVercel } from '../../../../simulators/vercel';
import type { Connection } from '../../../../../src-preload/contract';
import type { ProviderTest } from '../../harness';
import type { VercelSimulator } from '../../../../simulators/vercel';
import type { ApiSubject } from '../subject';

/** Connects a Vercel connection to the simulator through the real handlers. */
export async function connectVercel(
  t: ProviderTest,
  sim: VercelSimulator,
  token: string,
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'vercel',
    mode: 'api',
    label: 'Vercel',
    baseUrl: sim.url,
    fields: { apiToken: token },
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'Vercel',
    accountIds: draft.accounts.map((a) => a.id),
  });
  await t.idle();
  return connection;
}

const error = (code: string, message: string) => ({ error: { code, message } });

export const vercel: ApiSubject = {
  provider: 'vercel',
  async connect(t) {
    const sim = await startVercel({ now: () => t.clock.now() });
    t.sims.push(sim);
    const seed = seedVercel(sim);
    const connection = await connectVercel(t, sim, seed.credential);
    return {
      sim,
      connection,
      remote: {
        live: () =>
          sim
            .listed()
            .filter((x) => sim.usable(x))
            .map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++) sim.addToken({ name: `Bulk ${i}` });
        },
      },
      secrets: () => [seed.credential],
    };
  },
  // Vercel has no rotate endpoint: a rotation creates the successor.
  routes: {
    sync: 'GET /v6/user/tokens',
    create: 'POST /v3/user/tokens',
    rotate: 'POST /v3/user/tokens',
    revoke: 'DELETE /v3/user/tokens/:id',
  },
  createInput: (connectionId, name) => ({ connectionId, accountId: null, name, expiresAt: null }),
  created: () => ({ scopeSummary: 'Full account', expiresAt: null }),
  rotateName: 'CI deploy',
  revokeName: 'Unused test',
  // Pages of 100 (the CLI's largest `limit`).
  listRequests: (total) => Math.max(1, Math.ceil(total / 100)),
  bulk: 130,
  auth: 'credential',
  bodies: {
    401: error('forbidden', 'Not authorized'),
    403: error('forbidden', 'You don’t have permission to access this resource'),
    404: error('not_found', 'The token was not found'),
    409: error('conflict', 'The token was changed by another request'),
    422: error('bad_request', 'Invalid request: `name` must be at most 100 characters.'),
  },
  said: {
    403: 'You don’t have permission to access this resource',
    409: 'The token was changed by another request',
    422: 'Invalid request: `name` must be at most 100 characters.',
  },
};
