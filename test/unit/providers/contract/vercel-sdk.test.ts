/**
 * Contract test: the official `@vercel/sdk` 1.28.35 (Speakeasy-generated from Vercel's OpenAPI; a
 * devDependency only) run against the Vercel simulator for every endpoint Tokenkeeper's adapter
 * uses: `user.getAuthUser`, `authentication.listAuthTokens`, `createAuthToken` (with and without a
 * team), `getAuthToken` (by id and `current`), `deleteAuthToken`, and its error class for 403, 404,
 * 400 and 429. Nobody here wrote the SDK: if the simulator drifts from what Vercel's own client
 * sends and reads, this fails.
 *
 * The SDK fills in zero values for missing required fields (shared/providers/vercel.md §6), so
 * the raw JSON is checked too. And the SDK cannot page: `listAuthTokens()` takes no parameters
 * and sends no query; the CLI's `limit`/`until` paging the adapter uses is checked with raw calls.
 */
import { Vercel } from '@vercel/sdk';
import { SDKError } from '@vercel/sdk/models/sdkerror.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import { seedVercel, startVercel, type VercelSeed, type VercelSimulator } from '../../../simulators/vercel';

const T0 = Date.parse('2026-11-25T09:00:00.000Z');
let sim: VercelSimulator;
let seed: VercelSeed;

beforeEach(async () => {
  sim = await startVercel({ now: () => T0, rateLimit: { limit: 30, windowMs: 60_000 } });
  seed = seedVercel(sim);
});
afterEach(() => sim.close());

const client = (bearerToken = seed.credential) => new Vercel({ bearerToken, serverURL: sim.url });

/** The error body Vercel sent (VD-ERR: `{error: {code, message, …}}`). */
const errorOf = (e: SDKError) => (JSON.parse(e.body) as { error: { code: string; message: string } }).error;

async function failure(call: Promise<unknown>): Promise<SDKError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof SDKError) return error;
    throw error;
  }
  throw new Error('expected the SDK call to fail');
}

