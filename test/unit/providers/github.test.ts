/**
 * GitHub through the real handlers against its simulator. GitHub tokens are tracked (no API lists,
 * creates or rotates them): a pasted token is checked once (`GET /user`, or `/rate_limit` for an
 * installation token) and recorded with its owner, last 4, expiry and scopes, then discarded;
 * leaked tokens are revoked by value (`POST /credentials/revoke`, unauthenticated, 1000 per call,
 * 60 calls an hour), from a token's detail or in bulk; every refusal is said before anything is
 * sent where it can be; the rotation is guided with the token's own settings page; and a canary
 * scan finds the pasted values nowhere: not in the database, the logs, an answer or an event.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { redactString, registerSecretShapes } from '../../../src-main/core/log/redact';
import { github } from '../../../src-main/core/providers/github';
import type { Connection, RotationPlan, TokenDetail, TokenRow } from '../../../src-preload/contract';
import { makeCanary, scanPaths, scanText } from '../../security/canary';
import { DAY } from '../../simulators/base';
import { seedGitHub, startGitHub, type GitHubSeed, type GitHubSimulator } from '../../simulators/github';
import { ok, providerCore, refusal, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: GitHubSimulator;
let seed: GitHubSeed;
let connection: Connection;

const USER = 'GET /user';
const REVOKE = 'POST /credentials/revoke';

async function trackedGitHub(baseUrl: string | null): Promise<Connection> {
  const draft = await ok<{ draftId: string }>(t, 'beginConnection', {
    provider: 'github',
    mode: 'tracked',
    label: 'GitHub (octocat)',
    baseUrl,
    fields: {},
  });
  return ok<Connection>(t, 'completeConnection', {
    draftId: draft.draftId,
    label: 'GitHub (octocat)',
    accountIds: [],
  });
}

const check = (value: string, name: string | null = null) =>
  ok<{ token: TokenRow; refreshed: boolean }>(t, 'checkPastedToken', {
    connectionId: connection.id,
    value,
    name,
  });

beforeEach(async () => {
  t = providerCore();
  sim = await startGitHub({ now: () => t.clock.now() });
  t.sims.push(sim);
  seed = seedGitHub(sim);
  connection = await trackedGitHub(sim.url);
});
afterEach(() => t.shutdown());

describe('the connection', () => {
  it('is tracked, calls its address for checks, and refuses addresses GitHub cannot be at', async () => {
    expect(connection).toMatchObject({
      provider: 'github',
      mode: 'tracked',
      status: 'tracked',
      credential: 'not_needed',
    });
    expect(connection.effectiveBaseUrl).toBe(sim.url);
    expect(
      (
        await refusal(t, 'beginConnection', {
          provider: 'github',
          mode: 'tracked',
          label: 'x',
          baseUrl: 'https://github.com',
          fields: {},
        })
      ).message,
    ).toContain('https://api.github.com');
    expect(
      (
        await refusal(t, 'beginConnection', {
          provider: 'github',
          mode: 'tracked',
          label: 'x',
          baseUrl: 'https://ghe.acme.test',
          fields: {},
        })
      ).message,
    ).toContain('https://ghe.acme.test/api/v3');
    const server = await ok<{ draftId: string }>(t, 'beginConnection', {
      provider: 'github',
      mode: 'tracked',
      label: 'GHES',
      baseUrl: 'https://ghe.acme.test/api/v3',
      fields: {},
    });
    const ghes = await ok<Connection>(t, 'completeConnection', {
      draftId: server.draftId,
      label: 'GHES',
      accountIds: [],
    });
    expect(ghes.effectiveBaseUrl).toBe('https://ghe.acme.test/api/v3');
  });

  it('its address can be moved to a GitHub Enterprise Server; checks then go there only', async () => {
    const moved = await ok<Connection>(t, 'updateConnection', {
      connectionId: connection.id,
      baseUrl: 'https://ghe.acme.test/api/v3',
    });
    expect(moved.effectiveBaseUrl).toBe('https://ghe.acme.test/api/v3');
    const record = t.core.context.repos.connections.get(connection.id);
    expect(record?.credentialOrigin).toBe('https://ghe.acme.test');
    expect(
      (await refusal(t, 'updateConnection', { connectionId: connection.id, baseUrl: 'https://github.com' }))
        .field,
    ).toBe('baseUrl');
  });

  it('GitHub says plainly what its API cannot do: no list, create or rotate', () => {
    const caps = github.descriptor.capabilities;
    expect([github.descriptor.hasApi, caps.list, caps.create, caps.rotate]).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(github.descriptor.summary).toContain('cannot list, create or rotate');
  });
});

describe('check a pasted token', () => {
  it('a classic token: recorded with owner, last 4, expiry and scopes; the value is not kept', async () => {
    const { token, refreshed } = await check(seed.classic.secret);
    expect(refreshed).toBe(false);
    expect(token).toMatchObject({
      name: 'Classic token (octocat)',
      accountName: 'octocat',
      last4: seed.classic.secret.slice(-4),
      origin: 'tracked',
      scopeSummary: 'Classic token: repo, workflow',
      // The header has whole seconds.
      expiresAt: Math.floor(seed.classic.expiresAt! / 1000) * 1000,
    });
    expect(sim.count(USER)).toBe(1);
    expect(JSON.stringify(t.snapshot())).not.toContain(seed.classic.secret);
  });

  it('checking the same token again refreshes its row; a name given is used', async () => {
    const first = await check(seed.classic.secret);
    const again = await check(seed.classic.secret, 'Deploy bot');
    expect(again).toMatchObject({ refreshed: true, token: { id: first.token.id, name: 'Deploy bot' } });
    expect(t.snapshot()).toHaveLength(1);
  });

  it('a fine-grained token has an expiry and no scopes; a classic one may never expire', async () => {
    expect((await check(seed.fineGrained.secret)).token).toMatchObject({
      name: 'Fine-grained token (octocat)',
      scopeSummary: 'Fine-grained token: permissions not reported by GitHub',
    });
    const forever = (await check(seed.classicForever.secret)).token;
    expect(forever.expiresAt).toBeNull();
    expect(forever.badges).toContain('never_expires');
  });

  it('an installation token, refused by /user, is read through /rate_limit', async () => {
    const { token } = await check(seed.installation.secret);
    expect(token).toMatchObject({ name: 'GitHub App installation token', accountName: null });
    expect(sim.count('GET /rate_limit')).toBe(1);
  });

  it('an expired or revoked token gets a clear message and records nothing', async () => {
    const error = await refusal(t, 'checkPastedToken', {
      connectionId: connection.id,
      value: seed.expired.secret,
      name: null,
    });
    expect(error).toMatchObject({ code: 'unauthorized', field: 'value' });
    expect(error.message).toBe(
      'GitHub refused this token (401): it has expired, been revoked, or was not copied whole. Nothing was recorded.',
    );
    expect(t.snapshot()).toHaveLength(0);
  });

  it('a value that is not a GitHub token is refused before any call', async () => {
    const error = await refusal(t, 'checkPastedToken', {
      connectionId: connection.id,
      value: 'hunter2-not-a-token',
      name: null,
    });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'value' });
    expect(error.message).toContain('start with ghp_, github_pat_');
    expect(sim.requests).toHaveLength(0);
  });

  it('a server error, timeout or malformed answer is said, and nothing is recorded', async () => {
    sim.inject({ route: USER, times: 3, fault: { kind: 'status', status: 503 } });
    expect(
      (
        await refusal(t, 'checkPastedToken', {
          connectionId: connection.id,
          value: seed.classic.secret,
          name: null,
        })
      ).code,
    ).toBe('provider_error');
    sim.inject({ route: USER, times: 3, fault: { kind: 'malformed' } });
    expect(
      (
        await refusal(t, 'checkPastedToken', {
          connectionId: connection.id,
          value: seed.classic.secret,
          name: null,
        })
      ).code,
    ).toBe('malformed_response');
    expect(t.snapshot()).toHaveLength(0);
  });
});

describe('revoke by value', () => {
  it('from a token’s detail: the value must end in its last 4; then GitHub revokes it and the token is marked', async () => {
    const { token } = await check(seed.classic.secret);
    const wrong = await refusal(t, 'revokeByValue', {
      connectionId: connection.id,
      values: [seed.fineGrained.secret],
      tokenId: token.id,
    });
    expect(wrong.message).toContain(`does not end in “${token.last4}”`);
    expect(sim.count(REVOKE)).toBe(0);
    const done = await ok<{ submitted: number; revoked: TokenRow[] }>(t, 'revokeByValue', {
      connectionId: connection.id,
      values: [seed.classic.secret],
      tokenId: token.id,
    });
    expect(done.submitted).toBe(1);
    expect(done.revoked.map((r) => [r.id, r.state])).toEqual([[token.id, 'revoked']]);
    expect(sim.revokeCalls).toEqual([[seed.classic.secret]]);
    expect(seed.classic.revoked).toBe(true);
    expect(
      (
        await refusal(t, 'checkPastedToken', {
          connectionId: connection.id,
          value: seed.classic.secret,
          name: null,
        })
      ).code,
    ).toBe('unauthorized');
    const detail = await ok<TokenDetail>(t, 'getToken', { tokenId: token.id });
    expect(detail.audit.map((a) => a.detail)).toContain('Revoked by value at GitHub');
  });

  it('in bulk: several values in one call, the tracked tokens they match marked; an installation token refused first', async () => {
    const a = (await check(seed.classic.secret)).token;
    const b = (await check(seed.fineGrained.secret)).token;
    const refused = await refusal(t, 'revokeByValue', {
      connectionId: connection.id,
      values: [seed.classic.secret, seed.fineGrained.secret, seed.installation.secret],
    });
    expect(refused.message).toMatch(
      /^Token 3: GitHub does not revoke a github app installation access token by value/,
    );
    expect(refused.message).not.toContain(seed.installation.secret);
    expect(sim.count(REVOKE)).toBe(0);
    const done = await ok<{ submitted: number; revoked: TokenRow[] }>(t, 'revokeByValue', {
      connectionId: connection.id,
      values: [seed.classic.secret, ` ${seed.fineGrained.secret}`, seed.classic.secret],
    });
    expect(done.submitted).toBe(2);
    expect(done.revoked.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(sim.revokeCalls).toHaveLength(1);
  });

  it('at most 60 calls an hour: the next is refused here, before GitHub says 403', async () => {
    const value = `ghp_${'a'.repeat(36)}`;
    for (let i = 0; i < 60; i++)
      await ok(t, 'revokeByValue', { connectionId: connection.id, values: [value] });
    const error = await refusal(t, 'revokeByValue', { connectionId: connection.id, values: [value] });
    expect(error).toMatchObject({ code: 'rate_limited' });
    expect(error.retryAt).toBe(t.clock.now() + 3_600_000);
    expect(sim.count(REVOKE)).toBe(60);
    t.clock.advance(3_600_001);
    await ok(t, 'revokeByValue', { connectionId: connection.id, values: [value] });
  });

  it('GitHub’s own 403 and 422 are said; a lost answer is ambiguous and says how to find out', async () => {
    sim.inject({
      route: REVOKE,
      fault: { kind: 'status', status: 403, body: { message: 'API rate limit exceeded' } },
    });
    expect(
      (await refusal(t, 'revokeByValue', { connectionId: connection.id, values: [seed.classic.secret] }))
        .code,
    ).toBe('rate_limited');
    sim.inject({
      route: REVOKE,
      fault: { kind: 'status', status: 422, body: { message: 'Invalid request.' } },
    });
    expect(
      (await refusal(t, 'revokeByValue', { connectionId: connection.id, values: [seed.classic.secret] }))
        .code,
    ).toBe('validation');
    sim.inject({ route: REVOKE, fault: { kind: 'timeout', afterHandling: true } });
    const lost = await refusal(t, 'revokeByValue', {
      connectionId: connection.id,
      values: [seed.classic.secret],
    });
    expect(lost.code).toBe('ambiguous');
    expect(lost.message).toContain('Check a pasted token');
    // Sent once: a revoke is never retried blindly.
    expect(sim.count(REVOKE)).toBe(3);
  });
});

describe('rotation and secrets', () => {
  it('a checked token rotates by hand, linked to its own kind’s settings page on GitHub', async () => {
    const classic = (await check(seed.classic.secret)).token;
    const fine = (await check(seed.fineGrained.secret)).token;
    const plan = await ok<RotationPlan>(t, 'planRotation', { tokenId: classic.id });
    expect(plan).toMatchObject({
      kind: 'manual',
      allowed: true,
      adminUrl: 'https://github.com/settings/tokens',
    });
    expect(plan.steps[0]).toContain('Settings › Developer settings');
    expect((await ok<RotationPlan>(t, 'planRotation', { tokenId: fine.id })).adminUrl).toBe(
      'https://github.com/settings/personal-access-tokens',
    );
  });

  it('every GitHub token prefix is scrubbed from log lines', () => {
    registerSecretShapes(github.secretShapes);
    const line = `ghp_${'A1'.repeat(18)} github_pat_${'b2'.repeat(30)} gho_${'C3'.repeat(18)} ghu_${'d4'.repeat(18)} ghs_${'E5'.repeat(18)} ghr_${'f6'.repeat(18)}`;
    expect(redactString(line)).not.toMatch(/gh[pousr]_[A-Za-z0-9]{6}|github_pat_[A-Za-z0-9]{6}/);
  });

  it('canary scan: pasted values are nowhere the app writes or answers', async () => {
    const canaries = {
      check: `ghp_${makeCanary('GhCheck')}`,
      revoke: `github_pat_${makeCanary('GhRevoke')}`,
    };
    sim.addToken({
      secret: canaries.check,
      login: 'octocat',
      expiresAt: t.clock.now() + 9 * DAY,
      scopes: ['repo'],
    });
    sim.addToken({ secret: canaries.revoke, login: 'octocat', expiresAt: null, scopes: null });
    const answers: unknown[] = [];
    answers.push(await check(canaries.check));
    const second = await check(canaries.revoke);
    answers.push(second);
    answers.push(
      await ok(t, 'revokeByValue', {
        connectionId: connection.id,
        values: [canaries.revoke],
        tokenId: second.token.id,
      }),
    );
    answers.push(
      await t.core.call('checkPastedToken', {
        connectionId: connection.id,
        value: canaries.revoke,
        name: null,
      }),
    );
    answers.push(
      await t.core.call('revokeByValue', { connectionId: connection.id, values: [canaries.check, 'ghs_x'] }),
    );
    answers.push(await ok(t, 'getToken', { tokenId: second.token.id }));
    answers.push(await ok(t, 'listTokens', { offset: 0, limit: 100, includeInactive: true }));
    t.core.context.db.pragma('wal_checkpoint(FULL)');
    const hits = [
      ...scanText(JSON.stringify(answers), canaries, 'answers'),
      ...scanText(JSON.stringify(t.emitted), canaries, 'events'),
      ...scanText(t.logLines.join('\n'), canaries, 'logs'),
      ...scanPaths([t.dataDir], canaries).hits,
    ];
    expect(hits).toEqual([]);
  });
});
