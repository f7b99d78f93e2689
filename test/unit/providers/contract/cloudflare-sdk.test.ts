/**
 * Contract test: the official `cloudflare` npm SDK 7.3.0 (Stainless-generated from Cloudflare's
 * OpenAPI; a devDependency only) run against the Cloudflare simulator for every endpoint
 * Tokenkeeper's adapter uses and the SDK offers: user tokens (list with the SDK's own
 * auto-pagination, get, create, update, delete, verify, roll through `value.update`), account
 * tokens (the same under `client.accounts.tokens`), permission groups, accounts and zones, and
 * the error classes (401, 403, 400, 404, 429). Nobody here wrote the SDK: if the simulator drifts
 * from what Cloudflare's own client sends and reads, this fails.
 *
 * The IP condition: the API docs put it under `"request.ip"`; the SDK types it `request_ip` and
 * sends keys as given. Both are tried here, and the doc (docs/providers/cloudflare.md) records it.
 */
import Cloudflare from 'cloudflare';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import {
  seedCloudflare,
  startCloudflare,
  type CloudflareSeed,
  type CloudflareSimulator,
} from '../../../simulators/cloudflare';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
let sim: CloudflareSimulator;
let seed: CloudflareSeed;

beforeEach(async () => {
  sim = await startCloudflare({
    now: () => T0,
    rateLimit: { limit: 40, windowMs: 300_000, blockMs: 300_000 },
  });
  seed = seedCloudflare(sim);
});
afterEach(() => sim.close());

// maxRetries 0: the SDK retries a 429 after its retry-after (five minutes here), and 409/5xx too.
const client = (apiToken = seed.credential) =>
  new Cloudflare({ apiToken, baseURL: `${sim.url}/client/v4`, maxRetries: 0 });

async function failure(call: Promise<unknown>): Promise<InstanceType<typeof Cloudflare.APIError>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Cloudflare.APIError) return error;
    throw error;
  }
  throw new Error('expected the SDK call to fail');
}

const zonesOfAcme = () => ({
  [`com.cloudflare.api.account.${seed.acme}`]: { 'com.cloudflare.api.account.zone.*': '*' },
});
const groupId = (name: string) => sim.groupNamed(name).id;

