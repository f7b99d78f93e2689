/**
 * Datadog beyond the conformance suite: the site is the credential's origin (only the sites'
 * API hosts), the key pair is one keychain entry, the kinds of key a pair may list, scopes
 * (refused on API keys, kept through a replacement), unique API key names, and the
 * `X-RateLimit-*` headers (a 429 without Retry-After says when the period resets).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkAddressOrigin } from '../../../src-main/core/providers/origins';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { Connection, RotationStart, TokenRow } from '../../../src-preload/contract';
import { seedDatadog, startDatadog, type DatadogSimulator } from '../../simulators/datadog';
import { liveRows } from './conformance/run-cell';
import { connectDatadog } from './conformance/subjects/datadog';
import { ok, providerCore, refusal, type ProviderTest } from './harness';

const datadog = createRegistry().get('datadog');

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

async function setUp(
  kinds: string[],
  options: { rateLimit?: { limit: number; periodSeconds: number } } = {},
): Promise<{
  tc: ProviderTest;
  sim: DatadogSimulator;
  connection: Connection;
  seed: ReturnType<typeof seedDatadog>;
}> {
  const tc = (t = providerCore());
  const sim = await startDatadog({ now: () => tc.clock.now(), ...options });
  tc.sims.push(sim);
  const seed = seedDatadog(sim);
  const connection = await connectDatadog(tc, sim, seed.fields, kinds);
  return { tc, sim, connection, seed };
}

describe('the site is the credential’s origin', () => {
  const rules = { allowLoopbackAddresses: false };
  const origins = datadog.origins ?? { fixed: [] };

  it('offers every site and accepts each site’s API host, US1 by default', () => {
    const choices = datadog.descriptor.addressChoices?.choices.map((c) => c.baseUrl) ?? [];
    expect(choices).toContain('https://api.datadoghq.eu');
    expect(choices).toContain('https://api.ddog-gov.com');
    expect(datadog.descriptor.defaultBaseUrl).toBe('https://api.datadoghq.com');
    for (const site of choices)
      expect(checkAddressOrigin(new URL(site), origins, 'Datadog', rules)).toBe(site);
  });

  it('refuses any other host, saying where Datadog is', () => {
    expect(() =>
      checkAddressOrigin(new URL('https://api.datadoghq.eu.attacker.example'), origins, 'Datadog', rules),
    ).toThrow(/Datadog is only at https:\/\/api\.datadoghq\.com or .*https:\/\/api\.datadoghq\.eu/);
  });

  it('refuses, when connecting, an address that is no Datadog site', async () => {
    const tc = (t = providerCore());
    const draft = refusal(tc, 'beginConnection', {
      provider: 'datadog',
      mode: 'api',
      label: 'EU',
      baseUrl: 'https://datadoghq.example/',
      fields: { apiKey: 'a'.repeat(32), applicationKey: 'b'.repeat(40) },
    });
    expect((await draft).field).toBe('baseUrl');
  });
});

describe('connecting', () => {
  it('keeps both keys as one keychain entry, and lists what the pair may', async () => {
    const { tc, connection, seed } = await setUp(['api_keys', 'application_keys']);
    expect(JSON.parse(tc.fakes.credentials.values.get(credentialKey(connection.id)) ?? '')).toEqual(
      seed.fields,
    );
    const rows = await liveRows(tc);
    expect(
      rows
        .filter((r) => r.accountId === 'api_keys')
        .map((r) => r.name)
        .sort(),
    ).toEqual(['Legacy intake', 'Production agents', 'Staging agents', 'Tokenkeeper']);
    const terraform = rows.find((r) => r.name === 'Terraform');
    expect(terraform).toMatchObject({
      accountId: 'application_keys',
      scopeSummary: 'dashboards_read, dashboards_write, monitors_write',
      createdBy: 'ops@acme.test',
    });
    const notebook = rows.find((r) => r.name === 'Sam’s notebook');
    // Without scopes, a key has all its owner's permissions: the list flags it as broad.
    expect(notebook).toMatchObject({
      createdBy: 'sam@acme.test',
      scopeSummary: 'All of its owner’s permissions (no scopes)',
    });
    expect(notebook?.badges).toContain('broad_scope');
    expect(JSON.stringify([tc.snapshot(), tc.connectionRow(connection.id)])).not.toContain(
      seed.fields.apiKey,
    );
  });

  it('offers only the caller’s own application keys to a pair without org_app_keys_read', async () => {
    const tc = (t = providerCore());
    const sim = await startDatadog({ now: () => tc.clock.now() });
    tc.sims.push(sim);
    const seed = seedDatadog(sim);
    const apiKey = [...sim.apiKeys.values()][0]?.key ?? '';
    const own = sim.addAppKey({ name: 'Sam’s pair', ownerId: seed.sam });
    const draft = await ok<{ accounts: { id: string }[]; summary: string }>(tc, 'beginConnection', {
      provider: 'datadog',
      mode: 'api',
      label: 'Sam',
      baseUrl: sim.url,
      fields: { apiKey, applicationKey: own.key },
    });
    expect(draft.accounts.map((a) => a.id)).toEqual(['my_application_keys']);
    expect(draft.summary).toContain('only your own application keys');
  });
});

describe('create and replace', () => {
  it('refuses scopes on an API key and a name the organization already uses, before any call', async () => {
    const { tc, sim, connection } = await setUp(['api_keys', 'application_keys']);
    sim.resetLog();
    const scoped = await refusal(tc, 'createToken', {
      connectionId: connection.id,
      accountId: 'api_keys',
      name: 'Agents',
      permissionGroups: ['metrics_read'],
    });
    expect(scoped).toMatchObject({ code: 'invalid_input', field: 'permissionGroup' });
    const taken = await refusal(tc, 'createToken', {
      connectionId: connection.id,
      accountId: 'api_keys',
      name: 'Staging agents',
    });
    expect(taken.message).toContain('already has an API key named “Staging agents”');
    expect(sim.count('POST /api/v2/api_keys')).toBe(0);
  });

  it('creates a scoped application key, and its replacement keeps the scopes', async () => {
    const { tc, sim, connection } = await setUp(['application_keys']);
    await ok(tc, 'createToken', {
      connectionId: connection.id,
      accountId: 'application_keys',
      name: 'Status page',
      permissionGroups: ['monitors_read', 'metrics_read'],
    });
    expect([...sim.appKeys.values()].find((k) => k.name === 'Status page')?.scopes).toEqual([
      'monitors_read',
      'metrics_read',
    ]);
    const old = (await liveRows(tc)).find((r: TokenRow) => r.name === 'Grafana dashboards');
    const start = await ok<RotationStart>(tc, 'startRotation', { tokenId: old?.id });
    const successor = [...sim.appKeys.values()].find((k) => k.name === start.newToken?.name);
    expect(successor?.scopes).toEqual(['timeseries_query', 'metrics_read']);
    expect(successor?.name).not.toBe('Grafana dashboards');
  });
});

describe('X-RateLimit-* headers', () => {
  it('a 429 without Retry-After says to try again when X-RateLimit-Reset says', async () => {
    const { tc, sim, connection } = await setUp(['api_keys']);
    sim.inject({
      route: 'GET /api/v2/api_keys',
      times: 3,
      fault: {
        kind: 'status',
        status: 429,
        body: { errors: ['Rate limit exceeded'] },
        headers: {
          'x-ratelimit-limit': '60',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': '90',
          'x-ratelimit-name': 'api_keys_list',
        },
      },
    });
    const asked = Date.now();
    await ok(tc, 'syncNow', { connectionIds: [connection.id] });
    await tc.idle();
    const [view] = await ok<Connection[]>(tc, 'listConnections', undefined);
    expect(view?.lastError?.code).toBe('rate_limited');
    // The HTTP layer's time is the real one (as the suite's Retry-After checks read it).
    expect(view?.lastError?.retryAt).toBeGreaterThanOrEqual(asked + 89_000);
    expect(view?.lastError?.retryAt).toBeLessThanOrEqual(Date.now() + 91_000);
    // The limit's name, to quote when asking Datadog for more.
    expect(view?.lastError?.message).toMatch(
      /^Datadog is limiting how often Tokenkeeper may call it \(429\)\. Try again after \d\d:\d\d:\d\d UTC\. The limit is “api_keys_list”\.$/,
    );
  });
});
