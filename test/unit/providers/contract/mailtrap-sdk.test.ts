/**
 * Contract test: Mailtrap's official Node SDK (`mailtrap` on npm, 4.10.0, a devDependency only)
 * run against the Mailtrap simulator, for every endpoint Tokenkeeper's adapter uses: accounts
 * (`general.accounts.getAllAccounts`) and API tokens (`general.apiTokens.getList`, `get`, `create`,
 * `reset`, `delete`), including the 422 answers the SDK documents. Nobody here wrote the SDK: if
 * the simulator drifts from what Mailtrap's own client sends and expects, this fails.
 *
 * Pointing the SDK at the simulator: the SDK has no base-URL option; every resource builds an
 * absolute URL from `GENERAL_ENDPOINT` ("https://mailtrap.io", dist/config/index.js) and sends it
 * through the one axios instance the client creates in its constructor (`client.axios`,
 * dist/lib/MailtrapClient.js). A request interceptor on that instance swaps the origin for the
 * simulator's, and changes nothing else: headers (its `Authorization: Bearer`), bodies and paths
 * are the SDK's own.
 */
import { MailtrapClient } from 'mailtrap';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import {
  seedMailtrap,
  startMailtrap,
  type MailtrapSeed,
  type MailtrapSimulator,
} from '../../../simulators/mailtrap';
import { addYears } from '../../../simulators/strict';

const MAILTRAP = 'https://mailtrap.io';
const T0 = Date.parse('2026-11-25T09:00:00.000Z');

interface SdkAxios {
  interceptors: { request: { use(fn: (config: { url?: string }) => { url?: string }): number } };
}

let now = T0;
let sim: MailtrapSimulator;
let seed: MailtrapSeed;

beforeEach(async () => {
  now = T0;
  sim = await startMailtrap({ now: () => now });
  seed = seedMailtrap(sim);
});

afterEach(async () => {
  await sim.close();
});

/** The official client, aimed at the simulator. */
function sdk(token = seed.credential, accountId = seed.accounts.acme): MailtrapClient {
  const client = new MailtrapClient({ token, accountId });
  const { axios } = client as unknown as { axios: SdkAxios };
  axios.interceptors.request.use((config) => {
    if (config.url?.startsWith(MAILTRAP) !== true) throw new Error(`unexpected SDK URL ${config.url}`);
    return { ...config, url: `${sim.url}${config.url.slice(MAILTRAP.length)}` };
  });
  return client;
}

/** What a failed SDK call gives its caller: the SDK's message, and the HTTP answer behind it. */
async function sdkFailure(
  call: Promise<unknown>,
): Promise<{ message: string; status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    const cause = (error as { cause?: { response?: { status: number; data: unknown } } }).cause;
    return {
      message: (error as Error).message,
      status: cause?.response?.status ?? 0,
      body: cause?.response?.data,
    };
  }
  throw new Error('expected the SDK call to fail');
}

const at = (ms: number) => new Date(ms).toISOString();

describe('accounts', () => {
  it('getAllAccounts lists every account the token reaches, with its access level', async () => {
    expect(await sdk().general.accounts.getAllAccounts()).toEqual([
      { id: 3229, name: 'Acme Mail', access_levels: [1000] },
      { id: 4410, name: 'Side Project', access_levels: [100] },
      { id: 5120, name: 'Agency Client', access_levels: [10] },
    ]);
    // The SDK authenticates with Authorization: Bearer, which the simulator accepts as Mailtrap does.
    expect(sim.authSchemes).toEqual(['bearer']);
  });

  it('a wrong token gets 401, which the SDK reports with Mailtrap’s message', async () => {
    expect(
      await sdkFailure(sdk('0123456789abcdef0123456789abcdef').general.accounts.getAllAccounts()),
    ).toEqual({ message: 'Incorrect API token', status: 401, body: { error: 'Incorrect API token' } });
  });
});

describe('api tokens: list and get', () => {
  it('getList returns every live token of the account, each with its resources and no secret', async () => {
    const list = await sdk().general.apiTokens.getList();
    expect(list.map((t) => t.name)).toEqual([
      'Tokenkeeper',
      'Production SMTP',
      'CI deploy',
      'Staging webhook',
      'Billing sender',
      'Billing sender',
    ]);
    for (const token of list) {
      expect(Object.keys(token).sort()).toEqual(
        ['created_by', 'expires_at', 'id', 'last_4_digits', 'name', 'resources'].sort(),
      );
      expect(token.resources.length).toBeGreaterThan(0);
      expect(JSON.stringify(token)).not.toContain(sim.tokens.get(token.id)?.secret);
    }
    const production = list.find((t) => t.name === 'Production SMTP');
    expect(production).toMatchObject({
      expires_at: null,
      created_by: 'Jane Doe',
      resources: [{ resource_type: 'account', resource_id: 3229, access_level: 100 }],
    });
    expect(list.find((t) => t.name === 'CI deploy')?.expires_at).toBe(at(T0 + 5 * DAY));
  });

  it('get returns one token; an unknown or non-integer id is 404', async () => {
    const client = sdk();
    const [first] = await client.general.apiTokens.getList();
    expect(await client.general.apiTokens.get(first?.id ?? 0)).toEqual(first);
    expect((await sdkFailure(client.general.apiTokens.get(999_999))).status).toBe(404);
    expect((await sdkFailure(client.general.apiTokens.get('12abc' as unknown as number))).status).toBe(404);
  });

  it('a viewer cannot list an account’s tokens (403)', async () => {
    expect(await sdkFailure(sdk(seed.credential, seed.accounts.agency).general.apiTokens.getList())).toEqual({
      message: 'Access forbidden',
      status: 403,
      body: { errors: 'Access forbidden' },
    });
  });
});

