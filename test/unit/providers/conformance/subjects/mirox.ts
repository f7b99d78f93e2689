/** Mirox in the conformance suite: a web session (cookie and anti-forgery token), at most 64 tokens. */
import { DAY } from '../../../../simulators/base';
import { connectMirox, withMirox } from '../../harness';
import type { ApiSubject } from '../subject';

export const mirox: ApiSubject = {
  provider: 'mirox',
  async connect(t) {
    const { sim, seed } = await withMirox(t);
    const connection = await connectMirox(t, sim);
    return {
      sim,
      connection,
      remote: {
        live: () => sim.liveTokens().map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++)
            sim.addToken(seed.email, { name: `Bulk ${i}`, permissionGroup: 'timeseries_database' });
        },
      },
      // The password is typed into the provider's own sign-in page: the app never holds it.
      secrets: () => [
        ...(t.fakes.sessions.sessions.get(connection.id)?.headers.Cookie ?? '')
          .split('; ')
          .map((pair) => pair.slice(pair.indexOf('=') + 1)),
      ],
    };
  },
  routes: {
    sync: 'GET /api/v1/profile/api-tokens',
    create: 'POST /api/v1/profile/api-tokens',
    rotate: 'POST /api/v1/profile/api-tokens/:id/rotate',
    revoke: 'DELETE /api/v1/profile/api-tokens/:id',
  },
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: null,
    name,
    permissionGroup: 'Reporting',
  }),
  created: (now) => ({ scopeSummary: 'Reporting', expiresAt: now + 365 * DAY }),
  rotateName: 'Report exporter',
  revokeName: 'Legacy dashboard',
  // Not paged; the seed's 4 tokens and these stay under the 64-token cap.
  listRequests: () => 1,
  bulk: 55,
  auth: 'session',
  bodies: {
    401: { error: 'unauthenticated', message: 'Sign in to continue.' },
    403: { error: 'forbidden', message: 'Your role may not manage API tokens.' },
    404: { error: 'not_found', message: 'No such token.' },
    409: { error: 'token_limit', message: 'You can hold up to 64 tokens.' },
    422: { error: 'validation_failed', message: 'A name is required.', field: 'name' },
  },
  said: {
    403: 'Your role may not manage API tokens.',
    409: 'You can hold up to 64 tokens.',
    422: 'A name is required.',
  },
};
