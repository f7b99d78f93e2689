/**
 * The Mailtrap adapter against its simulator, through the real handlers: connect and discover
 * accounts, sync, create, reset (grace period, successor link, self-reset swapping the stored
 * credential), revoke, and the refusals a user can run into.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { NewSecret, RotationStart, TokenDetail, TokenPage } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import { markGrace, toRemote } from '../../../src-main/core/providers/mailtrap/wire';
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

  it('explains a token that cannot list tokens anywhere: the access it has, what it needs, where to make one', async () => {
    const viewer = sim.addToken({ name: 'Read only', account: 3229, access: { 3229: 10, 4410: 10 } });
    const error = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: viewer.secret },
    });
    expect(error).toEqual({
      code: 'forbidden',
      message:
        'Mailtrap accepted the token, but it has only viewer access (to Acme Mail and Side Project). Mailtrap lets only admins and owners list and manage an account’s tokens. Create one on Mailtrap’s API tokens page (https://mailtrap.io/api-tokens) with admin access to the accounts whose tokens you want to manage, then paste it here.',
    });
    const nowhere = sim.addToken({ name: 'Orphan', account: 3229, access: {} });
    const none = await refusal(t, 'beginConnection', {
      provider: 'mailtrap',
      mode: 'api',
      label: 'Mail',
      baseUrl: sim.url,
      fields: { apiToken: nowhere.secret },
    });
    expect(none.message).toMatch(
      /^Mailtrap accepted the token, but it reaches no account, so it cannot list any tokens\. Create one/,
    );
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
      scopeSummary: 'Admin on account Acme Mail',
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

  it('creates with an expiry and admin permission; Mailtrap holds exactly what was asked', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const expiresAt = t.clock.now() + 90 * DAY;
    const created = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Deploy bot',
      expiresAt,
      permissions: [{ resourceType: 'account', resourceId: '3229', level: 'admin' }],
    });
    const [remote] = sim.findByName('Deploy bot');
    expect(remote?.expiresAt).toBe(Math.floor(expiresAt / 1000) * 1000);
    expect(remote?.resources).toEqual([{ resource_type: 'account', resource_id: 3229, access_level: 100 }]);
    expect(created.token).toMatchObject({
      scopeSummary: 'Admin on account Acme Mail',
      expiresAt: remote?.expiresAt,
    });
    // Never expires is sent as an explicit null, so Mailtrap's 1-year default does not apply.
    sim.defaultExpiry = 'one_year';
    await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'Forever',
      expiresAt: null,
    });
    expect(sim.findByName('Forever')[0]).toMatchObject({
      expiresAt: null,
      resources: [{ resource_type: 'account', resource_id: 3229, access_level: 10 }],
    });
  });

  it('shows Mailtrap’s field-keyed refusal next to the field it names', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens',
      fault: { kind: 'status', status: 422, body: { errors: { expires_at: ['must be in the future'] } } },
    });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
      expiresAt: t.clock.now() + 30 * DAY,
    });
    expect(error).toMatchObject({ code: 'validation', field: 'expiresAt' });
    expect(error.message).toContain('“expires_at: must be in the future”');
  });

  it('refuses what Mailtrap cannot do before calling it', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    sim.resetLog();
    const tooLate = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
      expiresAt: t.clock.now() + 6 * 365 * DAY,
    });
    expect(tooLate).toMatchObject({ code: 'invalid_input', field: 'expiresAt' });
    expect(tooLate.message).toBe(
      'Mailtrap tokens can be valid for at most 5 years. Pick an earlier expiry date.',
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
    // More than the connection's token holds: it is only a viewer in Agency Client.
    const beyond = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: '3229',
      name: 'X',
      permissions: [{ resourceType: 'account', resourceId: '5120', level: 'admin' }],
    });
    expect(beyond).toMatchObject({ code: 'invalid_input', field: 'permissions' });
    expect(sim.requests).toHaveLength(0);
  });
});

describe('a list answer with missing optional fields', () => {
  it('syncs the other tokens, names a nameless one “(unnamed)”, and says how many rows were skipped', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    sim.inject({
      route: 'GET /api/accounts/:accountId/api_tokens',
      fault: {
        kind: 'status',
        status: 200,
        body: [
          {
            id: 501,
            name: 'Complete',
            last_4_digits: 'ab12',
            created_by: 'Jane',
            expires_at: null,
            resources: [],
          },
          { id: 502 },
          { name: 'No id at all', last_4_digits: 'zz99' },
          { id: 503, name: 7, expires_at: 'not a date' },
        ],
      },
    });
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const names = (await tokens()).map((r) => `${r.accountName} · ${r.name}`).sort();
    // Acme Mail's list was the odd one; Side Project synced as usual.
    expect(names).toEqual([
      'Acme Mail · (unnamed)',
      'Acme Mail · (unnamed)',
      'Acme Mail · Complete',
      'Side Project · Newsletter',
      'Side Project · Old import',
    ]);
    const [view] = await ok<{ status: string }[]>(t, 'listConnections', undefined);
    expect(view?.status).toBe('ok');
    const { notices } = await ok<{ notices: unknown[] }>(t, 'getAppInfo', undefined);
    expect(notices).toContainEqual({
      id: `sync-skipped:${connection.id}`,
      level: 'warning',
      title: '1 token of “Mailtrap” skipped',
      message:
        'Mailtrap listed a token Tokenkeeper could not use (no token id), so it is not shown. The other tokens of this connection are up to date.',
    });
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

  it('resets a dated token with the same lifetime from now, or the date picked in the rotate dialog', async () => {
    await connectMailtrap(t, sim, seed);
    sim.defaultExpiry = 'one_year';
    const [ci] = await byName('CI deploy');
    const plan = await ok<{ allowed: boolean; kind: string; successorExpiresAt: number | null }>(
      t,
      'planRotation',
      { tokenId: ci?.id },
    );
    // Its creation time is not listed, so a year stands in for its lifetime.
    expect(plan).toMatchObject({
      allowed: true,
      kind: 'reset_with_grace',
      successorExpiresAt: t.clock.now() + 365 * DAY,
    });
    const picked = t.clock.now() + 30 * DAY;
    const start = await ok<RotationStart>(t, 'startRotation', {
      tokenId: ci?.id,
      successorExpiresAt: picked,
    });
    expect(start.newToken?.expiresAt).toBe(Math.floor(picked / 1000) * 1000);
    // After a sync (the list alone), the pair still reads as a reset although the successor expires.
    await ok(t, 'syncNow', {});
    await t.idle();
    const pair = await byName('CI deploy');
    const inGrace = pair.find((r) => r.state === 'grace');
    expect(inGrace?.replacedById).toBe(pair.find((r) => r.state === 'active')?.id);
    // A token with no expiry stays without one, although Mailtrap's default would give it a year.
    const [production] = await byName('Production SMTP');
    const plain = await ok<{ successorExpiresAt: number | null }>(t, 'planRotation', {
      tokenId: production?.id,
    });
    expect(plain.successorExpiresAt).toBeNull();
    const reset = await ok<RotationStart>(t, 'startRotation', { tokenId: production?.id });
    expect(reset.newToken?.expiresAt).toBeNull();
    expect(sim.findByName('Production SMTP').map((x) => x.expiresAt === null)).toContain(true);
  });

  it('after a lost answer, recognises the reset of a dated token from the listing and retries nothing', async () => {
    await connectMailtrap(t, sim, seed);
    const [ci] = await byName('CI deploy');
    sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens/:id/reset',
      fault: { kind: 'timeout', afterHandling: true },
    });
    const error = await refusal(t, 'startRotation', { tokenId: ci?.id });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toMatch(
      /^Mailtrap reset “CI deploy”, but the new secret never reached Tokenkeeper/,
    );
    expect(sim.count('POST /api/accounts/:accountId/api_tokens/:id/reset')).toBe(1);
    const rows = await byName('CI deploy');
    expect(rows.map((r) => r.state).sort()).toEqual(['active', 'grace']);
  });

  it('offers “Create a replacement” for a token already reset: same name and permissions, the old one deleted after confirming', async () => {
    const connection = await connectMailtrap(t, sim, seed);
    const old = (await byName('Billing sender')).find((r) => r.state === 'grace');
    const plan = await ok<{ allowed: boolean; kind: string; summary: string; steps: string[] }>(
      t,
      'planRotation',
      { tokenId: old?.id },
    );
    expect(plan).toMatchObject({ allowed: true, kind: 'create_then_delete' });
    expect(plan.summary).toBe(
      'This token has already been rotated and is in its grace period. Create a replacement instead: a new token with the same permissions, then Tokenkeeper deletes the old one once you confirm.',
    );
    const before = sim.findByName('Billing sender').length;
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: old?.id });
    expect(start).toMatchObject({ kind: 'create_then_delete', needsConfirmation: true });
    expect(start.newToken).toMatchObject({
      name: 'Billing sender',
      scopeSummary: 'Admin on account Acme Mail',
    });
    const made = sim.findByName('Billing sender');
    expect(made).toHaveLength(before + 1);
    expect(made.at(-1)?.resources).toEqual([
      { resource_type: 'account', resource_id: 3229, access_level: 100 },
    ]);
    expect(sim.count('POST /api/accounts/:accountId/api_tokens/:id/reset')).toBe(0);
    await ok(t, 'finishRotation', { operationId: start.operationId });
    expect(sim.findByName('Billing sender').filter((x) => !x.deleted)).toHaveLength(before);
    expect(sim.count('DELETE /api/accounts/:accountId/api_tokens/:id')).toBe(1);
    void connection;
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

describe('recognising a reset in the list (modeled)', () => {
  const remote = (id: string, name: string, expiresAt: number | null) => ({
    ...toRemote({ id: Number(id), name }, [], { id: '3229', name: 'Acme', access: 'owner' }),
    expiresAt,
  });
  const NOW = Date.parse('2026-12-01T10:00:00Z');
  const HOUR = 3_600_000;

  it('pairs the old token with a newer one of the same name that lives on, with or without an expiry', () => {
    const marked = markGrace(
      [
        remote('1', 'Deploy', NOW + 2 * HOUR),
        remote('2', 'Deploy', NOW + 90 * DAY),
        remote('3', 'Import', NOW + 2 * HOUR),
        remote('4', 'Import', null),
        remote('5', 'Lonely', NOW + 2 * HOUR),
        // A newer token that expires sooner is not a successor.
        remote('6', 'Short', NOW + 5 * HOUR),
        remote('7', 'Short', NOW + HOUR),
      ],
      NOW,
      24 * HOUR,
    );
    expect(marked.map((t) => [t.remoteId, t.successorRemoteId])).toEqual([
      ['1', '2'],
      ['2', null],
      ['3', '4'],
      ['4', null],
      ['5', null],
      ['6', null],
      ['7', null],
    ]);
  });
});