describe('api tokens: create', () => {
  it('creates with a name only: the secret once, the server’s default expiry, viewer on the account', async () => {
    const client = sdk();
    const created = await client.general.apiTokens.create({ name: 'SDK relay' });
    expect(created).toMatchObject({
      name: 'SDK relay',
      expires_at: null,
      created_by: 'Tokenkeeper',
      last_4_digits: created.token.slice(-4),
      resources: [{ resource_type: 'account', resource_id: 3229, access_level: 10 }],
    });
    expect(sim.authenticates(created.token)).toBe(true);
    // Later answers are the same token, without its secret.
    const { token: _secret, ...metadata } = created;
    expect((await client.general.apiTokens.getList()).find((t) => t.id === created.id)).toEqual(metadata);
    expect(await client.general.apiTokens.get(created.id)).toEqual(metadata);
  });

  it('with the 1-year server default, an omitted expires_at means a year from now; null still means never', async () => {
    sim.defaultExpiry = 'one_year';
    const client = sdk();
    expect((await client.general.apiTokens.create({ name: 'Defaulted' })).expires_at).toBe(
      at(addYears(T0, 1)),
    );
    expect(
      (await client.general.apiTokens.create({ name: 'Forever', expires_at: null })).expires_at,
    ).toBeNull();
  });

  it('creates with an expiry and resources; every later answer carries them', async () => {
    const client = sdk();
    const expiresAt = at(T0 + 90 * DAY);
    const resources = [
      { resource_type: 'account' as const, resource_id: 3229, access_level: 100 as const },
      { resource_type: 'inbox' as const, resource_id: seed.resources.acmeInbox, access_level: 10 as const },
      {
        resource_type: 'project' as const,
        resource_id: String(seed.resources.acmeProject),
        access_level: 10 as const,
      },
      {
        resource_type: 'sending_domain' as const,
        resource_id: seed.resources.acmeDomain,
        access_level: 100 as const,
      },
    ];
    const created = await client.general.apiTokens.create({
      name: 'Scoped',
      expires_at: expiresAt,
      resources,
    });
    const expected = resources.map((r) => ({ ...r, resource_id: Number(r.resource_id) }));
    expect(created).toMatchObject({ expires_at: expiresAt, resources: expected });
    expect((await client.general.apiTokens.get(created.id)).resources).toEqual(expected);
    expect((await client.general.apiTokens.getList()).find((t) => t.id === created.id)?.resources).toEqual(
      expected,
    );
  });

  it.each([
    ['in the past', at(T0 - DAY), 'expires_at: must be in the future'],
    ['now', at(T0), 'expires_at: must be in the future'],
    ['more than 5 years ahead', at(addYears(T0, 5) + 1000), 'expires_at: must be at most 5 years from now'],
    ['not a date', 'next tuesday', 'expires_at: must be a valid ISO 8601 date-time'],
    [
      'a day the calendar does not have',
      '2027-02-30T00:00:00Z',
      'expires_at: must be a valid ISO 8601 date-time',
    ],
    ['a number', T0 + DAY, 'expires_at: must be a valid ISO 8601 date-time'],
  ])('refuses an expires_at %s with 422 and a field-keyed body', async (_label, value, message) => {
    const failure = await sdkFailure(
      sdk().general.apiTokens.create({ name: 'Bad expiry', expires_at: value as string }),
    );
    expect(failure).toEqual({
      message,
      status: 422,
      body: { errors: { expires_at: [message.replace('expires_at: ', '')] } },
    });
    expect(sim.findByName('Bad expiry')).toEqual([]);
  });

  it('accepts an expiry exactly 5 calendar years ahead (not 5 × 365 days)', async () => {
    const fiveYears = at(addYears(T0, 5));
    expect(addYears(T0, 5) - T0).toBeGreaterThan(5 * 365 * DAY);
    expect((await sdk().general.apiTokens.create({ name: 'Long', expires_at: fiveYears })).expires_at).toBe(
      fiveYears,
    );
  });

  it.each([
    [
      'an unknown resource type',
      [{ resource_type: 'organization', resource_id: 3229, access_level: 10 }],
      'item 1: resource_type must be one of account, project, inbox, sending_domain',
    ],
    [
      'an unknown access level',
      [{ resource_type: 'account', resource_id: 3229, access_level: 1000 }],
      'item 1: access_level must be 10 (viewer) or 100 (admin)',
    ],
    [
      'a resource that does not exist',
      [{ resource_type: 'inbox', resource_id: 424242, access_level: 10 }],
      'item 1: there is no inbox 424242',
    ],
    [
      'a non-integer id',
      [{ resource_type: 'account', resource_id: 'acme', access_level: 10 }],
      'item 1: resource_id must be an integer id',
    ],
    [
      'access the calling token does not hold (viewer in Agency Client)',
      [{ resource_type: 'inbox', resource_id: 8201, access_level: 10 }],
      'item 1: the calling token cannot grant access in account 5120',
    ],
    ['no resources at all', [], "can't be empty"],
  ])('refuses %s with 422 keyed to resources', async (_label, resources, problem) => {
    const failure = await sdkFailure(
      sdk().general.apiTokens.create({ name: 'Bad scope', resources: resources as never }),
    );
    expect(failure).toEqual({
      message: `resources: ${problem}`,
      status: 422,
      body: { errors: { resources: [problem] } },
    });
  });

  it('refuses a missing name and fields the API does not take, instead of dropping them', async () => {
    const client = sdk();
    expect(await sdkFailure(client.general.apiTokens.create({} as never))).toMatchObject({
      status: 422,
      body: { errors: { name: ["can't be blank"] } },
    });
    expect(
      await sdkFailure(client.general.apiTokens.create({ name: 'Extra', scope: 'all' } as never)),
    ).toMatchObject({ status: 422, body: { errors: { scope: ['is not a permitted parameter'] } } });
    expect(sim.findByName('Extra')).toEqual([]);
  });
});