describe('user tokens', () => {
  it('verify answers the calling token’s id and status', async () => {
    expect(await client().user.tokens.verify()).toEqual({
      id: seed.credentialId,
      status: 'active',
      expires_on: new Date(T0 + 200 * DAY).toISOString().replace('.000Z', 'Z'),
    });
  });

  it('list pages through every token with the SDK’s own iterator (a page past the end is empty)', async () => {
    for (let i = 0; i < 12; i++)
      sim.addToken({ name: `Bulk ${i}`, policies: [sim.policy(['Zone Read'], zonesOfAcme())] });
    sim.resetLog();
    const names: string[] = [];
    for await (const token of client().user.tokens.list({ per_page: 5 })) names.push(token.name ?? '');
    // Six seeded tokens live (the expired one is left out without include_expired) and 12 more.
    expect(names).toHaveLength(17);
    expect(names).not.toContain('Old laptop');
    expect(sim.count('GET /client/v4/user/tokens')).toBe(5);
    const withExpired: string[] = [];
    for await (const token of client().user.tokens.list({ include_expired: true, per_page: 50 }))
      withExpired.push(token.name ?? '');
    expect(withExpired).toContain('Old laptop');
  });

  it('get reads one token with its policies and the request.ip condition', async () => {
    const ci = [...sim.tokens.values()].find((t) => t.name === 'CI deploy');
    const token = await client().user.tokens.get(ci?.id ?? '');
    expect(token).toMatchObject({ id: ci?.id, name: 'CI deploy', status: 'active' });
    expect(token.policies?.[0]?.permission_groups[0]?.name).toBe('DNS Write');
    // The wire key is "request.ip" (docs, other SDKs); the TS SDK's type says request_ip.
    expect(token.condition).toEqual({ 'request.ip': { in: ['192.0.2.0/24'] } });
    expect(token.condition?.request_ip).toBeUndefined();
  });

  it('create returns the token with its value once; update, roll and delete follow', async () => {
    const cf = client();
    const created = await cf.user.tokens.create({
      name: 'SDK probe',
      policies: [
        { effect: 'allow', permission_groups: [{ id: groupId('DNS Write') }], resources: zonesOfAcme() },
      ],
      expires_on: new Date(T0 + 30 * DAY).toISOString(),
      // The documented wire key, given past the SDK's typing (it sends keys as they are).
      condition: { 'request.ip': { in: ['198.51.100.0/24'] } } as never,
    });
    expect(created.value).toMatch(/^cfut_[A-Za-z0-9]{48}$/);
    expect(created).toMatchObject({
      name: 'SDK probe',
      status: 'active',
      condition: { 'request.ip': { in: ['198.51.100.0/24'] } },
    });
    const id = created.id ?? '';

    const updated = await cf.user.tokens.update(id, {
      name: 'SDK probe (paused)',
      policies: [
        { effect: 'allow', permission_groups: [{ id: groupId('DNS Read') }], resources: zonesOfAcme() },
      ],
      status: 'disabled',
    });
    expect(updated).toMatchObject({ name: 'SDK probe (paused)', status: 'disabled' });

    const rolled = await cf.user.tokens.value.update(id);
    expect(typeof rolled).toBe('string');
    expect(rolled).not.toBe(created.value);
    expect(sim.tokens.get(id)?.secret).toBe(rolled);

    expect(await cf.user.tokens.delete(id)).toEqual({ id });
    expect((await failure(cf.user.tokens.get(id))).status).toBe(404);
  });

  it('the app’s own token rolled: the old value fails at once, the new one works', async () => {
    const rolled = await client().user.tokens.value.update(seed.credentialId);
    const old = await failure(client().user.tokens.verify());
    expect(old).toBeInstanceOf(Cloudflare.AuthenticationError);
    expect(old.errors).toEqual([{ code: 1000, message: 'Invalid API Token' }]);
    expect((await client(rolled).user.tokens.verify()).id).toBe(seed.credentialId);
  });

  it('a token cannot be given more than its creator holds: 400 with Cloudflare’s words', async () => {
    const refused = await failure(
      client().user.tokens.create({
        name: 'Too much',
        policies: [
          {
            effect: 'allow',
            permission_groups: [{ id: groupId('Workers R2 Storage Write') }],
            resources: { [`com.cloudflare.api.account.${seed.acme}`]: '*' },
          },
        ],
      }),
    );
    expect(refused).toBeInstanceOf(Cloudflare.BadRequestError);
    expect(refused.errors[0]?.message).toContain('Workers R2 Storage Write');
  });

  it('the SDK’s typed request_ip key is refused as an unknown field (the API’s key is request.ip)', async () => {
    const refused = await failure(
      client().user.tokens.create({
        name: 'Typed condition',
        policies: [
          { effect: 'allow', permission_groups: [{ id: groupId('DNS Read') }], resources: zonesOfAcme() },
        ],
        condition: { request_ip: { in: ['198.51.100.0/24'] } },
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.errors[0]?.message).toContain('request_ip');
  });

  it('a token expires by the clock: verify then says so and calls are refused', async () => {
    const old = [...sim.tokens.values()].find((t) => t.name === 'Old laptop');
    expect((await failure(client(old?.secret).user.tokens.verify())).status).toBe(401);
    expect(sim.status(old!)).toBe('expired');
  });

  it('permission groups are listed by name and scope in one page', async () => {
    const groups = [];
    for await (const g of client().user.tokens.permissionGroups.list({ name: 'DNS Write' })) groups.push(g);
    expect(groups).toEqual([
      expect.objectContaining({
        id: groupId('DNS Write'),
        name: 'DNS Write',
        scopes: ['com.cloudflare.api.account.zone'],
      }),
    ]);
  });
});

describe('account-owned tokens', () => {
  it('list, get, create, roll and delete under the account the token may manage', async () => {
    const cf = client();
    const names: string[] = [];
    for await (const t of cf.accounts.tokens.list({ account_id: seed.acme })) names.push(t.name ?? '');
    expect(names).toEqual(['Terraform']);
    const created = await cf.accounts.tokens.create({
      account_id: seed.acme,
      name: 'Account probe',
      policies: [
        { effect: 'allow', permission_groups: [{ id: groupId('Zone Read') }], resources: zonesOfAcme() },
      ],
    });
    expect(created.value).toMatch(/^cfat_/);
    const id = created.id ?? '';
    expect(await cf.accounts.tokens.get(id, { account_id: seed.acme })).toMatchObject({
      name: 'Account probe',
    });
    const rolled = await cf.accounts.tokens.value.update(id, { account_id: seed.acme });
    expect(sim.tokens.get(id)?.secret).toBe(rolled);
    expect((await client(rolled).accounts.tokens.verify({ account_id: seed.acme })).id).toBe(id);
    expect(await cf.accounts.tokens.delete(id, { account_id: seed.acme })).toEqual({ id });
    const groups = [];
    for await (const g of cf.accounts.tokens.permissionGroups.list({ account_id: seed.acme })) groups.push(g);
    expect(groups.length).toBe(sim.groups.size);
  });

  it('an account the token holds no Account API Tokens permission for is refused with 403', async () => {
    const refused = await failure(client().accounts.tokens.list({ account_id: seed.side }));
    expect(refused).toBeInstanceOf(Cloudflare.PermissionDeniedError);
    expect(refused.errors).toEqual([{ code: 10000, message: 'Authentication error' }]);
  });
});

describe('accounts, zones and the rate limit', () => {
  it('accounts and zones page with the SDK iterator', async () => {
    const accounts = [];
    for await (const a of client().accounts.list()) accounts.push(a.name);
    expect(accounts).toEqual(['Acme Inc', 'Side project']);
    const zones = [];
    for await (const z of client().zones.list()) zones.push(z.name);
    expect(zones.sort()).toEqual(['acme.dev', 'example.com']);
  });

  it('zones of one account by name, as the create dialog’s picker lists them (account.id, paged)', async () => {
    const acme = [];
    for await (const z of client().zones.list({ account: { id: seed.acme }, per_page: 5 }))
      acme.push({ name: z.name, account: z.account.id });
    expect(acme.map((z) => z.name).sort()).toEqual(['acme.dev', 'example.com']);
    expect(acme.every((z) => z.account === seed.acme)).toBe(true);
    const side = [];
    for await (const z of client().zones.list({ account: { id: seed.side } })) side.push(z.name);
    expect(side).toEqual([]);
    const named = await client().zones.list({ account: { id: seed.acme }, name: 'example.com' });
    expect(named.result.map((z) => z.name)).toEqual(['example.com']);
    // An unknown query key is refused, as Cloudflare's API refuses what it does not take.
    const refused = await failure(
      client().zones.list({ account: { id: seed.acme } }, { query: { zone_name: 'x' } }),
    );
    expect(refused.status).toBe(400);
  });

  it('past the limit every call is blocked with 429 and retry-after for five minutes', async () => {
    const cf = client();
    for (let i = 0; i < 40; i++) await cf.user.tokens.verify();
    const limited = await failure(cf.user.tokens.verify());
    expect(limited).toBeInstanceOf(Cloudflare.RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('300');
    expect(limited.errors[0]?.code).toBe(971);
    // The block holds for every call, whatever it is.
    expect((await failure(cf.accounts.list())).status).toBe(429);
  });
});
