/**
 * Contract test: `@octokit/rest` 22.0.1 (GitHub's own JavaScript client) run against the GitHub
 * simulator for every call Tokenkeeper makes: `users.getAuthenticated` with a pasted token (its
 * expiry and scopes headers per token kind), `rateLimit.get`, and `credentials.revoke` without
 * authentication (its limits and status codes). Nobody here wrote Octokit: if the simulator drifts
 * from what GitHub's client sends and reads, this fails.
 */
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import {
  expirationHeader,
  seedGitHub,
  startGitHub,
  type GitHubSeed,
  type GitHubSimulator,
} from '../../../simulators/github';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');

let sim: GitHubSimulator;
let seed: GitHubSeed;

beforeEach(async () => {
  sim = await startGitHub({ now: () => T0, revokePerHour: 3 });
  seed = seedGitHub(sim);
});
afterEach(() => sim.close());

const client = (auth?: string) =>
  new Octokit({
    ...(auth === undefined ? {} : { auth }),
    baseUrl: sim.url,
    userAgent: 'tokenkeeper-contract',
  });

async function status(call: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await call;
  } catch (error) {
    const e = error as { status: number; response?: { data?: { message?: string } } };
    return { status: e.status, message: e.response?.data?.message ?? '' };
  }
  throw new Error('expected the Octokit call to fail');
}

describe('users.getAuthenticated', () => {
  it('a classic token: the login, its expiry header and its scopes', async () => {
    const me = await client(seed.classic.secret).rest.users.getAuthenticated();
    expect(me.status).toBe(200);
    expect(me.data.login).toBe('octocat');
    expect(me.headers['github-authentication-token-expiration']).toBe(expirationHeader(T0 + 20 * DAY));
    expect(me.headers['github-authentication-token-expiration']).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/,
    );
    expect(me.headers['x-oauth-scopes']).toBe('repo, workflow');
  });

  it('a classic token without an expiry has no expiry header', async () => {
    const me = await client(seed.classicForever.secret).rest.users.getAuthenticated();
    expect(me.headers['github-authentication-token-expiration']).toBeUndefined();
    expect(me.headers['x-oauth-scopes']).toBe('read:packages');
  });

  it('a fine-grained token has an expiry and reports no scopes', async () => {
    const me = await client(seed.fineGrained.secret).rest.users.getAuthenticated();
    expect(me.headers['github-authentication-token-expiration']).toBe(expirationHeader(T0 + 80 * DAY));
    expect(me.headers['x-oauth-scopes']).toBeUndefined();
  });

  it('an expired, unknown or missing token is 401; an installation token is 403', async () => {
    expect(await status(client(seed.expired.secret).rest.users.getAuthenticated())).toEqual({
      status: 401,
      message: 'Bad credentials',
    });
    expect((await status(client('ghp_' + 'x'.repeat(36)).rest.users.getAuthenticated())).status).toBe(401);
    expect((await status(client().rest.users.getAuthenticated())).status).toBe(401);
    expect(await status(client(seed.installation.secret).rest.users.getAuthenticated())).toEqual({
      status: 403,
      message: 'Resource not accessible by integration',
    });
  });
});

describe('rateLimit.get', () => {
  it('answers an installation token with its expiry header, and anyone without a token', async () => {
    const answer = await client(seed.installation.secret).rest.rateLimit.get();
    expect(answer.data.resources.core.limit).toBe(5000);
    expect(answer.headers['github-authentication-token-expiration']).toBe(expirationHeader(T0 + 3_600_000));
    expect((await client().rest.rateLimit.get()).data.rate.limit).toBe(60);
    expect((await status(client(seed.expired.secret).rest.rateLimit.get())).status).toBe(401);
  });
});

describe('credentials.revoke', () => {
  it('revokes by value without authentication: 202 {}, and the token is refused afterwards', async () => {
    const answer = await client().rest.credentials.revoke({
      credentials: [seed.classic.secret, seed.fineGrained.secret, 'ghp_unknown0000000000000000000000000000'],
    });
    expect(answer.status).toBe(202);
    expect(answer.data).toEqual({});
    expect((await status(client(seed.classic.secret).rest.users.getAuthenticated())).status).toBe(401);
    expect((await status(client(seed.fineGrained.secret).rest.users.getAuthenticated())).status).toBe(401);
  });

  it('an installation token is not revoked by value', async () => {
    await client().rest.credentials.revoke({ credentials: [seed.installation.secret] });
    expect((await client(seed.installation.secret).rest.rateLimit.get()).status).toBe(200);
  });

  it('refuses an authenticated call (403), an empty or too long list and unknown fields (422)', async () => {
    expect(
      (await status(client(seed.classicForever.secret).rest.credentials.revoke({ credentials: ['ghp_a'] })))
        .status,
    ).toBe(403);
    expect((await status(client().rest.credentials.revoke({ credentials: [] }))).status).toBe(422);
    const many = Array.from({ length: 1001 }, (_, i) => `ghp_${String(i).padStart(36, '0')}`);
    expect((await status(client().rest.credentials.revoke({ credentials: many }))).status).toBe(422);
    const extra = client().request('POST /credentials/revoke', { credentials: ['ghp_a'], note: 'x' });
    expect((await status(extra)).status).toBe(422);
  });

  it('60 calls an hour (3 here): the next one is 403 with x-ratelimit-remaining 0', async () => {
    for (let i = 0; i < 3; i++)
      await client().rest.credentials.revoke({ credentials: [`ghp_${'a'.repeat(36)}`] });
    try {
      await client().rest.credentials.revoke({ credentials: [`ghp_${'a'.repeat(36)}`] });
      throw new Error('expected a refusal');
    } catch (error) {
      const e = error as { status: number; response: { headers: Record<string, string> } };
      expect(e.status).toBe(403);
      expect(e.response.headers['x-ratelimit-remaining']).toBe('0');
    }
  });
});
