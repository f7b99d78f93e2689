/**
 * The HTTP layer against a local server with injected faults: what is retried (GET only), what
 * is never retried (POST, DELETE), Retry-After, the size cap, zod parsing, typed errors with
 * messages naming the provider, and that credentials never reach the log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_HTTP_SETTINGS,
  HttpClient,
  type HttpSettings,
  type ProviderHttp,
} from '../../../src-main/core/http/client';
import { HttpError } from '../../../src-main/core/http/errors';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import { FIFTY_MB, SimServer } from '../../simulators/base';

const Item = z.object({ id: z.number(), name: z.string() });
const SECRET = 'sk_live_5f2b9c1e7a3d4f6b8c0e2a4d6f8b0c2e';

let server: SimServer;
let client: HttpClient;
let logLines: string[];

function makeClient(settings: Partial<HttpSettings> = {}): ProviderHttp {
  const logger = createMemoryLogger();
  logLines = logger.lines;
  client = new HttpClient({
    log: logger,
    settings: {
      ...DEFAULT_HTTP_SETTINGS,
      connectTimeoutMs: 1000,
      totalTimeoutMs: 600,
      baseDelayMs: 5,
      maxDelayMs: 20,
      maxRetryAfterWaitMs: 300,
      maxResponseBytes: 1024 * 1024,
      ...settings,
    },
    env: {},
    caPath: () => null,
    time: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
    random: () => 0.5,
    userAgent: 'Tokenkeeper/test',
  });
  return client.target({
    provider: 'Examplr',
    baseUrl: new URL(server.url),
    credentialOrigin: new URL(server.url).origin,
    limiterKey: 'c_test',
    rateLimit: null,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const getItems = (http: ProviderHttp) =>
  http.send({
    endpoint: 'items.list',
    method: 'GET',
    path: '/items',
    headers: { 'Api-Token': SECRET },
    auth: 'credential',
    schema: z.array(Item),
  });
const createItem = (http: ProviderHttp) =>
  http.send({
    endpoint: 'items.create',
    method: 'POST',
    path: '/items',
    headers: { 'Api-Token': SECRET },
    json: { name: 'x' },
    auth: 'credential',
    schema: Item,
  });
const deleteItem = (http: ProviderHttp) =>
  http.send({
    endpoint: 'items.delete',
    method: 'DELETE',
    path: '/items/1',
    headers: { 'Api-Token': SECRET },
    auth: 'credential',
    schema: null,
  });

beforeEach(async () => {
  server = new SimServer();
  server.route('GET', '/items', () => ({ status: 200, json: [{ id: 1, name: 'one' }] }));
  server.route('POST', '/items', () => ({ status: 200, json: { id: 2, name: 'x' } }));
  server.route('DELETE', '/items/:id', () => ({ status: 204 }));
  server.route('GET', '/wrong-shape', () => ({ status: 200, json: [{ id: 'not a number' }] }));
  await server.start();
});

afterEach(async () => {
  await client.close();
  await server.close();
});

describe('retries', () => {
  it('retries a GET after a 503 and returns the answer', async () => {
    const http = makeClient();
    server.inject({ route: 'GET /items', fault: { kind: 'status', status: 503 } });
    const response = await getItems(http);
    expect(response.data).toEqual([{ id: 1, name: 'one' }]);
    expect(server.count('GET /items')).toBe(2);
  });

  it('gives up on a GET after the configured attempts and says what happened', async () => {
    const http = makeClient({ maxAttempts: 3 });
    server.inject({ route: 'GET /items', times: 5, fault: { kind: 'status', status: 502 } });
    const error = await failureOf(getItems(http));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('Examplr had a server problem (502)');
    expect(server.count('GET /items')).toBe(3);
  });

  it('retries a GET after a connection reset and after a timeout', async () => {
    const http = makeClient();
    server.inject({ route: 'GET /items', fault: { kind: 'reset' } });
    server.inject({ route: 'GET /items', fault: { kind: 'timeout' } });
    const response = await getItems(http);
    expect(response.data).toHaveLength(1);
    expect(server.count('GET /items')).toBe(3);
  });

  it.each([
    ['a 503', { kind: 'status', status: 503 } as const, 'provider_error', 'unknown'],
    ['a 500', { kind: 'status', status: 500 } as const, 'provider_error', 'unknown'],
    ['a timeout', { kind: 'timeout' } as const, 'timeout', 'unknown'],
    ['a connection reset', { kind: 'reset' } as const, 'network', 'unknown'],
  ])('never retries a POST after %s, and marks its effect unknown', async (_name, fault, code, effect) => {
    const http = makeClient();
    server.inject({ route: 'POST /items', fault });
    const error = await failureOf(createItem(http));
    expect(error.code).toBe(code);
    expect(error.effect).toBe(effect);
    expect(server.count('POST /items')).toBe(1);
  });

  it('never retries a DELETE', async () => {
    const http = makeClient();
    server.inject({ route: 'DELETE /items/:id', fault: { kind: 'status', status: 503 } });
    const error = await failureOf(deleteItem(http));
    expect(error.code).toBe('provider_error');
    expect(server.count('DELETE /items/:id')).toBe(1);
  });

  it('does not retry a refusal (4xx)', async () => {
    const http = makeClient();
    server.inject({ route: 'GET /items', fault: { kind: 'status', status: 403 } });
    const error = await failureOf(getItems(http));
    expect(error.code).toBe('forbidden');
    expect(server.count('GET /items')).toBe(1);
  });
});

describe('RateLimit-Remaining and RateLimit-Reset', () => {
  it('with nothing remaining, the connection’s next request waits for the reset instead of meeting a 429', async () => {
    makeClient();
    let remaining = 1;
    server.route('GET', '/quota', () => {
      remaining = Math.max(0, remaining - 1);
      return {
        status: 200,
        json: [],
        headers: { 'RateLimit-Remaining': String(remaining), 'RateLimit-Reset': '1' },
      };
    });
    const http = client.target({
      provider: 'Examplr',
      baseUrl: new URL(server.url),
      credentialOrigin: new URL(server.url).origin,
      limiterKey: 'c_quota',
      rateLimit: { limit: 100, windowMs: 60_000 },
    });
    const get = () =>
      http.send({
        endpoint: 'quota',
        method: 'GET',
        path: '/quota',
        auth: 'credential',
        schema: z.array(Item),
      });
    await get();
    const started = Date.now();
    await get();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(server.count('GET /quota')).toBe(2);
  });
});

describe('Retry-After', () => {
  it('waits out a short Retry-After on a GET and then succeeds', async () => {
    const http = makeClient({ maxRetryAfterWaitMs: 2000 });
    server.inject({ route: 'GET /items', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const started = Date.now();
    await getItems(http);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.count('GET /items')).toBe(2);
  });

  it('surfaces a long Retry-After as rate_limited with the time to try again', async () => {
    const http = makeClient({ maxRetryAfterWaitMs: 300 });
    server.inject({ route: 'GET /items', fault: { kind: 'status', status: 429, retryAfter: '120' } });
    const before = Date.now();
    const error = await failureOf(getItems(http));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAt).toBeGreaterThanOrEqual(before + 119_000);
    expect(error.retryAt).toBeLessThanOrEqual(Date.now() + 121_000);
    expect(error.message).toMatch(
      /^Examplr is limiting how often Tokenkeeper may call it \(429\)\. Try again after \d\d:\d\d:\d\d UTC\.$/,
    );
    expect(server.count('GET /items')).toBe(1);
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const http = makeClient({ maxRetryAfterWaitMs: 300 });
    const at = new Date(Date.now() + 60_000);
    server.inject({
      route: 'GET /items',
      fault: { kind: 'status', status: 429, retryAfter: at.toUTCString() },
    });
    const error = await failureOf(getItems(http));
    expect(Math.abs((error.retryAt ?? 0) - at.getTime())).toBeLessThan(1500);
  });

  it('never retries a POST on 429, and says when to try again', async () => {
    const http = makeClient({ maxRetryAfterWaitMs: 5000 });
    server.inject({ route: 'POST /items', fault: { kind: 'status', status: 429, retryAfter: '1' } });
    const error = await failureOf(createItem(http));
    expect(error.code).toBe('rate_limited');
    expect(error.effect).toBe('none');
    expect(server.count('POST /items')).toBe(1);
  });
});

describe('answers', () => {
  it('stops reading past the size cap (streamed, no length given)', async () => {
    const http = makeClient({ maxResponseBytes: 1024 * 1024 });
    server.inject({ route: 'GET /items', times: 3, fault: { kind: 'huge', bytes: FIFTY_MB } });
    const error = await failureOf(getItems(http));
    expect(error.code).toBe('response_too_large');
    expect(error.message).toBe(
      'Examplr sent an answer larger than 1 MB, so Tokenkeeper stopped reading it. Nothing in your cache was changed.',
    );
    expect(server.count('GET /items')).toBe(1);
  });

  it('refuses a declared length past the cap before reading', async () => {
    const http = makeClient({ maxResponseBytes: 1024 * 1024 });
    server.inject({ route: 'GET /items', fault: { kind: 'huge', bytes: FIFTY_MB, declareLength: true } });
    expect((await failureOf(getItems(http))).code).toBe('response_too_large');
  });

  it('marks an oversized answer to a POST as applied (the provider did the work)', async () => {
    const http = makeClient();
    server.inject({ route: 'POST /items', fault: { kind: 'huge', afterHandling: true } });
    const error = await failureOf(createItem(http));
    expect(error.code).toBe('response_too_large');
    expect(error.effect).toBe('applied');
  });

  it('reports malformed JSON and a wrong shape as malformed_response', async () => {
    const http = makeClient();
    server.inject({ route: 'GET /items', fault: { kind: 'malformed' } });
    const broken = await failureOf(getItems(http));
    expect(broken.code).toBe('malformed_response');
    expect(broken.message).toBe(
      'Examplr sent an answer Tokenkeeper could not understand. Its API may have changed; nothing in your cache was changed.',
    );
    const wrong = await failureOf(
      http.send({
        endpoint: 'wrong',
        method: 'GET',
        path: '/wrong-shape',
        auth: 'none',
        schema: z.array(Item),
      }),
    );
    expect(wrong.code).toBe('malformed_response');
  });

  it.each([
    [
      401,
      'credential',
      'unauthorized',
      'Examplr refused the credential (401). It may have been revoked, rotated or expired. Re-enter it for this connection.',
    ],
    [
      401,
      'session',
      'needs_sign_in',
      'Examplr says the session has ended (401). Sign in again to manage tokens.',
    ],
    [401, 'login', 'unauthorized', 'Examplr did not accept that e-mail address and password (401).'],
    [
      403,
      'credential',
      'forbidden',
      'Examplr refused this (403): the credential or session lacks the permission for it.',
    ],
    [
      404,
      'credential',
      'not_found',
      'Examplr does not know this item (404). It may have been deleted elsewhere; sync to refresh.',
    ],
    [
      409,
      'credential',
      'conflict',
      'Examplr refused the change because it conflicts with the current state (409).',
    ],
    [422, 'credential', 'validation', 'Examplr rejected the request as invalid (422).'],
  ] as const)(
    'maps %i (%s) to %s with a message naming the provider',
    async (status, auth, code, message) => {
      const http = makeClient();
      server.inject({ route: 'GET /items', fault: { kind: 'status', status, body: {} } });
      const error = await failureOf(
        http.send({ endpoint: 'items.list', method: 'GET', path: '/items', auth, schema: z.array(Item) }),
      );
      expect(error.code).toBe(code);
      expect(error.message).toBe(message);
    },
  );

  it('quotes a provider’s short validation message, scrubbed', async () => {
    const http = makeClient();
    server.inject({
      route: 'POST /items',
      fault: {
        kind: 'status',
        status: 422,
        body: { violations: [{ propertyPath: 'name', message: `Already used <b>by</b> ${SECRET}` }] },
      },
    });
    const error = await failureOf(createItem(http));
    expect(error.message).toContain('Examplr said: “name: Already used b by /b [redacted]”');
    expect(error.message).not.toContain(SECRET);
  });

  it('says the host could not be reached when nothing listens (nothing was sent)', async () => {
    const http = makeClient();
    await server.close();
    const error = await failureOf(createItem(http));
    expect(error.code).toBe('network');
    expect(error.effect).toBe('none');
    expect(error.message).toMatch(/^Tokenkeeper could not reach Examplr at 127\.0\.0\.1:\d+\./);
  });

  it('reports an unreadable extra CA file instead of calling', async () => {
    const logger = createMemoryLogger();
    client = new HttpClient({
      log: logger,
      settings: { ...DEFAULT_HTTP_SETTINGS, maxAttempts: 1 },
      env: {},
      caPath: () => '/nonexistent/corporate-ca.pem',
      time: { now: () => Date.now(), sleep: async () => undefined },
      random: () => 0.5,
      userAgent: 'test',
    });
    const http = client.target({
      provider: 'Examplr',
      baseUrl: new URL(server.url),
      credentialOrigin: new URL(server.url).origin,
      limiterKey: 'k',
      rateLimit: null,
    });
    const error = await failureOf(getItems(http));
    expect(error.code).toBe('network');
    expect(error.message).toContain('extra CA certificate file set in Settings could not be read');
    expect(server.count('GET /items')).toBe(0);
  });

  it('never writes a header or a body to the log', async () => {
    const http = makeClient();
    server.inject({ route: 'GET /items', fault: { kind: 'status', status: 500 } });
    await getItems(http);
    await createItem(http);
    const log = logLines.join('');
    expect(log).toContain('"endpoint":"items.list"');
    expect(log).not.toContain(SECRET);
    expect(log).not.toContain('Api-Token');
  });
});
