/**
 * Logs: one JSON object per line, rotated by size, and redacted. Realistic log calls carrying
 * realistically shaped secrets (a Mailtrap hex token, smoxy and Mirox tokens, a JWT, a session
 * cookie, a password, a proxy password) go through the real file logger; the files are then read
 * back and scanned in every encoding. And the logs of a full provider run at debug level (connect,
 * sync, create, rotate, revoke; providers that fail, answer garbage, or quote secrets back) hold
 * none of the secrets in play, while still saying what happened.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/core/log/logger';
import { registerSecret } from '../../../src-main/core/log/redact';
import type { NewSecret, RotationStart, TokenPage } from '../../../src-preload/contract';
import { scanPaths } from '../../security/canary';
import { seedMailtrap, startMailtrap } from '../../simulators/mailtrap';
import { seedMirox, startMirox } from '../../simulators/mirox';
import { seedSmoxy, startSmoxy } from '../../simulators/smoxy';
import { makeCore, tempDir, type TestCore } from '../helpers';
import { FAST_HTTP } from '../providers/harness';

const alnum = (n: number) =>
  [...randomBytes(n)]
    .map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62])
    .join('');
const b64url = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

interface LogLine {
  time: string;
  level: string;
  msg: string;
  [key: string]: unknown;
}

function readLines(dir: string): LogLine[] {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log'));
  // Oldest first: tokenkeeper.4.log ... tokenkeeper.1.log, then tokenkeeper.log.
  const order = (f: string) => Number(/\.(\d+)\.log$/.exec(f)?.[1] ?? 0);
  files.sort((a, b) => order(b) - order(a));
  return files.flatMap((f) =>
    fs
      .readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as LogLine),
  );
}

function expectStructured(lines: LogLine[]): void {
  for (const line of lines) {
    expect(Object.keys(line).slice(0, 3)).toEqual(['time', 'level', 'msg']);
    expect(new Date(line.time).toISOString()).toBe(line.time);
    expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
    expect(typeof line.msg).toBe('string');
  }
}

describe('the log', () => {
  it('redacts tokens, Authorization, Api-Token and X-API-TOKEN headers, session cookies, JWTs and passwords, whatever the call looks like', () => {
    const dir = tempDir('tk-log-');
    const secrets = {
      mailtrap: randomBytes(16).toString('hex'),
      smoxy: `smx_${alnum(40)}`,
      mirox: `mrx_${alnum(48)}`,
      jwt: `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 7, exp: 1_900_000_000 })}.${alnum(43)}`,
      cookie: alnum(48),
      password: 'correct horse battery staple',
      proxyPassword: 'Pr0xyPa55',
      registered: 'HunterTwoHunterTwo',
    };
    registerSecret(secrets.registered);
    const log = createFileLogger({ dir, level: 'debug', maxBytes: 1024, maxFiles: 50 }).child({
      area: 'http',
      connectionId: 'c_1',
    });
    const headers = {
      'Api-Token': secrets.mailtrap,
      Authorization: `Bearer ${secrets.jwt}`,
      'X-API-TOKEN': secrets.smoxy,
      Cookie: `mirox_session=${secrets.cookie}; theme=dark`,
    };

    log.debug('provider request', { endpoint: 'tokens.list', method: 'GET', status: 200, headers });
    log.debug('provider request', {
      endpoint: 'tokens.list',
      ...headers,
      'set-cookie': [`mirox_session=${secrets.cookie}; Path=/; HttpOnly`],
    });
    log.info(`request failed: Authorization: Bearer ${secrets.jwt}`);
    log.info(`sent Api-Token: ${secrets.mailtrap} to /api/accounts`);
    log.info(`sent X-API-TOKEN: ${secrets.smoxy}`);
    log.info(`Cookie: mirox_session=${secrets.cookie}; theme=dark`);
    log.warn(`Set-Cookie: mirox_session=${secrets.cookie}; Path=/; HttpOnly`);
    log.warn(`session ${secrets.jwt} expired`);
    log.info('called', { url: `https://mailtrap.io/api/accounts?access_token=${secrets.mailtrap}&page=2` });
    log.info('created', {
      body: `{"plainToken":"${secrets.smoxy}","name":"CI"}`,
      answer: { token: { id: 1 }, secret: secrets.mirox },
    });
    log.info('rotated', { result: [{ id: 'a', note: `new ${secrets.mirox}` }] });
    log.error('sync failed unexpectedly', {
      error: new Error(`unexpected body {"token":"${secrets.mailtrap}","password":"${secrets.password}"}`),
    });
    log.info('sign in', {
      email: 'jane@acme.test',
      password: secrets.password,
      fields: { password: secrets.password, apiToken: secrets.smoxy },
    });
    log.info('proxy', { proxy: `http://jane:${secrets.proxyPassword}@proxy.acme.test:8080` });
    log.info(`credential ${secrets.registered} loaded`);
    log.info('deep', { a: { b: { c: { d: { e: { f: { g: secrets.mailtrap } } } } } } });

    const lines = readLines(dir);
    expectStructured(lines);
    expect(lines).toHaveLength(16);
    expect(lines.every((l) => l.area === 'http' && l.connectionId === 'c_1')).toBe(true);
    // What is not secret survives, so the log still says what happened.
    expect(lines[0]).toMatchObject({
      level: 'debug',
      msg: 'provider request',
      endpoint: 'tokens.list',
      method: 'GET',
      status: 200,
      headers: '[redacted]',
    });
    expect(lines[2]?.msg).toBe('request failed: Authorization [redacted]');
    expect(lines[11]).toMatchObject({
      level: 'error',
      msg: 'sync failed unexpectedly',
      error: { error: 'Error' },
    });
    expect(lines[12]).toMatchObject({
      email: 'jane@acme.test',
      password: '[redacted]',
      fields: '[redacted]',
    });
    expect(lines[13]?.proxy).toBe('http://[redacted]@proxy.acme.test:8080');
    // And the size rotation kept every line (the limit is small, so there are several files).
    expect(fs.readdirSync(dir).length).toBeGreaterThan(2);
    const report = scanPaths([dir], secrets);
    expect(report.hits).toEqual([]);
  });

  it('rotates by size: at most maxFiles files, each under the limit, newest last, oldest dropped, across restarts', () => {
    const dir = tempDir('tk-log-');
    const write = (from: number, to: number) => {
      const log = createFileLogger({ dir, maxBytes: 1000, maxFiles: 3, now: () => Date.UTC(2026, 0, 1) });
      for (let i = from; i < to; i++) log.info('line', { n: i, pad: 'x'.repeat(40) });
    };
    write(0, 60);
    write(60, 100); // a new process picks up the current file's size
    expect(fs.readdirSync(dir).sort()).toEqual(['tokenkeeper.1.log', 'tokenkeeper.2.log', 'tokenkeeper.log']);
    for (const f of fs.readdirSync(dir))
      expect(fs.statSync(path.join(dir, f)).size).toBeLessThanOrEqual(1000);
    const numbers = readLines(dir).map((l) => l.n as number);
    expect(numbers.at(-1)).toBe(99);
    // Contiguous, without a torn line, and the oldest gone.
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => 100 - numbers.length + i));
    expect(numbers.length).toBeLessThan(100);
    // Three files of at most 1000 bytes hold the last 20 lines or so (one line is about 120 bytes).
    expect(numbers.length).toBeGreaterThanOrEqual(16);
  });
});

describe('the logs of a full provider run', () => {
  let tc: TestCore | null = null;
  const sims: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await tc?.close();
    tc = null;
    await Promise.all(sims.splice(0).map((s) => s.close()));
  });

  it('hold no secret in play, and say what happened', async () => {
    tc = makeCore({
      configure: (deps) => ({
        ...deps,
        http: FAST_HTTP,
        proxyEnv: {},
        log: createFileLogger({ dir: path.join(deps.dataDir, 'logs'), level: 'debug', maxBytes: 64 * 1024 }),
      }),
    });
    const core = tc.core;
    const now = () => tc?.clock.now() ?? Date.now();
    const [mailtrap, smoxy, mirox] = [
      await startMailtrap({ now }),
      await startSmoxy({ now }),
      await startMirox({ now }),
    ];
    sims.push(mailtrap, smoxy, mirox);
    const mtSeed = seedMailtrap(mailtrap);
    const sxSeed = seedSmoxy(smoxy);
    const mxSeed = seedMirox(mirox);
    tc.fakes.sessions.login = async () => ({
      headers: { Cookie: await mirox.login(mxSeed.email, mxSeed.password) },
    });
    const idle = () => core.services.sync.whenIdle();
    const call = async <T>(channel: string, payload: unknown): Promise<T | null> => {
      const result = await core.call(channel, payload);
      return result.ok ? (result.value as T) : null;
    };
    const idOf = async (name: string) =>
      (await call<TokenPage>('listTokens', { offset: 0, limit: 500 }))?.rows.find((r) => r.name === name)?.id;
    const minted: string[] = [];
    const take = async (secretId: string | null | undefined) => {
      const revealed = await call<{ value: string }>('revealSecret', { secretId });
      if (revealed !== null) minted.push(revealed.value);
    };

    const connect = async (
      provider: string,
      baseUrl: string,
      fields: Record<string, string>,
      accountIds: string[] = [],
    ) => {
      const draft = await call<{ draftId: string }>('beginConnection', {
        provider,
        mode: 'api',
        label: provider,
        baseUrl,
        fields,
      });
      const connection = await call<{ id: string }>('completeConnection', {
        draftId: draft?.draftId,
        label: provider,
        accountIds,
      });
      await idle();
      if (connection === null) throw new Error(`could not connect ${provider}`);
      return connection.id;
    };
    const mt = await connect('mailtrap', mailtrap.url, { apiToken: mtSeed.credential }, [
      String(mtSeed.accounts.acme),
    ]);
    const sx = await connect('smoxy', smoxy.url, {
      email: sxSeed.email,
      password: sxSeed.password,
      apiToken: sxSeed.apiToken,
    });
    const mx = await connect('mirox', mirox.url, {});
    const jwt = [...smoxy.jwts.keys()][0] ?? '';
    const cookie = [...mirox.sessions.keys()][0] ?? '';

    await take(
      (
        await call<NewSecret>('createToken', {
          connectionId: mt,
          accountId: String(mtSeed.accounts.acme),
          name: 'Log create',
        })
      )?.secretId,
    );
    await take(
      (await call<NewSecret>('createToken', { connectionId: sx, accountId: null, name: 'Log create' }))
        ?.secretId,
    );
    await take(
      (
        await call<NewSecret>('createToken', {
          connectionId: mx,
          accountId: null,
          name: 'Log create',
          permissionGroup: 'Reporting',
        })
      )?.secretId,
    );
    await take(
      (await call<RotationStart>('startRotation', { tokenId: await idOf('Production SMTP') }))?.secretId,
    );
    await take(
      (await call<RotationStart>('startRotation', { tokenId: await idOf('Report exporter') }))?.secretId,
    );
    await call('revokeToken', { tokenId: await idOf('Staging webhook') });
    // Providers that fail, quote secrets back, or answer with a secret in an unexpected shape.
    mailtrap.inject({
      route: 'POST /api/accounts/:accountId/api_tokens',
      fault: { kind: 'status', status: 422, body: { errors: [`token ${mtSeed.credential} is not allowed`] } },
    });
    await call('createToken', { connectionId: mt, accountId: String(mtSeed.accounts.acme), name: 'Refused' });
    mailtrap.inject({
      route: 'POST /api/accounts/:accountId/api_tokens',
      fault: {
        kind: 'status',
        status: 200,
        body: { unexpected: true, token: `${randomBytes(16).toString('hex')}` },
      },
    });
    await call('createToken', {
      connectionId: mt,
      accountId: String(mtSeed.accounts.acme),
      name: 'Odd answer',
    });
    smoxy.inject({
      route: 'GET /api/api-tokens',
      times: 3,
      fault: { kind: 'status', status: 503, body: { message: `jwt ${jwt}` } },
    });
    mirox.inject({
      route: 'GET /api/v1/profile/api-tokens',
      fault: { kind: 'status', status: 403, body: { message: `mirox_session=${cookie} may not list` } },
    });
    mailtrap.inject({ route: 'GET /api/accounts/:accountId/api_tokens', fault: { kind: 'timeout' } });
    await call('syncNow', {});
    await idle();
    expect(minted).toHaveLength(5);

    const logDir = path.join(tc.dataDir, 'logs');
    const lines = readLines(logDir);
    expectStructured(lines);
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    // It says what happened: endpoints, statuses and error codes, never headers or bodies.
    for (const expected of [
      '"endpoint":"tokens.create"',
      '"endpoint":"tokens.reset"',
      '"endpoint":"tokens.rotate"',
      '"code":"validation"',
      '"code":"provider_error"',
      '"code":"timeout"',
      'provider answer did not match its schema',
    ]) {
      expect(text).toContain(expected);
    }
    const secrets: Record<string, string> = {
      mailtrapCredential: mtSeed.credential,
      smoxyPassword: sxSeed.password,
      smoxyApiToken: sxSeed.apiToken,
      miroxPassword: mxSeed.password,
      jwt,
      cookie,
    };
    minted.forEach((s, i) => (secrets[`minted${i}`] = s));
    const report = scanPaths([logDir], secrets);
    console.log(
      `log scan: ${lines.length} lines in ${report.files} files (${report.bytes} bytes), ${Object.keys(secrets).length} secrets × their encodings, ${report.hits.length} hits`,
    );
    expect(report.hits).toEqual([]);
  });
});
