/**
 * The smoxy adapter against its simulator: sign-in (JWT kept in the keychain until it expires), the optional API token
 * check, the token list (organizations, legacy), create with unique names, create-then-delete
 * rotation with confirmation, revoke, and the session kept in the keychain across a restart until
 * it expires.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import { sessionKey } from '../../../src-main/core/services/password-sessions';
import type { MemoryCredentialStore } from '../../host/fakes';
import type {
  Connection,
  NewSecret,
  RotationStart,
  TokenDetail,
  TokenPage,
} from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import type { SmoxySeed, SmoxySimulator } from '../../simulators/smoxy';
import { makeCore } from '../helpers';
import { connectSmoxy, FAST_HTTP, ok, providerCore, refusal, withSmoxy, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: SmoxySimulator;
let seed: SmoxySeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withSmoxy(t));
});

afterEach(async () => {
  await t.shutdown();
});

const tokens = async (includeInactive = false) =>
  (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500, includeInactive })).rows;
const byName = async (name: string, includeInactive = false) =>
  (await tokens(includeInactive)).filter((r) => r.name === name);
const view = async () => (await ok<Connection[]>(t, 'listConnections', undefined))[0] as Connection;

describe('connecting', () => {
  it('signs in, checks the API token with GET /api/zones, and keeps the session in the keychain only', async () => {
    const draft = await ok<{ draftId: string; identity: string; summary: string }>(t, 'beginConnection', {
      provider: 'smoxy',
      mode: 'api',
      label: 'smoxy',
      baseUrl: sim.url,
      fields: { email: seed.email, password: seed.password, apiToken: seed.apiToken },
    });
    expect(draft.identity).toBe(seed.email);
    expect(draft.summary).toBe(`Signed in as ${seed.email} · API token accepted (1 zone) · 3 organizations`);
    expect(sim.count('POST /api/auth/login')).toBe(1);
    expect(sim.count('GET /api/zones')).toBe(1);
    const connection = await ok<Connection>(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'smoxy',
      accountIds: [],
    });
    await t.idle();
    expect(connection).toMatchObject({ identity: seed.email, signedIn: true, credential: 'stored' });
    // The keychain holds the API token and the session (until it expires); the password is kept nowhere.
    const jwt = [...sim.jwts.keys()][0] ?? '';
    const keychain = t.fakes.credentials.values;
    expect([...keychain.keys()].sort()).toEqual([credentialKey(connection.id), sessionKey(connection.id)]);
    expect(keychain.get(credentialKey(connection.id))).toBe(seed.apiToken);
    expect(keychain.get(sessionKey(connection.id))).toContain(jwt);
    const stored = JSON.stringify([t.snapshot(), t.connectionRow(connection.id), t.logLines]);
    expect(stored).not.toContain(jwt);
    expect(stored).not.toContain(seed.password);
    expect(JSON.stringify([...keychain.values()])).not.toContain(seed.password);
    expect((await view()).status).toBe('ok');
  });

  it('says when the e-mail address or password is wrong', async () => {
    const error = await refusal(t, 'beginConnection', {
      provider: 'smoxy',
      mode: 'api',
      label: 's',
      baseUrl: sim.url,
      fields: { email: seed.email, password: 'nope' },
    });
    expect(error).toEqual({
      code: 'unauthorized',
      message: 'smoxy did not accept that e-mail address and password (401).',
    });
    const email = await refusal(t, 'beginConnection', {
      provider: 'smoxy',
      mode: 'api',
      label: 's',
      baseUrl: sim.url,
      fields: { email: 'not-an-address', password: 'x' },
    });
    expect(email).toEqual({
      code: 'invalid_input',
      message: 'Enter a valid e-mail address.',
      field: 'email',
    });
  });

  it('says when the optional API token is refused', async () => {
    const error = await refusal(t, 'beginConnection', {
      provider: 'smoxy',
      mode: 'api',
      label: 's',
      baseUrl: sim.url,
      fields: { email: seed.email, password: seed.password, apiToken: 'smx_not_a_real_token_000' },
    });
    expect(error.code).toBe('unauthorized');
    expect(error.message).toContain('smoxy refused the credential (401)');
  });

  it('works without an API token (only the session in the keychain)', async () => {
    const connection = await connectSmoxy(t, sim, seed, false);
    expect([...t.fakes.credentials.values.keys()]).toEqual([sessionKey(connection.id)]);
    expect((await view()).credential).toBe('missing');
    expect((await tokens()).length).toBe(7);
    expect(await ok(t, 'testConnection', { connectionId: connection.id })).toEqual({
      ok: true,
      message: 'The session is valid; 7 tokens visible.',
    });
  });
});

describe('the token list', () => {
  it('shows organizations, legacy tokens, last use and expiry', async () => {
    await connectSmoxy(t, sim, seed);
    const [ci] = await byName('CI/CD pipeline');
    expect(ci).toMatchObject({
      scopeKind: 'organizations',
      scopeSummary: 'All organizations',
      expiresAt: null,
    });
    expect(ci?.badges).toEqual(expect.arrayContaining(['never_expires', 'broad_scope']));
    const [cache] = await byName('Cache purge');
    expect(cache?.scopeSummary).toBe('Acme GmbH and Acme Labs');
    expect(cache?.badges).toContain('expires_7');
    const [legacy] = await byName('Legacy import');
    expect(legacy?.badges).toEqual(expect.arrayContaining(['legacy', 'unused_90']));
    const [unused] = await byName('Unused test');
    expect(unused?.badges).toContain('never_used');
  });

  it('a token whose answer carries no organizations is shown as not reported, never as all, and is not rotated into “all”', async () => {
    const user = sim.users[0];
    if (user === undefined) throw new Error('seed');
    sim.addToken(user, { name: 'Unscoped answer', organizations: null });
    await connectSmoxy(t, sim, seed);
    const [row] = await byName('Unscoped answer');
    expect(row?.scopeSummary).toBe('Organizations not reported by smoxy');
    expect(row?.badges).not.toContain('broad_scope');
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: row?.id });
    expect(detail.scope.organizations).toBeNull();
    const plan = await ok<{ allowed: boolean; reason: string }>(t, 'planRotation', { tokenId: row?.id });
    expect(plan).toEqual(
      expect.objectContaining({
        allowed: false,
        reason:
          'smoxy did not report which organizations “Unscoped answer” reaches, so Tokenkeeper cannot create a successor with the same access. Create the new token at smoxy with the organizations it needs, then revoke this one.',
      }),
    );
    expect(await refusal(t, 'startRotation', { tokenId: row?.id })).toEqual({
      code: 'conflict',
      message: plan.reason,
    });
    expect(sim.count('POST /api/api-tokens')).toBe(0);
  });

  it('follows the collection’s pages', async () => {
    const user = sim.users[0];
    if (user === undefined) throw new Error('seed');
    for (let i = 0; i < 40; i++) sim.addToken(user, { name: `Bulk ${i}` });
    await connectSmoxy(t, sim, seed);
    expect((await tokens()).length).toBe(47);
    expect(sim.count('GET /api/api-tokens')).toBe(2);
  });
});

describe('creating', () => {
  it('creates a token for specific organizations with an expiry; the secret once', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const expiresAt = t.clock.now() + 90 * DAY;
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Deploy bot',
      expiresAt,
      organizations: ['12', '/api/organizations/21'],
    });
    const remote = sim.liveTokens().find((x) => x.name === 'Deploy bot');
    expect(remote?.organizations).toEqual(['/api/organizations/12', '/api/organizations/21']);
    expect(remote?.expiresAt).toBe(expiresAt);
    expect(created.token).toMatchObject({
      scopeSummary: 'Acme GmbH and Partner AG',
      expiresAt,
      last4: remote?.secret.slice(-4),
    });
    expect((await ok<{ value: string }>(t, 'revealSecret', { secretId: created.secretId })).value).toBe(
      remote?.secret,
    );
    expect(sim.authenticates(remote?.secret ?? '')).toBe(true);
  });

  it.each(['Monitoring', '  mONITORING '])(
    'refuses “%s”, a name already in use ignoring case and spaces, before calling (smoxy requires unique names)',
    async (name) => {
      const connection = await connectSmoxy(t, sim, seed);
      const error = await refusal(t, 'createToken', { connectionId: connection.id, accountId: null, name });
      expect(error).toEqual({
        code: 'invalid_input',
        field: 'name',
        message:
          'You already have a smoxy token named “Monitoring”. smoxy requires unique names; choose another.',
      });
      expect(sim.count('POST /api/api-tokens')).toBe(0);
    },
  );

  it('smoxy itself refuses a name in use in another case when the cache did not know it', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const user = sim.users[0];
    if (user === undefined) throw new Error('seed');
    sim.addToken(user, { name: 'Made Elsewhere' });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: ' made elsewhere',
    });
    expect(error.message).toBe(
      'smoxy rejected the request as invalid (422). smoxy said: “name: You already have a token with this name.”',
    );
    expect(sim.liveTokens().filter((x) => x.name.trim().toLowerCase() === 'made elsewhere')).toHaveLength(1);
  });

  it('relays smoxy’s own refusal when the cache was stale', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const user = sim.users[0];
    if (user === undefined) throw new Error('seed');
    sim.addToken(user, { name: 'Made elsewhere' });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Made elsewhere',
    });
    expect(error.code).toBe('validation');
    expect(error.message).toBe(
      'smoxy rejected the request as invalid (422). smoxy said: “name: You already have a token with this name.”',
    );
  });

  it('refuses an expiry in the past before calling', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Late',
      expiresAt: t.clock.now() - DAY,
    });
    expect(error).toEqual({
      code: 'invalid_input',
      field: 'expiresAt',
      message: 'The expiry date must be in the future.',
    });
    expect(sim.count('POST /api/api-tokens')).toBe(0);
  });
});

describe('rotating (create, then delete after confirmation)', () => {
  it('creates a successor with the same organizations, and deletes the old token only when confirmed', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const [old] = await byName('Legacy CDN hook');
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: old?.id });
    expect(start).toMatchObject({
      kind: 'create_then_delete',
      needsConfirmation: true,
      credentialSwapped: false,
    });
    expect(start.newToken).toMatchObject({
      name: 'Legacy CDN hook (new)',
      scopeSummary: 'Partner AG',
      replacesId: old?.id,
    });
    expect(start.newToken?.badges).not.toContain('legacy');
    expect(start.afterword).toContain(
      'then confirm, and Tokenkeeper deletes the old token at smoxy (“Legacy CDN hook”); that takes effect immediately. The new token is a personal access token, replacing the legacy one.',
    );
    const oldRemote = sim.liveTokens().find((x) => x.name === 'Legacy CDN hook');
    expect(oldRemote).toBeDefined();
    const open = await ok<{ id: string; state: string }[]>(t, 'listOperations', { onlyOpen: true });
    expect(open).toEqual([
      expect.objectContaining({ id: start.operationId, state: 'awaiting_confirmation' }),
    ]);

    const successor = await ok<{ id: string; state: string }>(t, 'finishRotation', {
      operationId: start.operationId,
    });
    expect(successor).toMatchObject({ id: start.newToken?.id, state: 'active' });
    expect(sim.liveTokens().some((x) => x.name === 'Legacy CDN hook')).toBe(false);
    expect(sim.authenticates(oldRemote?.secret ?? '')).toBe(false);
    const [gone] = await byName('Legacy CDN hook', true);
    expect(gone).toMatchObject({ state: 'revoked', replacedById: start.newToken?.id });
    expect(await ok(t, 'listOperations', { onlyOpen: true })).toEqual([]);
    expect(sim.count('DELETE /api/api-tokens/:id')).toBe(1);
    expect(connection.id).toBeTruthy();
  });

  it('abandoning keeps both tokens and unlinks them', async () => {
    await connectSmoxy(t, sim, seed);
    const [old] = await byName('Monitoring');
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: old?.id });
    await ok(t, 'abandonRotation', { operationId: start.operationId });
    const [still] = await byName('Monitoring');
    expect(still).toMatchObject({ state: 'active', replacedById: null });
    expect(sim.liveTokens().filter((x) => x.name.startsWith('Monitoring'))).toHaveLength(2);
    expect(sim.count('DELETE /api/api-tokens/:id')).toBe(0);
    expect(await refusal(t, 'finishRotation', { operationId: start.operationId })).toEqual({
      code: 'conflict',
      message: 'This rotation is no longer open.',
    });
  });

  it('proposes a free successor name, takes the one the user chose, and refuses a taken one', async () => {
    await connectSmoxy(t, sim, seed);
    const [monitoring] = await byName('Monitoring');
    const plan = await ok<{ successorName?: { proposed: string; editable: boolean } }>(t, 'planRotation', {
      tokenId: monitoring?.id,
    });
    expect(plan.successorName).toEqual({ proposed: 'Monitoring (new)', editable: true });
    const taken = await refusal(t, 'startRotation', {
      tokenId: monitoring?.id,
      successorName: 'Unused test',
    });
    expect(taken).toMatchObject({
      code: 'invalid_input',
      message:
        'A token named “Unused test” already exists here, and names must be unique at smoxy. Choose another name.',
    });
    expect(sim.count('POST /api/api-tokens')).toBe(0);
    const start = await ok<RotationStart>(t, 'startRotation', {
      tokenId: monitoring?.id,
      successorName: 'Monitoring 2027',
    });
    expect(start.newToken?.name).toBe('Monitoring 2027');
    expect(sim.liveTokens().some((x) => x.name === 'Monitoring 2027')).toBe(true);
  });

  it('keeps the successor’s validity length', async () => {
    await connectSmoxy(t, sim, seed);
    const [monitoring] = await byName('Monitoring');
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: monitoring?.id });
    const validity = (monitoring?.expiresAt ?? 0) - (monitoring?.createdAt ?? 0);
    expect(start.newToken?.expiresAt).toBe(t.clock.now() + validity);
  });
});

describe('revoking', () => {
  it('deletes the token at smoxy at once', async () => {
    await connectSmoxy(t, sim, seed);
    const [unused] = await byName('Unused test');
    const secret = sim.liveTokens().find((x) => x.name === 'Unused test')?.secret ?? '';
    expect((await ok<{ state: string }>(t, 'revokeToken', { tokenId: unused?.id })).state).toBe('revoked');
    expect(sim.authenticates(secret)).toBe(false);
  });
});

describe('sessions', () => {
  /** The core rebuilt on the same data folder, with the keychain as the OS keeps it across the restart. */
  const restart = async (keychain: Map<string, string>) => {
    await t.close();
    const restarted = makeCore({
      dataDir: t.dataDir,
      clock: t.clock,
      configure: (deps) => {
        // Before the core starts: it reads the kept sessions back as it starts.
        for (const [key, value] of keychain)
          (deps.credentials as MemoryCredentialStore).values.set(key, value);
        return { ...deps, http: FAST_HTTP, proxyEnv: {} };
      },
    });
    // makeCore's own close already ran; keep afterEach from closing twice.
    const sims = t.sims;
    t = {
      ...t,
      shutdown: async () => {
        await restarted.core.services.sync.whenIdle();
        await restarted.close();
        await Promise.all(sims.map((s) => s.close()));
      },
    };
    return restarted;
  };

  it('is still signed in after a restart: the session comes back from the keychain', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const logins = sim.count('POST /api/auth/login');
    const restarted = await restart(new Map(t.fakes.credentials.values));
    const [after] = await restarted.core.handlers.listConnections(undefined);
    expect(after).toMatchObject({ status: 'ok', signedIn: true, lastError: null });
    await restarted.core.handlers.syncNow({ connectionIds: [connection.id] });
    await restarted.core.services.sync.whenIdle();
    expect((await restarted.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.length).toBe(7);
    const created = await restarted.core.call('createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'After restart',
    });
    expect(created).toMatchObject({ ok: true });
    // No password was asked for: the kept JWT did it all.
    expect(sim.count('POST /api/auth/login')).toBe(logins);
  });

  it('says once that the session ended when it expires, and does not call smoxy without one', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const restarted = await restart(new Map(t.fakes.credentials.values));
    expect((await restarted.core.handlers.listConnections(undefined))[0]?.signedIn).toBe(true);
    // The JWT's exp passes while the app runs.
    t.clock.advance(2 * 60 * 60_000);
    const listed = sim.count('GET /api/api-tokens');
    const results = [];
    for (let i = 0; i < 3; i++) {
      await restarted.core.handlers.syncNow({ connectionIds: [connection.id] });
      await restarted.core.services.sync.whenIdle();
      results.push((await restarted.core.handlers.listConnections(undefined))[0]);
    }
    for (const after of results)
      expect(after).toMatchObject({
        status: 'needs_sign_in',
        signedIn: false,
        lastError: { code: 'needs_sign_in' },
      });
    expect(sim.count('GET /api/api-tokens')).toBe(listed);
    expect(restarted.fakes.credentials.values.has(sessionKey(connection.id))).toBe(false);
    // The cached tokens stay; signing in again brings management back.
    expect((await restarted.core.handlers.listTokens({ offset: 0, limit: 100 })).rows.length).toBe(7);
    const signedIn = await restarted.core.handlers.signIn({
      connectionId: connection.id,
      password: seed.password,
    });
    expect(signedIn).toMatchObject({ signedIn: true, identity: seed.email });
  });

  it('asks to sign in after a restart when the session expired while the app was closed', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const keychain = new Map(t.fakes.credentials.values);
    t.clock.advance(2 * 60 * 60_000);
    const restarted = await restart(keychain);
    const [after] = await restarted.core.handlers.listConnections(undefined);
    expect(after).toMatchObject({
      status: 'needs_sign_in',
      signedIn: false,
      lastError: {
        code: 'needs_sign_in',
        message: 'The smoxy session has ended. Sign in again to list and manage tokens.',
      },
    });
    expect(restarted.fakes.credentials.values.has(sessionKey(connection.id))).toBe(false);
    expect(restarted.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.apiToken);
    const created = await restarted.core.call('createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'After restart',
    });
    expect(created).toMatchObject({ ok: false, error: { code: 'needs_sign_in' } });
  });

  it('signs in again after a restart where the keychain kept no session (it refused, or an older run)', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const keychain = new Map(t.fakes.credentials.values);
    keychain.delete(sessionKey(connection.id));
    const restarted = await restart(keychain);
    const [after] = await restarted.core.handlers.listConnections(undefined);
    expect(after).toMatchObject({ status: 'needs_sign_in', signedIn: false });
  });

  it('notices an expired session, asks to sign in, and works again after signing in', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    for (const session of sim.jwts.values()) session.expiresAt = t.clock.now() - 1;
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(await view()).toMatchObject({
      status: 'needs_sign_in',
      signedIn: false,
      lastError: {
        code: 'needs_sign_in',
        message: 'smoxy says the session has ended (401). Sign in again to manage tokens.',
      },
    });
    const wrong = await refusal(t, 'signIn', { connectionId: connection.id, password: 'bad' });
    expect(wrong.code).toBe('unauthorized');
    const missing = await refusal(t, 'signIn', { connectionId: connection.id });
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'password' });
    await ok(t, 'signIn', { connectionId: connection.id, password: seed.password });
    await t.idle();
    expect(await view()).toMatchObject({ status: 'ok', signedIn: true, lastError: null });
  });

  it('signs out: the session is dropped and management asks to sign in', async () => {
    const connection = await connectSmoxy(t, sim, seed);
    const out = await ok<Connection>(t, 'signOut', { connectionId: connection.id });
    expect(out).toMatchObject({ signedIn: false, status: 'needs_sign_in' });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
    });
    expect(error.code).toBe('needs_sign_in');
    expect(sim.count('POST /api/api-tokens')).toBe(0);
  });

  it('an API token cannot manage tokens at smoxy (the simulator enforces the documented rule)', async () => {
    const response = await fetch(`${sim.url}/api/api-tokens`, { headers: { 'X-API-TOKEN': seed.apiToken } });
    expect(response.status).toBe(401);
  });
});

describe('re-entering the API token', () => {
  it('checks a new API token, removes it when emptied, and refuses a form without it', async () => {
    const connection = await connectSmoxy(t, sim, seed, false);
    const user = sim.users[0];
    if (user === undefined) throw new Error('seed');
    const other = sim.addToken(user, { name: 'Second check' });
    expect(
      (
        await ok<Connection>(t, 'updateCredential', {
          connectionId: connection.id,
          fields: { apiToken: other.secret },
        })
      ).credential,
    ).toBe('stored');
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(other.secret);
    const bad = await refusal(t, 'updateCredential', {
      connectionId: connection.id,
      fields: { apiToken: 'smx_not_a_real_token_000' },
    });
    expect(bad.code).toBe('unauthorized');
    const missing = await refusal(t, 'updateCredential', {
      connectionId: connection.id,
      fields: { email: seed.email },
    });
    expect(missing).toMatchObject({ code: 'invalid_input', field: 'apiToken' });
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(other.secret);
    expect(
      (await ok<Connection>(t, 'updateCredential', { connectionId: connection.id, fields: { apiToken: '' } }))
        .credential,
    ).toBe('missing');
    await t.idle();
  });
});