/** What Vercel answers, unparsed: the SDK would hide a missing required field behind a zero. */
async function raw(path: string, token = seed.credential): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${sim.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

const REQUIRED = ['id', 'name', 'type', 'activeAt', 'createdAt'];

describe('the user', () => {
  it('getAuthUser reads the full user for a full-account token', async () => {
    const user = (await client().user.getAuthUser())?.user;
    expect(user).toMatchObject({ id: sim.user.id, email: 'ada@example.com', username: 'ada' });
    expect(user).not.toHaveProperty('limited');
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', route: 'GET /v2/user' });
  });

  it('getAuthUser reads the limited user for a team- or project-scoped token', async () => {
    for (const token of [seed.teamCredential, seed.projectCredential]) {
      const user = (await client(token).user.getAuthUser())?.user;
      expect(user).toMatchObject({ username: 'ada', limited: true });
    }
  });
});

describe('tokens', () => {
  it('listAuthTokens parses every seeded token, the leaked one with its leak, and the raw JSON has every required field', async () => {
    const answer = await client().authentication.listAuthTokens();
    expect(answer.tokens.map((t) => t.name).sort()).toEqual(
      [
        'Acme preview bot',
        'CI deploy',
        'Old laptop',
        'Tokenkeeper',
        'Unused test',
        'Vercel CLI login',
        'Web project deploy',
      ].sort(),
    );
    const leaked = answer.tokens.find((t) => t.id === seed.leakedId);
    expect(leaked?.leakedAt).toBe(T0 - 3 * DAY);
    expect(leaked?.leakedUrl).toBe('https://github.com/ada/dotfiles/blob/main/.env');
    const team = answer.tokens.find((t) => t.name === 'Acme preview bot');
    expect(team?.scopes).toEqual([
      { type: 'team', teamId: seed.teamId, origin: 'manual', createdAt: T0 - 40 * DAY },
    ]);
    const { body } = await raw('/v6/user/tokens');
    for (const token of (body as { tokens: Record<string, unknown>[] }).tokens)
      for (const field of REQUIRED) expect(token[field], field).toBeDefined();
    // The SDK sent no query at all: it has no way to ask for the next page.
    expect(sim.requests.find((r) => r.route === 'GET /v6/user/tokens')?.path).toBe('/v6/user/tokens');
  });

  it('cannot page: with more tokens than one page, the SDK sees the first 20 and a next cursor', async () => {
    for (let i = 0; i < 30; i++) sim.addToken({ name: `Bulk ${i}`, createdAt: T0 - (100 + i) * 1000 });
    const answer = await client().authentication.listAuthTokens();
    expect(answer.tokens).toHaveLength(20);
    expect(answer.pagination.next).toEqual(expect.any(Number));
  });

  it('the CLI’s limit/until paging (raw) walks every token once, newest first', async () => {
    for (let i = 0; i < 30; i++) sim.addToken({ name: `Bulk ${i}` });
    const seen: string[] = [];
    let until: number | null = null;
    for (let page = 0; page < 10; page++) {
      const query = `?limit=8${until === null ? '' : `&until=${until}`}`;
      const { status, body } = await raw(`/v6/user/tokens${query}`);
      expect(status).toBe(200);
      const { tokens, pagination } = body as {
        tokens: { id: string; createdAt: number }[];
        pagination: { count: number; next: number | null };
      };
      expect(pagination.count).toBe(tokens.length);
      seen.push(...tokens.map((t) => t.id));
      if (pagination.next === null) break;
      until = pagination.next;
    }
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
    expect((await raw('/v6/user/tokens?limit=101')).status).toBe(400);
    expect((await raw('/v6/user/tokens?page=2')).status).toBe(400);
  });

  it('createAuthToken makes a full-account token with its expiry; the secret once, as bearerToken', async () => {
    const expiresAt = T0 + 30 * DAY;
    const made = await client().authentication.createAuthToken({
      requestBody: { name: 'Deploy', expiresAt },
    });
    expect(made.bearerToken).toMatch(/^vcp_[A-Za-z0-9]{56}$/);
    expect(made.token).toMatchObject({ name: 'Deploy', expiresAt, createdAt: T0 });
    expect(made.token.scopes?.[0]).toMatchObject({ type: 'user', expiresAt });
    expect(sim.authenticates(made.bearerToken)).toBe(true);
    const request = sim.requests.at(-1);
    expect(request).toMatchObject({ method: 'POST', route: 'POST /v3/user/tokens', query: '' });
    // No expiry: never expires.
    const forever = await client().authentication.createAuthToken({ requestBody: { name: 'Forever' } });
    expect(forever.token.expiresAt).toBeUndefined();
  });

  it('createAuthToken for a team makes a team-scoped token; an unknown team is 404', async () => {
    const made = await client().authentication.createAuthToken({
      teamId: seed.teamId,
      requestBody: { name: 'Team deploy' },
    });
    expect(made.token.scopes).toEqual([
      { type: 'team', teamId: seed.teamId, origin: 'manual', createdAt: T0 },
    ]);
    expect(sim.requests.at(-1)?.query).toContain(`teamId=${seed.teamId}`);
    expect(
      (await failure(client().authentication.createAuthToken({ slug: 'nope', requestBody: { name: 'x' } })))
        .statusCode,
    ).toBe(404);
  });

  it('createAuthToken is refused to a team- or project-scoped token and to a sign-in session, in the CLI’s words', async () => {
    for (const token of [seed.teamCredential, seed.projectCredential]) {
      const error = await failure(
        client(token).authentication.createAuthToken({ requestBody: { name: 'x' } }),
      );
      expect(error.statusCode).toBe(403);
      expect(JSON.parse(error.body)).toEqual({
        error: { code: 'forbidden', message: 'To create a token you must be authenticated to scope "ada".' },
      });
    }
    const session = [...sim.tokens.values()].find((t) => t.type === 'oauth2-token');
    const error = await failure(
      client(session?.secret).authentication.createAuthToken({ requestBody: { name: 'x' } }),
    );
    expect(errorOf(error).message).toBe('Only user authentication tokens can be used to create new tokens.');
  });

  it('createAuthToken refuses a past expiry and a name over 100 characters with bad_request', async () => {
    const past = await failure(
      client().authentication.createAuthToken({ requestBody: { name: 'x', expiresAt: T0 - 1 } }),
    );
    expect(past.statusCode).toBe(400);
    expect(errorOf(past).code).toBe('bad_request');
    const long = await failure(
      client().authentication.createAuthToken({ requestBody: { name: 'n'.repeat(101) } }),
    );
    expect(long.statusCode).toBe(400);
  });

  it('getAuthToken reads one token by id, and the calling one as “current”', async () => {
    const one = await client().authentication.getAuthToken({ tokenId: seed.leakedId });
    expect(one.token).toMatchObject({ id: seed.leakedId, name: 'Old laptop', leakedAt: T0 - 3 * DAY });
    const self = await client().authentication.getAuthToken({ tokenId: 'current' });
    expect(self.token.id).toBe(seed.credentialId);
    expect(sim.requests.at(-1)?.path).toBe('/v5/user/tokens/current');
    const missing = await failure(client().authentication.getAuthToken({ tokenId: 'f'.repeat(64) }));
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe('not_found');
  });

  it('deleteAuthToken revokes at once and answers the id; a second delete is 404', async () => {
    const made = await client().authentication.createAuthToken({ requestBody: { name: 'Short-lived' } });
    const gone = await client().authentication.deleteAuthToken({ tokenId: made.token.id });
    expect(gone).toEqual({ tokenId: made.token.id });
    expect(sim.authenticates(made.bearerToken)).toBe(false);
    expect(
      (await failure(client().authentication.deleteAuthToken({ tokenId: made.token.id }))).statusCode,
    ).toBe(404);
  });
});

describe('errors', () => {
  it('an unknown token is 403 forbidden (Vercel’s word for a missing or bad token)', async () => {
    const error = await failure(client('vcp_not-a-real-token-value-000000').authentication.listAuthTokens());
    expect(error.statusCode).toBe(403);
    expect(errorOf(error)).toMatchObject({ code: 'forbidden' });
  });

  it('a rate-limited endpoint answers 429 rate_limited with error.limit, and only that endpoint', async () => {
    for (let i = 0; i < 30; i++) await client().authentication.getAuthToken({ tokenId: 'current' });
    const error = await failure(client().authentication.getAuthToken({ tokenId: 'current' }));
    expect(error.statusCode).toBe(429);
    const body = JSON.parse(error.body) as { error: { code: string; limit: Record<string, number> } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.limit).toMatchObject({ remaining: 0, total: 30 });
    expect(body.error.limit.resetMs).toBeGreaterThan(T0);
    // Counted per endpoint (VD-ERR): the list still answers.
    expect((await client().authentication.listAuthTokens()).tokens.length).toBeGreaterThan(0);
  });
});
