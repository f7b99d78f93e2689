/**
 * Cloudflare through the real handlers against its simulator: what the conformance suite does not
 * cover. Both token families in one list with scope words, last use, expiry and status; the
 * connection's own token rolled with the stored credential swapped; a create refused by
 * Cloudflare (more than the creator holds) shown next to the permission field; the 429 block
 * held by the connection's limiter with a message that says until when; the secret shapes; the
 * zone picker's choices and account-owned tokens (created, rolled, refused next to the owner).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactString, registerSecretShapes } from '../../../src-main/core/log/redact';
import { cloudflare } from '../../../src-main/core/providers/cloudflare';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { NewSecret, RotationStart, TokenPage } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import {
  seedCloudflare,
  startCloudflare,
  type CloudflareSeed,
  type CloudflareSimulator,
} from '../../simulators/cloudflare';
import { makeCanary, scanPaths, scanText } from '../../security/canary';
import { connectCloudflare } from './conformance/subjects/cloudflare';
import { ok, providerCore, refusal, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: CloudflareSimulator;
let seed: CloudflareSeed;

async function start(rateLimit?: { limit: number; windowMs: number; blockMs: number }) {
  t = providerCore();
  sim = await startCloudflare({
    now: () => t.clock.now(),
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
  t.sims.push(sim);
  seed = seedCloudflare(sim);
}
beforeEach(() => start());
afterEach(() => t.shutdown());

const rows = async () => (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 100 })).rows;
const byName = async (name: string) => (await rows()).filter((r) => r.name === name);
const ROLL = 'PUT /client/v4/user/tokens/:id/value';

describe('connect and list', () => {
  it('lists user tokens and the account’s own, with policies in words, IP conditions, status, last use and expiry', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    expect(connection.accounts.map((a) => a.name)).toEqual(['Acme Inc', 'Side project']);
    const listed = await rows();
    expect(listed.map((r) => r.name).sort()).toEqual([
      'CI deploy',
      'Cache purge',
      'Old laptop',
      'Paused export',
      'Terraform',
      'Tokenkeeper',
      'Workers deploy',
    ]);
    const ci = listed.find((r) => r.name === 'CI deploy');
    expect(ci?.scopeSummary).toBe('DNS Write on example.com · only from 192.0.2.0/24');
    expect(ci?.lastUsedAt).toBe(t.clock.now() - 2 * 3_600_000);
    expect(ci?.expiresAt).toBe(Math.floor((t.clock.now() + 5 * DAY) / 1000) * 1000);
    expect(listed.find((r) => r.name === 'Paused export')?.scopeSummary).toBe(
      'Disabled · Zone Read on all zones of Acme Inc',
    );
    expect(listed.find((r) => r.name === 'Terraform')).toMatchObject({
      accountName: 'Acme Inc',
      scopeSummary: 'DNS Write, Zone Settings Write on all zones of Acme Inc',
    });
    expect(listed.find((r) => r.name === 'Old laptop')?.expiresAt).toBeLessThan(t.clock.now());
    expect(listed.filter((r) => r.isConnectionCredential).map((r) => r.name)).toEqual(['Tokenkeeper']);
  });

  it('a token that cannot read API tokens is refused at connection, saying which permission to add', async () => {
    const weak = sim.addToken({
      name: 'Zone only',
      policies: [sim.policy(['Zone Read'], { 'com.cloudflare.api.account.zone.*': '*' })],
    });
    const error = await refusal(t, 'beginConnection', {
      provider: 'cloudflare',
      mode: 'api',
      label: 'Cloudflare',
      baseUrl: sim.url,
      fields: { apiToken: weak.secret },
    });
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('API Tokens Read');
  });
});

describe('create, roll and delete', () => {
  it('creates a user token from a permission group on every zone of the picked account', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      name: 'Preview DNS',
      permissionGroup: 'DNS Write',
      resource: { kind: 'zones' },
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(created.token.scopeSummary).toBe('DNS Write on all zones of Acme Inc');
    const made = [...sim.tokens.values()].find((x) => x.name === 'Preview DNS');
    expect(made?.policies[0]?.resources).toEqual({
      [`com.cloudflare.api.account.${seed.acme}`]: { 'com.cloudflare.api.account.zone.*': '*' },
    });
    expect(made?.expiresOn).toBe(Math.floor((t.clock.now() + 30 * DAY) / 1000) * 1000);
  });

  it('creates a token limited to one zone by name, from a start date, with an IP allow list', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const notBefore = t.clock.now() + 2 * DAY;
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      name: 'Example DNS',
      permissionGroup: 'DNS Write',
      resource: { kind: 'zone', name: 'Example.com' },
      notBefore,
      allowedIps: ['203.0.113.7', '2001:db8::/32'],
      expiresAt: t.clock.now() + 30 * DAY,
    });
    const from = new Date(Math.floor(notBefore / 1000) * 1000).toISOString().slice(0, 16).replace('T', ' ');
    expect(created.token.scopeSummary).toBe(
      `DNS Write on example.com · valid from ${from} UTC · only from 203.0.113.7/32, 2001:db8::/32`,
    );
    const made = [...sim.tokens.values()].find((x) => x.name === 'Example DNS');
    const example = [...sim.zones.values()].find((z) => z.name === 'example.com');
    expect(made?.policies[0]?.resources).toEqual({ [`com.cloudflare.api.account.zone.${example?.id}`]: '*' });
    expect(made?.condition).toEqual({ in: ['203.0.113.7/32', '2001:db8::/32'] });
    expect(made?.notBefore).toBe(Math.floor(notBefore / 1000) * 1000);
  });

  it('refuses, next to their fields and before any call, a bad IP, a start after the expiry, an unknown zone', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const base = {
      connectionId: connection.id,
      accountId: seed.acme,
      name: 'Bad',
      permissionGroup: 'DNS Write',
      resource: { kind: 'zones' },
    };
    sim.resetLog();
    const badIp = await refusal(t, 'createToken', { ...base, allowedIps: ['203.0.113.300'] });
    expect(badIp.field).toBe('allowedIps');
    expect(badIp.message).toContain('“203.0.113.300” is not an IP address or CIDR range');
    const late = await refusal(t, 'createToken', {
      ...base,
      expiresAt: t.clock.now() + DAY,
      notBefore: t.clock.now() + 2 * DAY,
    });
    expect(late).toMatchObject({
      field: 'notBefore',
      message: 'The start date must be before the expiry date.',
    });
    const unpicked = await refusal(t, 'createToken', { ...base, resource: undefined });
    expect(unpicked.field).toBe('resource');
    expect(sim.count('POST /client/v4/user/tokens')).toBe(0);
    const unknown = await refusal(t, 'createToken', {
      ...base,
      resource: { kind: 'zone', name: 'nowhere.dev' },
    });
    expect(unknown.field).toBe('resource');
    expect(unknown.message).toContain('no zone named “nowhere.dev”');
    expect(sim.count('POST /client/v4/user/tokens')).toBe(0);
  });

  it('more than the creator holds: Cloudflare’s refusal is shown next to the permission field', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      name: 'Storage',
      permissionGroup: 'Workers R2 Storage Write',
    });
    expect(error.code).toBe('validation');
    expect(error.field).toBe('permissionGroup');
    expect(error.message).toContain('You cannot grant “Workers R2 Storage Write”');
  });

  it('rolls the connection’s own token in place and moves the stored credential to the new secret', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const [own] = await byName('Tokenkeeper');
    sim.resetLog();
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: own?.id });
    expect(sim.count(ROLL)).toBe(1);
    expect(start.credentialSwapped).toBe(true);
    const secret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(secret).toMatch(/^cfut_/);
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(secret);
    expect(sim.authenticates(seed.credential)).toBe(false);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const after = await byName('Tokenkeeper');
    expect(after).toEqual([
      expect.objectContaining({ id: own?.id, isConnectionCredential: true, state: 'active' }),
    ]);
    expect(sim.requests.at(-1)?.authenticatedAs).toBe(seed.credentialId);
  });

  it('the create dialog’s zone picker: the picked account’s zones by name, from Cloudflare', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    sim.resetLog();
    const acme = await ok<{ id: string; name: string }[]>(t, 'listCreateChoices', {
      connectionId: connection.id,
      kind: 'zone',
      accountId: seed.acme,
    });
    expect(acme.map((z) => z.name)).toEqual(['acme.dev', 'example.com']);
    expect(sim.requests.at(-1)?.query).toContain(`account.id=${seed.acme}`);
    // The connection's token reads no zones of the side account: none are offered there.
    const side = await ok<unknown[]>(t, 'listCreateChoices', {
      connectionId: connection.id,
      kind: 'zone',
      accountId: seed.side,
    });
    expect(side).toEqual([]);
    const elsewhere = await refusal(t, 'listCreateChoices', {
      connectionId: connection.id,
      kind: 'zone',
      accountId: 'not-an-included-account',
    });
    expect(elsewhere.field).toBe('accountId');
    const unnamed = await refusal(t, 'listCreateChoices', {
      connectionId: connection.id,
      kind: 'zones',
      accountId: seed.acme,
    });
    expect(unnamed.code).toBe('not_supported');
  });

  it('creates an account-owned token, rolls it, and shows Cloudflare’s refusal next to the owner', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      owner: 'account',
      name: 'Account DNS',
      permissionGroup: 'DNS Write',
      resource: { kind: 'zone', name: 'acme.dev' },
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(created.token).toMatchObject({ accountName: 'Acme Inc', scopeSummary: 'DNS Write on acme.dev' });
    const made = [...sim.tokens.values()].find((x) => x.name === 'Account DNS');
    expect(made).toMatchObject({ family: 'account', owner: seed.acme });
    const secret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: created.secretId })).value;
    expect(secret).toMatch(/^cfat_/);
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: created.token.id });
    expect(sim.count('PUT /client/v4/accounts/:accountId/tokens/:id/value')).toBe(1);
    expect(start.credentialSwapped).toBe(false);
    expect(sim.authenticates(secret)).toBe(false);
    // The connection's token holds Account API Tokens Write on Acme only.
    const refused = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.side,
      owner: 'account',
      name: 'Side DNS',
      permissionGroup: 'Workers Scripts Write',
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(refused).toMatchObject({ code: 'forbidden', field: 'owner' });
    expect(refused.message).toContain('needs Account API Tokens Write on Side project');
    expect([...sim.tokens.values()].some((x) => x.name === 'Side DNS')).toBe(false);
  });

  it('deletes an account-owned token under its account', async () => {
    await connectCloudflare(t, sim, seed.credential);
    const [terraform] = await byName('Terraform');
    await ok(t, 'revokeToken', { tokenId: terraform?.id });
    expect([...sim.tokens.values()].some((x) => x.name === 'Terraform')).toBe(false);
    expect(sim.count('DELETE /client/v4/accounts/:accountId/tokens/:id')).toBe(1);
  });
});

describe('account-owned secrets', () => {
  it('an account-owned create whose answer is lost is found by listing that account, never retried', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    sim.inject({
      route: 'POST /client/v4/accounts/:accountId/tokens',
      fault: { kind: 'reset', afterHandling: true },
    });
    const lost = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      owner: 'account',
      name: 'Lost answer',
      permissionGroup: 'Zone Read',
      resource: { kind: 'zones' },
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(lost.message).toContain(
      'Cloudflare created “Lost answer”, but its secret never reached Tokenkeeper',
    );
    expect(sim.count('POST /client/v4/accounts/:accountId/tokens')).toBe(1);
    expect(await byName('Lost answer')).toEqual([
      expect.objectContaining({ accountName: 'Acme Inc', state: 'active' }),
    ]);
  });

  it('an account-owned token’s created and rolled secrets reach no file, log line or event', async () => {
    const connection = await connectCloudflare(t, sim, seed.credential);
    const canaries = { created: makeCanary('CfAccountCreate'), rolled: makeCanary('CfAccountRoll') };
    sim.queueSecrets(canaries.created);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: seed.acme,
      owner: 'account',
      name: 'Canary',
      permissionGroup: 'Zone Read',
      resource: { kind: 'zones' },
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect((await ok<{ value: string }>(t, 'revealSecret', { secretId: created.secretId })).value).toBe(
      canaries.created,
    );
    await ok(t, 'discardSecret', { secretId: created.secretId });
    sim.queueSecrets(canaries.rolled);
    const rotation = await ok<RotationStart>(t, 'startRotation', { tokenId: created.token.id });
    await ok(t, 'discardSecret', { secretId: rotation.secretId });
    await ok(t, 'syncNow', {});
    await t.idle();
    expect(sim.authenticates(canaries.rolled)).toBe(true);
    const known = { ...canaries, connection: seed.credential };
    const scan = scanPaths([t.dataDir], known);
    expect(scan.files).toBeGreaterThan(0);
    expect(scan.hits).toEqual([]);
    expect(scanText(t.logLines.join('\n'), known, 'log')).toEqual([]);
    expect(scanText(JSON.stringify(t.emitted), known, 'events')).toEqual([]);
  });
});

describe('the rate limit', () => {
  // Cloudflare blocks for five minutes; here for 12 s (the HTTP layer's limiter waits in real
  // time, and anything over 10 s is surfaced rather than waited out inside one request).
  it('a 429 block says until when, and the connection’s calls wait it out without hammering it', async () => {
    await t.shutdown();
    await start({ limit: 12, windowMs: 300_000, blockMs: 12_000 });
    // Connecting (3 calls) and its first sync (5) leave room for 4: the next sync meets the block.
    const connection = await connectCloudflare(t, sim, seed.credential);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    type View = { status: string; lastError: { code: string; message: string } | null };
    const blocked = await ok<View[]>(t, 'listConnections', undefined);
    expect(blocked[0]?.lastError?.code).toBe('rate_limited');
    expect(blocked[0]?.lastError?.message).toMatch(
      /^Cloudflare is limiting how often Tokenkeeper may call it \(429\)\. Try again after \d\d:\d\d:\d\d UTC\.$/,
    );
    // The next sync is held by the connection's limiter until the block has passed: no call.
    const before = sim.requests.length;
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sim.requests.length).toBe(before);
    t.clock.advance(13_000);
    await t.idle();
    const later = await ok<View[]>(t, 'listConnections', undefined);
    expect(later[0]).toMatchObject({ status: 'ok', lastError: null });
    expect(sim.requests.length).toBeGreaterThan(before);
  }, 40_000);
});

describe('secret shapes', () => {
  it('scrubs cfut_ and cfat_ tokens from log lines and messages', () => {
    registerSecretShapes(cloudflare.secretShapes);
    const user = `cfut_${'a1B2'.repeat(12)}`;
    const account = `cfat_${'Z9y8'.repeat(12)}`;
    const line = redactString(`sent ${user} and ${account}`);
    expect(line).not.toContain(user);
    expect(line).not.toContain(account);
  });
});
