/**
 * Datadog in the conformance suite, on a site's address (the simulator): the organization's API
 * keys, and application keys org-wide as a variant (two kinds of key, listed, created and deleted
 * on their own endpoints). Pages of 100.
 */
import { seedDatadog, startDatadog, type DatadogSimulator } from '../../../../simulators/datadog';
import type { Connection } from '../../../../../src-preload/contract';
import type { ProviderTest } from '../../harness';
import type { ApiSubject } from '../subject';

/** Connects a Datadog connection to the simulator through the real handlers, listing `kinds`. */
export async function connectDatadog(
  t: ProviderTest,
  sim: DatadogSimulator,
  fields: { apiKey: string; applicationKey: string },
  kinds: string[],
): Promise<Connection> {
  const draft = await t.core.handlers.beginConnection({
    provider: 'datadog',
    mode: 'api',
    label: 'Datadog',
    baseUrl: sim.url,
    fields,
  });
  const connection = await t.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'Datadog',
    accountIds: kinds,
  });
  await t.idle();
  return connection;
}

async function connected(t: ProviderTest, kind: 'api_keys' | 'application_keys') {
  const sim = await startDatadog({ now: () => t.clock.now() });
  t.sims.push(sim);
  const seed = seedDatadog(sim);
  const connection = await connectDatadog(t, sim, seed.fields, [kind]);
  const keys = () => (kind === 'api_keys' ? [...sim.apiKeys.values()] : [...sim.appKeys.values()]);
  return {
    sim,
    connection,
    remote: {
      live: () => keys().map((k) => ({ name: k.name, secret: k.key })),
      authenticates: (secret: string) => sim.authenticates(secret),
      addTokens(n: number) {
        for (let i = 0; i < n; i++)
          if (kind === 'api_keys') sim.addApiKey({ name: `Bulk ${i}`, createdBy: seed.ops });
          else sim.addAppKey({ name: `Bulk ${i}`, ownerId: seed.ops, scopes: ['metrics_read'] });
      },
    },
    secrets: () => [seed.fields.apiKey, seed.fields.applicationKey],
  };
}

const ERRORS = {
  401: { errors: ['Unauthorized'] },
  403: { errors: ['Forbidden'] },
  404: { errors: ['Not found'] },
  409: { errors: ['The key was changed by another request'] },
  422: { errors: ['name is required'] },
};

export const datadog: ApiSubject = {
  provider: 'datadog',
  variant: 'API keys',
  connect: (t) => connected(t, 'api_keys'),
  // No rotate endpoint: a rotation creates the successor, then deletes the old key.
  routes: {
    sync: 'GET /api/v2/api_keys',
    create: 'POST /api/v2/api_keys',
    rotate: 'POST /api/v2/api_keys',
    revoke: 'DELETE /api/v2/api_keys/:id',
  },
  createInput: (connectionId, name) => ({ connectionId, accountId: 'api_keys', name }),
  created: () => ({ accountId: 'api_keys', scopeSummary: 'Organization API key · default', expiresAt: null }),
  rotateName: 'Staging agents',
  revokeName: 'Legacy intake',
  listRequests: (total) => Math.ceil(total / 100),
  bulk: 130,
  auth: 'credential',
  bodies: ERRORS,
  said: {
    403: 'Forbidden',
    409: 'The key was changed by another request',
    422: 'name is required',
  },
};

export const datadogAppKeys: ApiSubject = {
  ...datadog,
  variant: 'application keys',
  connect: (t) => connected(t, 'application_keys'),
  routes: {
    sync: 'GET /api/v2/application_keys',
    create: 'POST /api/v2/current_user/application_keys',
    rotate: 'POST /api/v2/current_user/application_keys',
    revoke: 'DELETE /api/v2/application_keys/:id',
  },
  createInput: (connectionId, name) => ({
    connectionId,
    accountId: 'application_keys',
    name,
    permissionGroups: ['dashboards_read'],
  }),
  created: () => ({ accountId: 'application_keys', scopeSummary: 'dashboards_read', expiresAt: null }),
  rotateName: 'Terraform',
  revokeName: 'Sam’s notebook',
};
