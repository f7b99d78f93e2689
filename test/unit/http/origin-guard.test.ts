/**
 * The HTTP layer's half of the credential-origin rule: a target whose address is not under the
 * origin its credential was saved for sends nothing there (no connection, no header, no body),
 * for reads and writes alike, and says why; the same request under the saved origin carries the
 * credential as usual.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../../src-main/core/http/client';
import { HttpError } from '../../../src-main/core/http/errors';
import { createMemoryLogger } from '../../../src-main/core/log/logger';
import { startListener, type Listener } from '../../simulators/listener';

const SECRET = 'mt_live_0a1b2c3d4e5f60718293a4b5c6d7e8f9';

let saved: Listener;
let attacker: Listener;
let client: HttpClient;

beforeEach(async () => {
  saved = await startListener();
  attacker = await startListener();
  client = new HttpClient({
    log: createMemoryLogger(),
    settings: { ...DEFAULT_HTTP_SETTINGS, maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    env: {},
    caPath: () => null,
    time: { now: () => Date.now(), sleep: async () => undefined },
    random: () => 0.5,
    userAgent: 'Tokenkeeper/test',
  });
});

afterEach(async () => {
  await client.close();
  await saved.close();
  await attacker.close();
});

const target = (baseUrl: string, credentialOrigin: string) =>
  client.target({
    provider: 'Mailtrap',
    baseUrl: new URL(baseUrl),
    credentialOrigin,
    limiterKey: 'c_1',
    rateLimit: null,
  });

const call = (method: 'GET' | 'POST' | 'DELETE', to: ReturnType<typeof target>) =>
  to.send({
    endpoint: 'tokens.list',
    method,
    path: '/api/accounts/1/api_tokens',
    headers: { 'Api-Token': SECRET },
    ...(method === 'POST' ? { json: { name: 'ci' } } : {}),
    auth: 'credential',
    schema: method === 'DELETE' ? null : z.array(z.unknown()),
  });

describe('the credential goes only to the origin it was saved for', () => {
  it('sends the credential to its own origin', async () => {
    await call('GET', target(saved.url, new URL(saved.url).origin));
    expect(saved.seen.map((r) => r.headers['api-token'])).toEqual([SECRET]);
  });

  it('sends nothing to another origin, for a read or a write, and says why', async () => {
    const moved = target(`${attacker.url}/x`, new URL(saved.url).origin);
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const error = await call(method, moved).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).code).toBe('credential_missing');
      // Nothing left, so a write need not be reconciled.
      expect((error as HttpError).effect).toBe('none');
      expect((error as HttpError).message).toContain(`saved for ${new URL(saved.url).origin}`);
      expect((error as HttpError).message).not.toContain(SECRET);
    }
    expect(attacker.seen).toEqual([]);
    expect(saved.seen).toEqual([]);
  });

  it('treats another port or scheme on the same host as another origin', async () => {
    const port = Number(new URL(saved.url).port);
    for (const origin of [
      `http://127.0.0.1:${port + 1}`,
      `https://127.0.0.1:${port}`,
      `http://localhost:${port}`,
    ]) {
      await expect(call('GET', target(saved.url, origin))).rejects.toMatchObject({
        code: 'credential_missing',
      });
    }
    expect(saved.seen).toEqual([]);
  });
});
