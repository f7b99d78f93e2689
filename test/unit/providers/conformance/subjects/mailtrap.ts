/** Mailtrap in the conformance suite: two accounts of the seed included, token API on an API token. */
import { connectMailtrap, withMailtrap } from '../../harness';
import type { ApiSubject } from '../subject';

export const mailtrap: ApiSubject = {
  provider: 'mailtrap',
  async connect(t) {
    const { sim, seed } = await withMailtrap(t);
    const included = [seed.accounts.acme, seed.accounts.side];
    return {
      sim,
      connection: await connectMailtrap(t, sim, seed),
      remote: {
        live: () =>
          [...sim.tokens.values()]
            .filter(
              (x) =>
                !x.deleted &&
                included.includes(x.accountId) &&
                (x.expiresAt === null || x.expiresAt > sim.now()),
            )
            .map((x) => ({ name: x.name, secret: x.secret })),
        authenticates: (secret) => sim.authenticates(secret),
        addTokens(n) {
          for (let i = 0; i < n; i++)
            sim.addToken({
              name: `Bulk ${i}`,
              account: seed.accounts.acme,
              access: { [seed.accounts.acme]: 10 },
            });
        },
      },
      secrets: () => [seed.credential],
    };
  },
  routes: {
    sync: 'GET /api/accounts/:accountId/api_tokens',
    create: 'POST /api/accounts/:accountId/api_tokens',
    rotate: 'POST /api/accounts/:accountId/api_tokens/:id/reset',
    revoke: 'DELETE /api/accounts/:accountId/api_tokens/:id',
  },
  createInput: (connectionId, name) => ({ connectionId, accountId: '3229', name }),
  created: () => ({ accountName: 'Acme Mail', scopeSummary: 'Account viewer', expiresAt: null }),
  rotateName: 'Production SMTP',
  revokeName: 'Old import',
  // Not paged: one request per included account.
  listRequests: () => 2,
  bulk: 120,
  auth: 'credential',
  bodies: {
    401: { error: 'Incorrect API token' },
    403: { errors: 'Access forbidden' },
    404: { error: 'Not Found' },
    409: { errors: ['Name has already been taken'] },
    422: { errors: ["Name can't be blank"] },
  },
  said: { 403: 'Access forbidden', 409: 'Name has already been taken', 422: "Name can't be blank" },
};
