/**
 * GitLab through the real handlers against its simulator: what the conformance suite does not
 * cover. The connection's own token rotated through `self/rotate` with the stored credential
 * swapped; a rotation refused when the own token was rotated elsewhere (the family rule would
 * revoke the chain); an ambiguous rotation reconciled by listing and never retried; GitLab's
 * create rules (GitLab.com, scopes a non-admin may give, the 365-day limit); the secret shape.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactString, registerSecretShapes } from '../../../src-main/core/log/redact';
import { gitlab } from '../../../src-main/core/providers/gitlab';
import { credentialKey } from '../../../src-main/core/services/connection-view';
import type { ConnectionRecord } from '../../../src-main/core/db/repositories/connections';
import type { NewSecret, RotationStart } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import { type GitLabSeed, type GitLabSimulator, type GitLabTokenState } from '../../simulators/gitlab';
import { connectGitLab } from './conformance/subjects/gitlab';
import { listedRows, ok, providerCore, refusal, type ProviderTest, withGitLab } from './harness';

let t: ProviderTest;
let sim: GitLabSimulator;
let seed: GitLabSeed;

beforeEach(async () => {
  t = providerCore();
  ({ sim, seed } = await withGitLab(t));
});
afterEach(() => t.shutdown());

const rows = () => listedRows(t);
const byName = async (name: string) => (await rows()).filter((r) => r.name === name);
const ROTATE = 'POST /api/v4/personal_access_tokens/:id/rotate';

describe('connect and list', () => {
  it('names the user and the token, lists the user’s tokens with scope, last use and expiry, and marks its own', async () => {
    const connection = await connectGitLab(t, sim, seed.credential);
    expect(connection).toMatchObject({ identity: 'jane', credential: 'stored' });
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(seed.credential);
    const listed = await rows();
    expect(listed.map((r) => r.name).sort()).toEqual([
      'CI deploy',
      'Docs bot',
      'Old laptop',
      'Registry pull',
      'Tokenkeeper',
    ]);
    const ci = listed.find((r) => r.name === 'CI deploy');
    expect(ci).toMatchObject({ scopeSummary: 'api, write_repository' });
    expect(ci?.lastUsedAt).toBe(t.clock.now() - 2 * 3_600_000);
    expect(ci?.expiresAt).toBe(Math.floor((t.clock.now() + 5 * DAY) / DAY) * DAY);
    expect(listed.filter((r) => r.isConnectionCredential).map((r) => r.name)).toEqual(['Tokenkeeper']);
  });
});

describe('a read-only token and a dead one', () => {
  it('a read_api token connects read-only, says what it cannot do, and lists', async () => {
    const reader = sim.addToken({ userId: seed.userId, name: 'Reader', scopes: ['read_api'] });
    const draft = await t.core.handlers.beginConnection({
      provider: 'gitlab',
      mode: 'api',
      label: 'GitLab',
      baseUrl: sim.url,
      fields: { accessToken: reader.secret },
    });
    expect(draft.summary).toContain(
      'token “Reader”, scopes read_api (read-only: without api it can list tokens, but not create, rotate or revoke them)',
    );
    await t.core.handlers.completeConnection({
      draftId: draft.draftId,
      label: 'GitLab',
      accountIds: ['personal'],
    });
    await t.idle();
    expect((await byName('CI deploy')).length).toBe(1);
    const [ci] = await byName('CI deploy');
    const refused = await refusal(t, 'revokeToken', { tokenId: ci?.id });
    expect(refused.code).toBe('forbidden');
    expect([...sim.tokens.values()].find((x) => x.name === 'CI deploy')?.revoked).toBe(false);
  });

  it.each([
    [
      'revoked',
      (token: GitLabTokenState): void => {
        token.revoked = true;
      },
    ],
    [
      'expired',
      (token: GitLabTokenState): void => {
        token.expiresAt = '2020-01-01';
      },
    ],
  ] as const)('a %s credential (401 invalid_token) asks to re-enter it', async (_what, kill) => {
    const connection = await connectGitLab(t, sim, seed.credential);
    const own = sim.tokens.get(seed.credentialId);
    if (own === undefined) throw new Error('seed: no own token');
    kill(own);
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    type View = { status: string; lastError: { code: string; message: string } | null };
    const [view] = await ok<View[]>(t, 'listConnections', undefined);
    expect(view?.lastError?.code).toBe('unauthorized');
    expect(view?.lastError?.message).toContain('Re-enter it for this connection.');
  });
});

describe('rotation', () => {
  it('rotates the connection’s own token through self/rotate and moves the stored credential to the new secret', async () => {
    const connection = await connectGitLab(t, sim, seed.credential);
    const [own] = await byName('Tokenkeeper');
    sim.resetLog();
    const start = await ok<RotationStart>(t, 'startRotation', { tokenId: own?.id });
    expect(sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v4/personal_access_tokens/self',
      'POST /api/v4/personal_access_tokens/self/rotate',
    ]);
    expect(start.credentialSwapped).toBe(true);
    expect(start.afterword).toContain('it now uses the new one');
    const secret = (await ok<{ value: string }>(t, 'revealSecret', { secretId: start.secretId })).value;
    expect(t.fakes.credentials.values.get(credentialKey(connection.id))).toBe(secret);
    expect(sim.authenticates(seed.credential)).toBe(false);
    // Left as the dialog proposes: GitLab's own default, one week, sent as a date.
    expect(sim.bySecret(secret)?.expiresAt).toBe(
      new Date(t.clock.now() + 7 * DAY).toISOString().slice(0, 10),
    );
    await ok(t, 'syncNow', { connectionIds: [connection.id] });
    await t.idle();
    const after = await byName('Tokenkeeper');
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: own?.id, isConnectionCredential: true, state: 'active' });
    expect(sim.requests.at(-1)?.authenticatedAs).toBe(String(sim.bySecret(secret)?.id));
  });

  it('refuses to rotate its own token when GitLab no longer lists it as live, so the family is not revoked', async () => {
    await connectGitLab(t, sim, seed.credential);
    const [own] = await byName('Tokenkeeper');
    // Rotated elsewhere: the stored secret is now a revoked member of a family.
    const ownState = sim.bySecret(seed.credential);
    if (ownState !== null) ownState.revoked = true;
    const successor = sim.addToken({
      userId: seed.userId,
      name: 'Tokenkeeper',
      previousId: ownState?.id ?? null,
    });
    sim.resetLog();
    const error = await refusal(t, 'startRotation', { tokenId: own?.id });
    expect(error.code).toBe('unauthorized');
    expect(sim.count(ROTATE)).toBe(0);
    expect(sim.authenticates(successor.secret)).toBe(true);
  });

  it('an ambiguous rotation is reconciled by listing, never retried, and the row follows the successor', async () => {
    await connectGitLab(t, sim, seed.credential);
    const [ci] = await byName('CI deploy');
    const old = sim.bySecret([...sim.tokens.values()].find((x) => x.name === 'CI deploy')?.secret ?? '');
    sim.inject({ route: ROTATE, fault: { kind: 'reset', afterHandling: true } });
    const error = await refusal(t, 'startRotation', { tokenId: ci?.id });
    expect(error.code).toBe('ambiguous');
    expect(error.message).toContain(
      'GitLab rotated “CI deploy”, but the new secret never reached Tokenkeeper',
    );
    expect(error.message).toContain('Tokenkeeper did not retry');
    expect(sim.count(ROTATE)).toBe(1);
    const successor = [...sim.tokens.values()].find((x) => x.name === 'CI deploy' && !x.revoked);
    expect(successor?.previousId).toBe(old?.id);
    const after = await byName('CI deploy');
    expect(after.map((r) => r.id)).toEqual([ci?.id]);
    // The next sync finds the row under its successor's id: one row, live.
    await ok(t, 'syncNow', {});
    await t.idle();
    expect((await byName('CI deploy')).map((r) => [r.id, r.state])).toEqual([[ci?.id, 'active']]);
  });
});

describe('create', () => {
  const connectionOn = (baseUrl: string | null) => ({ baseUrl, accounts: [] }) as unknown as ConnectionRecord;
  const now = Date.parse('2026-12-03T10:00:00.000Z');
  const adapter = gitlab.adapter;
  const input = (extra: Record<string, unknown>) => ({
    connectionId: 'c',
    accountId: null,
    name: 'x',
    permissionGroup: 'api',
    ...extra,
  });

  it('refuses on GitLab.com before any call, and names where to create it', () => {
    expect(() => adapter?.checkCreate(input({}), connectionOn(null), [], now)).toThrow(
      /only in its web page/,
    );
    expect(() => adapter?.checkCreate(input({}), connectionOn('https://gitlab.com'), [], now)).toThrow(
      /only in its web page/,
    );
  });

  it('asks for the maximum (today + 365 days) by default and refuses a date past it or an unknown scope', () => {
    const host = connectionOn('https://gitlab.example.com');
    expect(adapter?.checkCreate(input({}), host, [], now).expiresAt).toBe(
      Date.parse('2027-12-03T00:00:00.000Z'),
    );
    expect(() =>
      adapter?.checkCreate(input({ expiresAt: Date.parse('2027-12-04T12:00:00Z') }), host, [], now),
    ).toThrow(/GitLab tokens can be valid for at most/);
    expect(() => adapter?.checkCreate(input({ permissionGroup: 'everything' }), host, [], now)).toThrow(
      /Pick the token’s scope/,
    );
  });

  it('a non-administrator gets a self_rotate token; an api one is refused before anything is created', async () => {
    const connection = await connectGitLab(t, sim, seed.credential);
    const made = await ok<NewSecret>(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Rotator',
      permissionGroup: 'self_rotate',
    });
    expect(made.token).toMatchObject({ name: 'Rotator', scopeSummary: 'self_rotate' });
    const error = await refusal(t, 'createToken', {
      connectionId: connection.id,
      accountId: null,
      name: 'Wide',
      permissionGroup: 'api',
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'permissionGroup' });
    expect(error.message).toContain('needs an administrator’s token');
    expect(sim.count('POST /api/v4/user/personal_access_tokens')).toBe(1);
  });
});

it('the redactor scrubs GitLab token secrets by their glpat- prefix', () => {
  registerSecretShapes(gitlab.secretShapes);
  expect(redactString('sent glpat-AbCdEfGhIjKlMnOpQrSt12 to the log')).not.toContain(
    'AbCdEfGhIjKlMnOpQrSt12',
  );
});