describe('api tokens: reset', () => {
  it('resets: a new secret with the same resources; the old token works until its grace period ends', async () => {
    const client = sdk();
    const old = sim.findByName('Production SMTP')[0];
    if (old === undefined) throw new Error('seed');
    const oldSecret = old.secret;
    const next = await client.general.apiTokens.reset(old.id);
    expect(next).toMatchObject({
      name: 'Production SMTP',
      expires_at: null,
      resources: [{ resource_type: 'account', resource_id: 3229, access_level: 100 }],
    });
    expect(next.id).not.toBe(old.id);
    expect((await client.general.apiTokens.get(old.id)).expires_at).toBe(at(T0 + sim.graceMs));
    expect(sim.authenticates(oldSecret)).toBe(true);
    now += sim.graceMs;
    expect(sim.authenticates(oldSecret)).toBe(false);
    expect(sim.authenticates(next.token)).toBe(true);
  });

  it('takes an expires_at for the new token, with the same rules as create', async () => {
    const client = sdk();
    const id = sim.findByName('Production SMTP')[0]?.id ?? 0;
    expect(await sdkFailure(client.general.apiTokens.reset(id, { expires_at: at(T0 - 1000) }))).toMatchObject(
      {
        status: 422,
        body: { errors: { expires_at: ['must be in the future'] } },
      },
    );
    const expiresAt = at(T0 + 30 * DAY);
    expect((await client.general.apiTokens.reset(id, { expires_at: expiresAt })).expires_at).toBe(expiresAt);
  });

  it('resets a token that has an expiry but was neither reset nor has expired', async () => {
    const ci = sim.findByName('CI deploy')[0];
    const next = await sdk().general.apiTokens.reset(ci?.id ?? 0);
    expect(next.name).toBe('CI deploy');
  });

  it('refuses (422) a token already reset, and one already expired', async () => {
    const client = sdk();
    const old = sim.findByName('Billing sender').find((t) => t.resetAt !== null);
    expect(await sdkFailure(client.general.apiTokens.reset(old?.id ?? 0))).toEqual({
      message: 'Token has already been reset',
      status: 422,
      body: { errors: { base: ['Token has already been reset'] } },
    });
    const ci = sim.findByName('CI deploy')[0];
    now = T0 + 6 * DAY;
    expect(await sdkFailure(client.general.apiTokens.reset(ci?.id ?? 0))).toEqual({
      message: 'Token has already expired',
      status: 422,
      body: { errors: { base: ['Token has already expired'] } },
    });
  });
});

describe('api tokens: delete', () => {
  it('deletes for good (204): the token is gone from get and list, and no longer authenticates', async () => {
    const client = sdk();
    const target = sim.findByName('Staging webhook')[0];
    if (target === undefined) throw new Error('seed');
    await client.general.apiTokens.delete(target.id);
    expect((await sdkFailure(client.general.apiTokens.get(target.id))).status).toBe(404);
    expect((await client.general.apiTokens.getList()).some((t) => t.id === target.id)).toBe(false);
    expect(sim.authenticates(target.secret)).toBe(false);
    expect((await sdkFailure(client.general.apiTokens.delete(target.id))).status).toBe(404);
  });
});
