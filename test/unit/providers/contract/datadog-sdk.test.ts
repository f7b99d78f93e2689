/**
 * Contract test: Datadog's official TypeScript client, `@datadog/datadog-api-client` 1.64.0
 * (generated from Datadog's OpenAPI; `v2.KeyManagementApi`), run against the Datadog simulator
 * for every endpoint Tokenkeeper's adapter uses: validate the pair, list API keys (paged, with
 * `include=created_by`), create and delete an API key, list the organization's application keys
 * and the caller's own, create one of the caller's with scopes, delete from either list, and the
 * client's `ApiException` for 403, 404, 400 and 429. Nobody here wrote the client: if the
 * simulator drifts from what Datadog's own client sends and reads, this fails.
 */
import { client, v2 } from '@datadog/datadog-api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  seedDatadog,
  startDatadog,
  type DatadogSeed,
  type DatadogSimulator,
} from '../../../simulators/datadog';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
let sim: DatadogSimulator;
let seed: DatadogSeed;

// createConfiguration reads DD_SITE, DD_API_KEY and DD_APP_KEY when given nothing: clear them.
for (const name of ['DD_SITE', 'DD_API_KEY', 'DD_APP_KEY']) delete process.env[name];

beforeEach(async () => {
  sim = await startDatadog({ now: () => T0, rateLimit: { limit: 20, periodSeconds: 60 } });
  seed = seedDatadog(sim);
});
afterEach(() => sim.close());

function keys(apiKey = seed.fields.apiKey, appKey = seed.fields.applicationKey): v2.KeyManagementApi {
  const configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: apiKey, appKeyAuth: appKey },
    baseServer: new client.BaseServerConfiguration(sim.url, {}),
    enableRetry: false,
    httpConfig: { compress: false },
  });
  return new v2.KeyManagementApi(configuration);
}

async function failure(call: Promise<unknown>): Promise<client.ApiException<unknown>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof client.ApiException) return error as client.ApiException<unknown>;
    throw error;
  }
  throw new Error('expected the client call to fail');
}

describe('the key pair', () => {
  it('validate_keys answers ok for the pair, 401 for a wrong one', async () => {
    expect(await keys().validateAPIKey()).toMatchObject({ status: 'ok' });
    expect((await failure(keys('0'.repeat(32)).validateAPIKey())).code).toBe(401);
  });

  it('an unknown key is refused with 403 {errors: ["Forbidden"]}', async () => {
    const error = await failure(keys(seed.fields.apiKey, 'f'.repeat(40)).listAPIKeys({}));
    expect(error.code).toBe(403);
    expect(error.body).toEqual({ errors: ['Forbidden'] });
  });
});

describe('API keys', () => {
  it('lists them page by page with the creators included, and the totals in meta', async () => {
    for (let i = 0; i < 5; i++) sim.addApiKey({ name: `Bulk ${i}`, createdBy: seed.ops });
    const first = await keys().listAPIKeys({ pageSize: 4, pageNumber: 0, include: 'created_by' });
    const second = await keys().listAPIKeys({ pageSize: 4, pageNumber: 1, include: 'created_by' });
    const third = await keys().listAPIKeys({ pageSize: 4, pageNumber: 2, include: 'created_by' });
    expect([first, second, third].map((p) => p.data?.length)).toEqual([4, 4, 1]);
    expect(first.meta?.page?.totalFilteredCount).toBe(9);
    expect(first.meta?.maxAllowed).toBe(50);
    const names = [first, second, third].flatMap((p) => p.data?.map((k) => k.attributes?.name) ?? []);
    expect(names).toContain('Production agents');
    const key = first.data?.[0];
    expect(key?.attributes?.last4).toHaveLength(4);
    expect(key?.attributes).not.toHaveProperty('key');
    expect(key?.relationships?.createdBy?.data?.id).toBe(seed.ops);
    expect(first.included?.map((u) => (u as v2.User).attributes?.email)).toContain('ops@acme.test');
  });

  it('refuses a page size over 100 and an unknown include with 400', async () => {
    expect((await failure(keys().listAPIKeys({ pageSize: 101 }))).code).toBe(400);
    expect((await failure(keys().listAPIKeys({ include: 'owners' }))).code).toBe(400);
  });

  it('creates one (201, the key in full once) and deletes it (204); a second delete is 404', async () => {
    const created = await keys().createAPIKey({
      body: { data: { type: 'api_keys', attributes: { name: 'New agents' } } },
    });
    const secret = created.data?.attributes?.key ?? '';
    expect(secret).toMatch(/^[0-9a-f]{32}$/);
    expect(created.data?.attributes?.last4).toBe(secret.slice(-4));
    expect(sim.authenticates(secret)).toBe(true);
    const id = created.data?.id ?? '';
    expect(await keys().deleteAPIKey({ apiKeyId: id })).toBeUndefined();
    expect(sim.authenticates(secret)).toBe(false);
    expect((await failure(keys().deleteAPIKey({ apiKeyId: id }))).code).toBe(404);
  });

  it('refuses a name the organization already uses (400, in Datadog’s error shape)', async () => {
    const error = await failure(
      keys().createAPIKey({ body: { data: { type: 'api_keys', attributes: { name: 'Staging agents' } } } }),
    );
    expect(error.code).toBe(400);
    expect(error.body).toEqual({ errors: ['An API key with this name already exists'] });
  });
});

