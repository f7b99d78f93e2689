/**
 * Corporate TLS inspection: a server whose certificate chains to a private CA is refused with a
 * message that points at Settings, and accepted once that CA's file is set as the extra CA.
 * (The certificate and key in fixtures/ are test-only, made for 127.0.0.1.)
 */
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../../src-main/core/http/client';
import { HttpError } from '../../../src-main/core/http/errors';
import { createMemoryLogger } from '../../../src-main/core/log/logger';

const fixtures = path.resolve('test/unit/http/fixtures');
let server: https.Server;
let origin: string;
let caPath: string | null;
let client: HttpClient;

beforeEach(async () => {
  server = https.createServer(
    {
      cert: fs.readFileSync(path.join(fixtures, 'server.pem')),
      key: fs.readFileSync(path.join(fixtures, 'server.key')),
    },
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  caPath = null;
  client = new HttpClient({
    log: createMemoryLogger(),
    settings: { ...DEFAULT_HTTP_SETTINGS, maxAttempts: 1, totalTimeoutMs: 3000 },
    env: {},
    caPath: () => caPath,
    time: { now: () => Date.now(), sleep: async () => undefined },
    random: () => 0.5,
    userAgent: 'test',
  });
});

afterEach(async () => {
  await client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const get = () =>
  client
    .target({
      provider: 'Mailtrap',
      baseUrl: new URL(origin),
      credentialOrigin: new URL(origin).origin,
      limiterKey: 'k',
      rateLimit: null,
    })
    .send({
      endpoint: 'accounts.list',
      method: 'GET',
      path: '/api/accounts',
      auth: 'credential',
      schema: z.object({ ok: z.boolean() }),
    });

describe('extra CA certificate', () => {
  it('refuses a certificate from an unknown CA, pointing at the Settings fix', async () => {
    let error: unknown = null;
    try {
      await get();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('network');
    expect((error as HttpError).message).toBe(
      `The secure connection to Mailtrap at ${new URL(origin).host} could not be verified. If your network inspects TLS traffic, add your organisation’s CA certificate in Settings.`,
    );
  });

  it('trusts the CA file set in Settings, in addition to the system roots', async () => {
    caPath = path.join(fixtures, 'ca.pem');
    expect((await get()).data).toEqual({ ok: true });
  });
});
