/** smoxy in the conformance suite: a password session for management, Hydra pages of 30. */
import { connectSmoxy, withSmoxy } from '../../harness';
import type { ApiSubject } from '../subject';

export const smoxy: ApiSubject = {
  provider: 'smoxy',
  async connect(t) {
    const { sim, seed } = await withSmoxy(t);
    return {
      sim,
      connection: await connectSmoxy(t, sim, seed),
      remote: {
        live: () => sim.liveTokens().map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          const user = sim.users[0];
          if (user === undefined) throw new Error('the smoxy seed has no user');
          for (let i = 0; i < n; i++) sim.addToken(user, { name: `Bulk ${i}` });
        },
      },
      secrets: () => [seed.password, seed.apiToken, ...sim.jwts.keys()],
    };
  },
  // smoxy has no rotate endpoint: a rotation creates the successor.
  routes: {
    sync: 'GET /api/api-tokens',
    create: 'POST /api/api-tokens',
    rotate: 'POST /api/api-tokens',
    revoke: 'DELETE /api/api-tokens/:id',
  },
  createInput: (connectionId, name) => ({ connectionId, accountId: null, name }),
  created: () => ({ scopeSummary: 'All organizations', expiresAt: null }),
  rotateName: 'Monitoring',
  revokeName: 'Unused test',
  listRequests: (total) => Math.ceil(total / 30),
  bulk: 65,
  auth: 'session',
  bodies: {
    401: { code: 401, message: 'Expired JWT Token' },
    403: { '@type': 'hydra:Error', 'hydra:description': 'Access Denied.' },
    404: { '@type': 'hydra:Error', 'hydra:description': 'Not Found' },
    409: { '@type': 'hydra:Error', 'hydra:description': 'The token was changed by another request.' },
    422: {
      '@type': 'ConstraintViolationList',
      violations: [{ propertyPath: 'name', message: 'This value should not be blank.' }],
    },
  },
  said: {
    403: 'Access Denied.',
    409: 'The token was changed by another request.',
    422: 'name: This value should not be blank.',
  },
};