describe('application keys', () => {
  it('lists every key of the organization with its owner, and the caller’s own', async () => {
    const org = await keys().listApplicationKeys({ pageSize: 100, pageNumber: 0, include: 'owned_by' });
    expect(org.data?.map((k) => k.attributes?.name).sort()).toEqual([
      'Grafana dashboards',
      'Sam’s notebook',
      'Terraform',
      'Tokenkeeper',
    ]);
    expect(org.meta?.page?.totalFilteredCount).toBe(4);
    const terraform = org.data?.find((k) => k.attributes?.name === 'Terraform');
    expect(terraform?.attributes?.scopes).toEqual(['dashboards_read', 'dashboards_write', 'monitors_write']);
    expect(terraform?.relationships?.ownedBy?.data?.id).toBe(seed.ops);
    const mine = await keys().listCurrentUserApplicationKeys({
      pageSize: 100,
      pageNumber: 0,
      include: 'owned_by',
    });
    expect(mine.data?.map((k) => k.attributes?.name)).not.toContain('Sam’s notebook');
  });

  it('creates one of the caller’s keys with scopes (the key once), and deletes it from the caller’s list', async () => {
    const created = await keys().createCurrentUserApplicationKey({
      body: {
        data: { type: 'application_keys', attributes: { name: 'Status page', scopes: ['monitors_read'] } },
      },
    });
    const secret = created.data?.attributes?.key ?? '';
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    expect(created.data?.attributes?.scopes).toEqual(['monitors_read']);
    const listed = await keys().listCurrentUserApplicationKeys({ pageSize: 100 });
    expect(listed.data?.find((k) => k.id === created.data?.id)?.attributes).not.toHaveProperty('key');
    await keys().deleteCurrentUserApplicationKey({ appKeyId: created.data?.id ?? '' });
    expect(sim.authenticates(secret)).toBe(false);
  });

  it('deletes another user’s key through the organization’s list', async () => {
    const sams = [...sim.appKeys.values()].find((k) => k.name === 'Sam’s notebook');
    await keys().deleteApplicationKey({ appKeyId: sams?.id ?? '' });
    expect(sim.appKeys.has(sams?.id ?? '')).toBe(false);
  });

  it('a key scoped without org_app_keys_read gets 403 on the organization’s list', async () => {
    const grafana = [...sim.appKeys.values()].find((k) => k.name === 'Grafana dashboards');
    const error = await failure(keys(seed.fields.apiKey, grafana?.key).listApplicationKeys({}));
    expect(error.code).toBe(403);
  });
});

describe('rate limits', () => {
  it('sends the X-RateLimit headers; past the limit, 429 {errors: ["Rate limit exceeded"]}', async () => {
    for (let i = 0; i < 20; i++) await keys().listAPIKeys({ pageSize: 1 });
    const error = await failure(keys().listAPIKeys({ pageSize: 1 }));
    expect(error.code).toBe(429);
    expect(error.body).toEqual({ errors: ['Rate limit exceeded'] });
    const headers = await fetch(`${sim.url}/api/v2/api_keys`, {
      headers: { 'DD-API-KEY': seed.fields.apiKey, 'DD-APPLICATION-KEY': seed.fields.applicationKey },
    }).then((r) => r.headers);
    expect(headers.get('x-ratelimit-limit')).toBe('20');
    expect(headers.get('x-ratelimit-remaining')).toBe('0');
    expect(headers.get('x-ratelimit-period')).toBe('60');
    expect(headers.get('x-ratelimit-name')).toBe('api_keys_list');
    expect(Number(headers.get('x-ratelimit-reset'))).toBeGreaterThan(0);
  });
});
