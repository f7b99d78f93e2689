/**
 * The Mailtrap adapter against its simulator, through the real handlers: connect and discover
 * accounts, sync, create, reset (grace period, successor link, self-reset swapping the stored
 * credential), revoke, and the refusals a user can run into.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { NewSecret, RotationStart, TokenDetail, TokenPage } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import type { MailtrapSeed, MailtrapSimulator } from '../../simulators/mailtrap';
import { connectMailtrap, ok, providerCore, refusal, withMailtrap, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: MailtrapSimulator;
let seed: MailtrapSeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withMailtrap(t));
});

afterEach(async () => {
  await t.shutdown();
});

const tokens = async (includeInactive = false) =>
  (await ok<TokenPage>(t, 'listTokens', { offset: 0, limit: 500, includeInactive })).rows;
const byName = async (name: string, includeInactive = false) =>
  (await tokens(includeInactive)).filter((r) => r.name === name);

describe('connecting', () => {
  it('checks the token, lists the accounts it reaches with the access level, and never returns the token', async () => {
    const draft = await ok<Record<string, unknown>>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    expect(draft.accounts).toEqual([
      { id: '3229', name: 'Acme Mail', access: 'owner' },
      { id: '4410', name: 'Side Project', access: 'admin' },
      { id: '5120', name: 'Agency Client', access: 'viewer' },
    ]);
    expect(draft.summary).toBe(
      '3 accounts: Acme Mail (owner), Side Project (admin) and Agency Client (viewer)',
    );
    expect(JSON.stringify(draft)).not.toContain(seed.credential);
    expect(t.fakes.credentials.values.size).toBe(0);
    expect(sim.count('GET /api/accounts')).toBe(1);
  });

  it('stores the token only in the keychain and syncs the picked accounts', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
    const [view] = await ok<
      { status: string; credential: string; accounts: unknown[]; tokenCount: number; baseUrl: string }[]
    >(t, 'listConnections', undefined);
    expect(view).toMatchObject({ status: 'ok', credential: 'stored', tokenCount: 8, baseUrl: sim.url });
    expect(JSON.stringify(t.snapshot())).not.toContain(seed.credential);
    expect(JSON.stringify(t.connectionRow(connection.id))).not.toContain(seed.credential);
    // Only the two picked accounts were listed; the viewer-only account was not touched.
    expect(sim.count('GET /api/accounts/:accountId/api_tokens')).toBe(2);
  });

  it('refuses a viewer-only account, since Mailtrap lets only admins list tokens there', async () => {
    const draft = await ok<{ draftId: string }>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    const error = await refusal(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'Mail',
      accountIds: ['3229', '5120'],
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'accountIds' });
    expect(error.message).toContain('viewer access to Agency Client');
    expect(await ok(t, 'listConnections', undefined)).toEqual([]);
  });

  it('says so when the token is wrong, and keeps nothing', async () => {
    const error = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: 'wrong-token-123456' },
    });
    expect(error).toEqual({
      code: 'unauthorized',
      message:
        'Mailtrap refused the credential (401). It may have been revoked, rotated or expired. Re-enter it for this connection.',
    });
    expect(t.fakes.credentials.values.size).toBe(0);
  });

  it('checks the form before calling', async () => {
    const empty = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: {},
    });
    expect(empty).toEqual({ code: 'invalid_input', message: 'Enter the API token.', field: 'apiToken' });
    const spaced = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: 'two words here' },
    });
    expect(spaced.field).toBe('apiToken');
    const http = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: 'http://mailtrap.io',
      fields: { apiToken: seed.credential },
    });
    expect(http.field).toBe('baseUrl');
    const extra = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential, password: 'x' },
    });
    expect(extra).toMatchObject({ code: 'invalid_input', field: 'password' });
    expect(sim.requests).toHaveLength(0);
  });

  it('leaves nothing half-created when the keychain refuses (no keyring), and can be completed after accepting weak storage', async () => {
    t.fakes.credentials.backend = { backend: 'basic_text', weak: true, available: true };
    const draft = await ok<{ draftId: string }>(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: seed.credential },
    });
    const error = await refusal(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'Mail',
      accountIds: ['3229'],
    });
    expect(error.code).toBe('weak_storage_refused');
    expect(await ok(t, 'listConnections', undefined)).toEqual([]);
    expect(t.snapshot()).toEqual([]);
    await ok(t, 'updateSettings', { weakStorageAccepted: true });
    const connection = await ok<{ id: string }>(t, 'completeConnection', {
      draftId: draft.draftId,
      label: 'Mail',
      accountIds: ['3229'],
    });
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
  });

  it('tests a connection and reports a revoked credential as needing a new one', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    expect(await ok(t, 'testConnection', { connectionId: connection.id })).toEqual({
      ok: true,
      message: 'Mailtrap accepted the token. It reaches 3 accounts.',
    });
    for (const token of sim.tokens.values()) if (token.secret === seed.credential) token.deleted = true;
    const result = await ok<{ ok: boolean; message: string }>(t, 'testConnection', {
      connectionId: connection.id,
    });
    expect(result).toEqual({
      ok: false,
      message:
        'Mailtrap refused the credential (401). It may have been revoked, rotated or expired. Re-enter it for this connection.',
    });
    const [view] = await ok<{ status: string; lastError: { code: string } }[]>(
      t,
      'listConnections',
      undefined,
    );
    expect(view).toMatchObject({ status: 'needs_credential', lastError: { code: 'unauthorized' } });
  });

  it('re-enters a credential after checking it, then syncs', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const other = sim.addToken({ name: 'Second admin', account: 3229, access: { 3229: 100, 4410: 100 } });
    const view = await ok<{ credential: string }>(t, 'updateCredential', {
      connectionId: connection.id,
      fields: { apiToken: other.secret },
    });
    expect(view.credential).toBe('stored');
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(other.secret);
    await t.idle();
    const last = sim.requests[sim.requests.length - 1];
    expect(last?.authenticatedAs).toBe(String(other.id));
    const wrong = await refusal(t, 'updateCredential', {
      connectionId: connection.id,
      fields: { apiToken: 'not-a-valid-token-1234' },
    });
    expect(wrong.code).toBe('unauthorized');
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(other.secret);
  });
});

describe('the token list', () => {
  it('shows every token of the picked accounts with its account, permissions, expiry and grace state', async () => {
    await connectMailtrap(t, sim, seed);
    const rows = await tokens();
    expect(rows.map((r) => `${r.accountName} · ${r.name}`).sort()).toEqual([
      'Acme Mail · Billing sender',
      'Acme Mail · Billing sender',
      'Acme Mail · CI deploy',
      'Acme Mail · Production SMTP',
      'Acme Mail · Staging webhook',
      'Acme Mail · Tokenkeeper',
      'Side Project · Newsletter',
      'Side Project · Old import',
    ]);
    const production = (await byName('Production SMTP'))[0];
    expect(production).toMatchObject({
      scopeSummary: 'Account admin',
      expiresAt: null,
      state: 'active',
      last4: expect.stringMatching(/^[a-z0-9]{4}$/) as unknown,
    });
    expect(production?.badges).toEqual(expect.arrayContaining(['never_expires', 'broad_scope']));
    const ci = (await byName('CI deploy'))[0];
    expect(ci?.badges).toContain('expires_7');
    // The reset pair: the old one in grace until its expiry, linked to its successor.
    const billing = await byName('Billing sender');
    const old = billing.find((r) => r.state === 'grace');
    const successor = billing.find((r) => r.state === 'active');
    expect(old?.graceEndsAt).toBe(old?.expiresAt);
    expect(old?.replacedById).toBe(successor?.id);
    expect(successor?.replacesId).toBe(old?.id);
  });

  it('marks the connection’s own token (by its last 4 characters)', async () => {
    await connectMailtrap(t, sim, seed);
    const own = (await tokens()).filter((r) => r.isConnectionCredential);
    expect(own.map((r) => r.name)).toEqual(['Tokenkeeper']);
    expect(own[0]?.badges).toContain('credential');
  });

  it('marks no token when two share the credential’s last 4 characters and none was marked before', async () => {
    sim.addToken({
      name: 'Lookalike',
      account: 3229,
      secret: `xxxxxxxxxxxxxxxxxxxxxxxxxxxx${seed.credential.slice(-4)}`,
      access: { 3229: 10 },
    });
    await connectMailtrap(t, sim, seed);
    expect((await tokens()).filter((r) => r.isConnectionCredential)).toEqual([]);
  });
});

describe('creating', () => {
  it('creates a token, keeps its secret for the copy-once dialog, and caches its metadata', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Webhook relay',
    });
    const [remote] = sim.findByName('Webhook relay');
    expect(created.token).toMatchObject({
      name: 'Webhook relay',
      accountName: 'Acme Mail',
      last4: remote?.secret.slice(-4),
      origin: 'synced',
      state: 'active',
    });
    const revealed = await ok<{ value: string; tokenName: string }>(t, 'revealSecret', {
      secretId: created.secretId,
    });
    expect(revealed).toEqual({ value: remote?.secret, tokenName: 'Webhook relay', provider: 'mailtrap' });
    expect(JSON.stringify(t.snapshot())).not.toContain(remote?.secret);
    const [op] = await ok<{ kind: string; state: string; resultTokenId: string }[]>(t, 'listOperations', {
      onlyOpen: false,
    });
    expect(op).toMatchObject({ kind: 'create', state: 'succeeded', resultTokenId: created.token.id });
    expect(sim.count('POST /api/accounts/:accountId/api_tokens')).toBe(1);
  });

  it('refuses what Mailtrap cannot do before calling it', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    sim.resetLog();
    const expiring = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(expiring).toMatchObject({ code: 'invalid_input', field: 'expiresAt' });
    expect(expiring.message).toBe(
      'Mailtrap’s API creates tokens without an expiry date. Leave the expiry empty.',
    );
    const noAccount = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'X',
    });
    expect(noAccount).toMatchObject({ code: 'invalid_input', field: 'accountId' });
    const group = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
      permissionGroup: 'Reporting',
    });
    expect(group.field).toBe('permissionGroup');
    expect(sim.requests).toHaveLength(0);
  });
});

describe('resetting', () => {
  it('resets a token: a new secret once, the old token in its grace period and linked', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const [old] = await byName('Production SMTP');
    const oldSecret = sim.findByName('Production SMTP')[0]?.secret ?? '';
    const plan = await ok<{ allowed: boolean; kind: string }>(t, 'planRotation', { tokenId: old?.id });
    expect(plan).toMatchObject({ allowed: true, kind: 'reset_with_grace' });
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: old?.id });
    const graceEnd = t.clock.now() + sim.graceMs;
    expect(start).toMatchObject({
      kind: 'reset_with_grace',
      needsConfirmation: false,
      credentialSwapped: false,
    });
    expect(start.afterword).toBe(
      `The old token keeps working until ${new Date(graceEnd).toISOString().slice(0, 16).replace('T', ' ')} UTC, then stops. Update every integration before then.`,
    );
    const newSecret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(newSecret).not.toBe(oldSecret);
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: old?.id });
    expect(detail.token).toMatchObject({
      state: 'grace',
      graceEndsAt: graceEnd,
      replacedById: start.newToken?.id,
    });
    expect(detail.replacedBy).toMatchObject({
      id: start.newToken?.id,
      name: 'Production SMTP',
      state: 'active',
      replacesId: old?.id,
    });
    // At the provider: both secrets work until the grace period ends, then only the new one.
    expect(sim.authenticates(oldSecret)).toBe(true);
    expect(sim.authenticates(newSecret)).toBe(true);
    t.clock.jump(sim.graceMs + 1000);
    expect(sim.authenticates(oldSecret)).toBe(false);
    expect(sim.authenticates(newSecret)).toBe(true);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect((await byName('Production SMTP', true)).map((r) => r.state).sort()).toEqual(['active', 'retired']);
  });

  it('refuses to reset a token with an expiry, before calling, and says why', async () => {
    await connectMailtrap(t, sim, seed);
    const [ci] = await byName('CI deploy');
    sim.resetLog();
    const plan = await ok<{ allowed: boolean; reason: string }>(t, 'planRotation', { tokenId: ci?.id });
    expect(plan.allowed).toBe(false);
    expect(plan.reason).toMatch(
      /^Mailtrap can only reset a token that has no expiration date\. This one expires on \d{4}-\d\d-\d\d; create a new token instead\.$/,
    );
    const error = await refusal(t, 'startRotation', { tokenId: ci?.id });
    expect(error).toEqual({ code: 'conflict', message: plan.reason });
    expect(sim.requests).toHaveLength(0);
  });

  it('swaps the stored credential when the reset token is the connection’s own; the next request uses the new secret', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const [own] = (await tokens()).filter((r) => r.isConnectionCredential);
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: own?.id });
    expect(start.credentialSwapped).toBe(true);
    expect(start.afterword).toContain(
      'This was the token Tokenkeeper itself uses for “Mailtrap”; it now uses the new one.',
    );
    const newSecret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(newSecret);
    const newRemote = [...sim.tokens.values()].find((x) => x.secret === newSecret);

    sim.resetLog();
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect(sim.requests.length).toBeGreaterThan(0);
    expect(sim.requests.every((r) => r.authenticatedAs === String(newRemote?.id))).toBe(true);
    // The successor now carries the credential mark; the old one is in grace.
    const marked = (await tokens()).filter((r) => r.isConnectionCredential);
    expect(marked.map((r) => r.id)).toEqual([start.newToken?.id]);
    // The old secret works only until the grace period ends; the connection keeps working after it.
    t.clock.jump(sim.graceMs + 1000);
    expect(sim.authenticates(seed.credential)).toBe(false);
    expect(await ok(t, 'testConnection', { connectionId: connection.id })).toMatchObject({ ok: true });
  });

  it('still hands over the new secret when the keychain refuses it, and says what to do', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const [own] = (await tokens()).filter((r) => r.isConnectionCredential);
    t.fakes.credentials.backend = { backend: 'basic_text', weak: true, available: true };
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: own?.id });
    expect(start.credentialSwapped).toBe(false);
    expect(start.afterword).toContain('but the new secret could not be saved in the keychain');
    const newSecret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(sim.authenticates(newSecret)).toBe(true);
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
    const [view] = await ok<{ status: string; lastError: { code: string; message: string } }[]>(
      t,
      'listConnections',
      undefined,
    );
    expect(view?.status).toBe('needs_credential');
    expect(view?.lastError.code).toBe('weak_storage_refused');
    expect(view?.lastError.message).toContain(
      'could not be saved as this connection’s credential. Re-enter it before',
    );
    // The warning outlives the status (a later sync still succeeds with the old secret during grace).
    const info = await ok<{ notices: { id: string; title: string }[] }>(t, 'getAppInfo', undefined);
    expect(info.notices).toContainEqual(
      expect.objectContaining({
        id: `credential-swap:${connection.id}`,
        title: 'Re-enter the Mailtrap credential of “Mailtrap”',
      }),
    );
  });
});

describe('revoking', () => {
  it('deletes the token at Mailtrap and keeps the row as revoked', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const [newsletter] = await byName('Newsletter');
    const row = await ok<{ state: string }>(t, 'revokeToken', { tokenId: newsletter?.id });
    expect(row.state).toBe('revoked');
    expect(sim.findByName('Newsletter')).toEqual([]);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    expect((await byName('Newsletter', true)).map((r) => r.state)).toEqual(['revoked']);
  });

  it('refuses to revoke the connection’s own token, before calling', async () => {
    await connectMailtrap(t, sim, seed);
    const [own] = (await tokens()).filter((r) => r.isConnectionCredential);
    sim.resetLog();
    const error = await refusal(t, 'revokeToken', { tokenId: own?.id });
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('is the token Tokenkeeper itself uses for “Mailtrap”');
    expect(sim.requests).toHaveLength(0);
  });

  it('treats a token already deleted at Mailtrap as revoked', async () => {
    await connectMailtrap(t, sim, seed);
    const [row] = await byName('Old import');
    for (const token of sim.findByName('Old import')) token.deleted = true;
    expect((await ok<{ state: string }>(t, 'revokeToken', { tokenId: row?.id })).state).toBe('revoked');
  });
});
