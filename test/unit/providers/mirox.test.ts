/**
 * The Mirox adapter against its simulator: sign-in through the session provider (the shell's
 * window in the app; here a login to the simulator), the list with usage history, create with a
 * permission group and the expiry rules, the 64-token cap, in-place rotation and revoke.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Connection,
  NewSecret,
  RotationStart,
  TokenDetail,
  TokenPage,
} from '../../../src-preload/contract';
import { AppError } from '../../../src-main/core/errors';
import { DAY } from '../../simulators/base';
import { addYears } from '../../simulators/strict';
import type { MiroxSeed, MiroxSimulator } from '../../simulators/mirox';
import { connectMirox, ok, providerCore, refusal, withMirox, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: MiroxSimulator;
let seed: MiroxSeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withMirox(t));
});

afterEach(async () => {
  await t.shutdown();
});

const tokens = async () => (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500 })).rows;
const byName = async (name: string) => (await tokens()).filter((r) => r.name === name);
const view = async () => (await ok<Connection[]>(t, 'listConnections', undefined))[0] as Connection;
const park = (secret: string) =>
  fetch(`${sim.url}/api/v1/park`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);

describe('connecting', () => {
  it('signs in through the session provider, keyed by the new connection, and stores no credential', async () => {
    const requests: { connectionId: string; provider: string; baseUrl: string }[] = [];
    const login = t.fakes.sessions.login;
    t.fakes.sessions.login = (request) => {
      requests.push(request);
      return login(request);
    };
    const draft = await ok<{ draftId: string; identity: string; summary: string }>(t, 'beginConnection', {
      provider: 'mirox',
      mode: 'api',
      label: 'Mirox',
      baseUrl: sim.url,
      fields: {},
    });
    expect(draft).toMatchObject({ identity: seed.email, summary: `Signed in as ${seed.email}` });
    const connection = await ok<Connection>(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'Mirox',
      accountIds: [],
    });
    await t.idle();
    expect(requests).toEqual([
      { connectionId: connection.id, provider: 'mirox', baseUrl: sim.url, origin: new URL(sim.url).origin },
    ]);
    expect(connection).toMatchObject({ signedIn: true, credential: 'not_needed', identity: seed.email });
    expect(t.fakes.credentials.values.size).toBe(0);
    const cookie = t.fakes.sessions.sessions.get(connection.id)?.headers.Cookie ?? '';
    const values = cookie.split('; ').map((pair) => pair.split('=')[1] ?? '');
    expect(values).toHaveLength(2);
    for (const value of values)
      expect(JSON.stringify([t.snapshot(), t.connectionRow(connection.id)])).not.toContain(value);
  });

  it('reports a sign-in window closed before signing in, and keeps nothing', async () => {
    t.fakes.sessions.login = () =>
      Promise.reject(new AppError('cancelled', 'The Mirox sign-in window was closed before signing in.'));
    const error = await refusal(t, 'beginConnection', {
      provider: 'mirox',
      mode: 'api',
      label: 'Mirox',
      baseUrl: sim.url,
      fields: {},
    });
    expect(error).toEqual({
      code: 'cancelled',
      message: 'The Mirox sign-in window was closed before signing in.',
    });
    expect(await ok(t, 'listConnections', undefined)).toEqual([]);
  });

  it('has no credential to re-enter: says to sign in instead', async () => {
    const connection = await connectMirox(t, sim);
    const error = await refusal(t, 'updateCredential', { connectionId: connection.id, fields: {} });
    expect(error.message).toBe(
      'Mirox has no stored credential: Tokenkeeper uses a signed-in session. Use “Sign in” instead.',
    );
  });
});

describe('the token list', () => {
  it('shows the permission group, expiry, last use and usage history', async () => {
    await connectMirox(t, sim);
    const [reporter] = await byName('Report exporter');
    expect(reporter).toMatchObject({ scopeKind: 'permission_group', scopeSummary: 'Reporting' });
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: reporter?.id });
    expect(detail.scope.permissionGroup).toBe('Reporting');
    expect(detail.usageHistory).toEqual([
      {
        at: t.clock.now() - DAY,
        ip: '203.0.113.10',
        location: 'Berlin, DE',
        browser: 'python-requests',
        os: 'Linux',
      },
      {
        at: t.clock.now() - 8 * DAY,
        ip: '203.0.113.10',
        location: 'Berlin, DE',
        browser: 'python-requests',
        os: 'Linux',
      },
    ]);
    const [full] = await byName('Automation (full)');
    expect(full?.badges).toEqual(expect.arrayContaining(['broad_scope', 'never_used']));
    const [grafana] = await byName('Grafana timeseries');
    expect(grafana?.badges).toContain('expires_7');
  });
});

describe('creating', () => {
  it('creates with a permission group and the default one-year expiry; the secret works once shown', async () => {
    const connection = await connectMirox(t, sim);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Exporter 2',
      permissionGroup: 'Reporting',
    });
    expect(created.token).toMatchObject({ scopeSummary: 'Reporting', expiresAt: t.clock.now() + 365 * DAY });
    const secret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: created.secretId })).value;
    // A Reporting token does not reach /api/v1/park (403); Full Access would.
    expect(await park(secret)).toBe(403);
  });

  it('refuses what Mirox does not allow, before any call', async () => {
    const connection = await connectMirox(t, sim);
    sim.resetLog();
    const noGroup = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
    });
    expect(noGroup).toMatchObject({ code: 'invalid_input', field: 'permissionGroup' });
    const badGroup = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
      permissionGroup: 'Admin',
    });
    expect(badGroup.field).toBe('permissionGroup');
    const tooLong = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
      permissionGroup: 'Reporting',
      expiresAt: t.clock.now() + 6 * 365 * DAY,
    });
    expect(tooLong).toEqual({
      code: 'invalid_input',
      field: 'expiresAt',
      message: 'Mirox tokens can be valid for at most 5 years. Pick an earlier expiry date.',
    });
    const never = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
      permissionGroup: 'Reporting',
      expiresAt: null,
    });
    expect(never).toEqual({
      code: 'invalid_input',
      field: 'expiresAt',
      message: 'Mirox tokens must have an expiry date.',
    });
    expect(sim.requests).toHaveLength(0);
  });

  it('allows an expiry five calendar years ahead (leap days included), and refuses one day more', async () => {
    const connection = await connectMirox(t, sim);
    const fiveYears = addYears(t.clock.now(), 5);
    // From 2026-11-25, five years span 29 February 2028: 1,826 days, one more than 5 × 365.
    expect(fiveYears - t.clock.now()).toBe(1826 * DAY);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Five years',
      permissionGroup: 'Reporting',
      expiresAt: fiveYears,
    });
    expect(created.token.expiresAt).toBe(fiveYears);
    expect(sim.liveTokens().find((x) => x.name === 'Five years')?.expiresAt).toBe(fiveYears);
    const beyond = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Too long',
      permissionGroup: 'Reporting',
      expiresAt: fiveYears + DAY,
    });
    expect(beyond).toMatchObject({ code: 'invalid_input', field: 'expiresAt' });
  });

  it('refuses a 65th token before any call, with the reason', async () => {
    for (let i = 0; i < 60; i++)
      sim.addToken(seed.email, { name: `Sensor ${i}`, permissionGroup: 'timeseries_database' });
    const connection = await connectMirox(t, sim);
    expect((await view()).tokenCount).toBe(64);
    sim.resetLog();
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'One more',
      permissionGroup: 'Reporting',
    });
    expect(error).toEqual({
      code: 'limit_reached',
      message:
        'Mirox allows at most 64 tokens per user, and you have 64. Revoke one you no longer need, then create the new one.',
    });
    expect(sim.requests).toHaveLength(0);
  });

  it('relays the cap from Mirox when the cache did not know (the simulator enforces it)', async () => {
    const connection = await connectMirox(t, sim);
    for (let i = 0; i < 60; i++)
      sim.addToken(seed.email, { name: `Sensor ${i}`, permissionGroup: 'timeseries_database' });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'One more',
      permissionGroup: 'Reporting',
    });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      'Mirox refused the change because it conflicts with the current state (409). Mirox said: “You can hold up to 64 tokens.”',
    );
  });
});

describe('rotating in place', () => {
  it('gives the same token a new secret, resets its expiry, clears its usage, and kills the old secret at once', async () => {
    await connectMirox(t, sim);
    const [legacy] = await byName('Legacy dashboard');
    const remote = sim.liveTokens().find((x) => x.name === 'Legacy dashboard');
    const oldSecret = remote?.secret ?? '';
    expect(await park(oldSecret)).toBe(200);
    t.clock.jump(3_600_000);
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: legacy?.id });
    expect(start).toMatchObject({
      kind: 'in_place_immediate',
      needsConfirmation: false,
      credentialSwapped: false,
    });
    expect(start.newToken?.id).toBe(legacy?.id);
    expect(start.afterword).toMatch(
      /^The old secret of “Legacy dashboard” stopped working just now\. Update the integration that uses it right away\. The token now expires on \d{4}-\d\d-\d\d\.$/,
    );
    const newSecret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(await park(oldSecret)).toBe(401);
    expect(await park(newSecret)).toBe(200);
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: legacy?.id });
    // The expiry window (728 days) restarts now; the usage recorded before the rotation is gone.
    expect(detail.token.expiresAt).toBe(t.clock.now() + 728 * DAY);
    expect(detail.token.name).toBe('Legacy dashboard');
    expect(detail.scope.permissionGroup).toBe('Full Access');
    const afterSync = await ok(t, 'syncNow', {});
    expect(afterSync).toMatchObject({ started: [expect.any(String)] });
    await t.idle();
    const synced = await ok<TokenDetail>(t, 'getToken', { tokenId: legacy?.id });
    expect(synced.usageHistory.every((u) => u.at >= t.clock.now())).toBe(true);
  });
});

describe('revoking', () => {
  it('revokes at once', async () => {
    await connectMirox(t, sim);
    const [grafana] = await byName('Grafana timeseries');
    const secret = sim.liveTokens().find((x) => x.name === 'Grafana timeseries')?.secret ?? '';
    expect((await ok<{ state: string }>(t, 'revokeToken', { tokenId: grafana?.id })).state).toBe('revoked');
    expect(await park(secret)).toBe(401);
  });
});

describe('sessions', () => {
  it('asks to sign in when the web session has ended, and signs in again through the window', async () => {
    const connection = await connectMirox(t, sim);
    sim.sessions.clear();
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(await view()).toMatchObject({
      status: 'needs_sign_in',
      signedIn: false,
      lastError: { code: 'needs_sign_in' },
    });
    const signedIn = await ok<Connection>(t, 'signIn', { connectionId: connection.id });
    expect(signedIn.signedIn).toBe(true);
    await t.idle();
    expect((await view()).status).toBe('ok');
  });

  it('signing out clears the session; removing the connection does too', async () => {
    const connection = await connectMirox(t, sim);
    expect((await ok<Connection>(t, 'signOut', { connectionId: connection.id })).signedIn).toBe(false);
    expect(t.fakes.sessions.sessions.has(connection.id)).toBe(false);
    await ok(t, 'signIn', { connectionId: connection.id });
    expect(t.fakes.sessions.sessions.has(connection.id)).toBe(true);
    await ok(t, 'removeConnection', { connectionId: connection.id });
    expect(t.fakes.sessions.sessions.has(connection.id)).toBe(false);
  });

  it('every change carries the anti-forgery header; the simulator refuses one without it (modeled double submit)', async () => {
    const connection = await connectMirox(t, sim);
    const cookieHeader = t.fakes.sessions.sessions.get(connection.id)?.headers.Cookie ?? '';
    expect(cookieHeader).toMatch(/^mirox_session=[^;]+; XSRF-TOKEN=[^;]+$/);
    const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookieHeader)?.[1] ?? '';
    const create = (headers: Record<string, string>) =>
      fetch(`${sim.url}/api/v1/profile/api-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', Cookie: cookieHeader, ...headers },
        body: JSON.stringify({ name: 'Forged', permissionGroup: 'reporting' }),
      });
    expect((await create({})).status).toBe(403);
    expect((await create({ 'X-XSRF-TOKEN': 'not-the-token' })).status).toBe(403);
    expect(sim.liveTokens().some((x) => x.name === 'Forged')).toBe(false);
    expect((await create({ 'X-XSRF-TOKEN': xsrf })).status).toBe(201);
    // The adapter sends it on create, rotate and revoke (the simulator would refuse otherwise).
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Through the adapter',
      permissionGroup: 'Reporting',
    });
    await ok(t, 'startRotation', { tokenId: created.token.id });
    await ok(t, 'revokeToken', { tokenId: created.token.id });
  });

  it('a session without the anti-forgery cookie asks to sign in again instead of sending a change', async () => {
    const connection = await connectMirox(t, sim);
    const session = t.fakes.sessions.sessions.get(connection.id);
    const onlySession = (session?.headers.Cookie ?? '').split('; ')[0] ?? '';
    t.fakes.sessions.sessions.set(connection.id, { headers: { Cookie: onlySession } });
    sim.resetLog();
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'No token',
      permissionGroup: 'Reporting',
    });
    expect(error).toEqual({
      code: 'needs_sign_in',
      message:
        'Sign in to Mirox again: the session has no anti-forgery token, which Mirox requires before it changes tokens.',
    });
    expect(sim.count('POST /api/v1/profile/api-tokens')).toBe(0);
    expect((await view()).status).toBe('needs_sign_in');
  });

  it('a token cannot manage tokens (the simulator enforces the documented rule)', async () => {
    const secret = sim.liveTokens()[0]?.secret ?? '';
    const response = await fetch(`${sim.url}/api/v1/profile/api-tokens`, {
      headers: { Authorization: `Bearer ${secret}` },
    });
    expect(response.status).toBe(401);
  });
});
