/**
 * Contract test: the npm CLI itself (npm 11.19.1 on this machine: `npm token list/create/revoke`)
 * and `npm-profile` 12.0.2 with npm-registry-fetch 19.1.1 (the same copies npm ships) run against
 * the npm simulator. Nobody here wrote them: if the simulator drifts from what npm's own client
 * sends and reads (the create body, paging by `urls.next`, the OTP challenge, the browser
 * confirmation's doneUrl, revoke by key), this fails.
 *
 * The CLI gets a userconfig of its own in a temp folder (the token for the simulator's host,
 * mode 0600) and HOME there too: the machine's ~/.npmrc is never read or written.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../simulators/base';
import { seedNpm, startNpm, type NpmSeed, type NpmSimulator } from '../../../simulators/npm';
import { checkNpmCreate, createBody } from '../../../../src-main/core/providers/npm/requests';
import { PageSchema, TokenSchema, toRemote } from '../../../../src-main/core/providers/npm/wire';

const require = createRequire(import.meta.url);
interface ProfileOpts {
  registry: string;
  forceAuth?: { token: string };
  otp?: string;
  [key: string]: unknown;
}
const profile = require('npm-profile') as {
  listTokens(opts: ProfileOpts): Promise<{ key: string; name?: string }[]>;
  createToken(password: string, readonly: boolean, cidrs: string[], opts: ProfileOpts): Promise<unknown>;
  removeToken(key: string, opts: ProfileOpts): Promise<unknown>;
  get(opts: ProfileOpts): Promise<{ name: string; tfa: unknown }>;
  webAuthCheckLogin(doneUrl: string, opts: ProfileOpts): Promise<{ token: string }>;
};
const fetchJson = (require('npm-registry-fetch') as { json: (url: string, opts: object) => Promise<unknown> })
  .json;

let sim: NpmSimulator;
let seed: NpmSeed;
let dir: string;

beforeEach(async () => {
  sim = await startNpm();
  seed = seedNpm(sim);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-npm-cli-'));
  const host = sim.url.replace(/^http:/, '');
  fs.writeFileSync(path.join(dir, 'npmrc'), `${host}/:_authToken=${seed.session}\n`, { mode: 0o600 });
});
afterEach(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the npm CLI against the simulator, with the temp userconfig only. */
function npm(...args: string[]): Promise<Run> {
  const config = [
    `--registry=${sim.url}/`,
    `--userconfig=${path.join(dir, 'npmrc')}`,
    `--globalconfig=${path.join(dir, 'globalrc')}`,
    `--cache=${path.join(dir, 'cache')}`,
    '--no-update-notifier',
    '--loglevel=warn',
  ];
  return new Promise((resolve) => {
    execFile(
      'npm',
      [...args, ...config],
      { encoding: 'utf8', timeout: 60_000, env: { PATH: process.env.PATH ?? '', HOME: dir } },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });
}

const opts = (extra: Partial<ProfileOpts> = {}): ProfileOpts => ({
  registry: `${sim.url}/`,
  forceAuth: { token: seed.session },
  ...extra,
});

describe('npm CLI 11 against the simulator', () => {
  it('npm token list --json reads every page the simulator gives (10 a page by default)', async () => {
    for (let i = 0; i < 23; i++) sim.addToken(seed.username, { name: `Bulk ${i}`, packagesAll: true });
    const run = await npm('token', 'list', '--json');
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { name: string; key: string; id: string; token: string }[];
    expect(listed.map((t) => t.name).sort()).toEqual(
      sim
        .live()
        .map((t) => t.spec.name)
        .sort(),
    );
    expect(listed.length).toBe(27);
    // Three pages and one more: the CLI followed urls.next until it was null.
    expect(sim.count('GET /-/npm/v1/tokens')).toBe(3);
    expect(listed[0]?.token).toMatch(/^npm_.{4}\.\.\..{4}$/);
    expect(listed.every((t) => t.key.startsWith(t.id))).toBe(true);
  }, 60_000);

  it('npm token create with --password and --otp makes the granular token the simulator checked', async () => {
    const run = await npm(
      'token',
      'create',
      '--name',
      'CLI publish',
      '--token-description',
      'From the contract test',
      '--password',
      seed.password,
      '--otp',
      sim.otp(seed.username),
      '--scopes',
      '@acme',
      '--packages-and-scopes-permission',
      'read-write',
      '--expires',
      '30',
      '--cidr',
      '203.0.113.0/24',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const made = sim.live().find((t) => t.spec.name === 'CLI publish');
    expect(made?.spec).toMatchObject({
      description: 'From the contract test',
      scopes: ['@acme'],
      permission: 'read-write',
      days: 30,
      cidr: ['203.0.113.0/24'],
    });
    expect((made?.expires ?? 0) - (made?.created ?? 0)).toBe(30 * DAY);
  }, 60_000);

  it('several --packages, --orgs and --orgs-permission: the adapter sends the same body and lists them back', async () => {
    const run = await npm(
      'token',
      'create',
      '--name',
      'CLI orgs',
      '--token-description',
      'Two packages and an org',
      '--password',
      seed.password,
      '--otp',
      sim.otp(seed.username),
      '--packages',
      '@acme/widgets',
      '--packages',
      '@acme/gears',
      '--orgs',
      'acme',
      '--orgs-permission',
      'read-only',
      '--packages-and-scopes-permission',
      'read-write',
      '--expires',
      '7',
      '--json',
    );
    expect(run.code, run.stderr).toBe(0);
    const byCli = sim.live().find((t) => t.spec.name === 'CLI orgs')?.spec;
    // The adapter's own body for the same form, sent by npm's fetch client: the simulator reads
    // it as the same token the CLI made.
    const now = Date.now();
    const request = checkNpmCreate(
      {
        connectionId: 'c1',
        accountId: null,
        name: 'Adapter orgs',
        permissionGroup: 'Read and write',
        resource: { kind: 'package', names: ['@acme/widgets', '@acme/gears'] },
        secondPlaces: { names: ['acme'], level: 'read-only' },
        description: 'Two packages and an org',
        expiresAt: now + 7 * DAY,
        confirmation: { password: seed.password },
      },
      [],
      now,
    );
    await fetchJson('/-/npm/v1/tokens', {
      ...opts({ otp: sim.otp(seed.username) }),
      method: 'POST',
      body: createBody(request, now),
    });
    const byAdapter = sim.live().find((t) => t.spec.name === 'Adapter orgs')?.spec;
    expect(byAdapter).toEqual({ ...byCli, name: 'Adapter orgs' });
    const page = PageSchema.parse(await fetchJson('/-/npm/v1/tokens?perPage=100', opts()));
    const listed = page.objects
      .map((o) => toRemote(TokenSchema.parse(o), seed.username))
      .find((r) => r.name === 'CLI orgs');
    expect(listed?.scope.resources).toEqual([
      { type: 'package', id: '@acme/widgets', name: '@acme/widgets', access: 'read-write' },
      { type: 'package', id: '@acme/gears', name: '@acme/gears', access: 'read-write' },
      { type: 'org', id: 'acme', name: 'acme', access: 'read-only' },
    ]);
    expect(listed?.scope.description).toBe('Two packages and an org');
    expect(listed?.scopeSummary).toContain('orgs acme (read-only)');
  }, 60_000);

  it('without --otp the CLI meets the challenge (EOTP) and nothing is created', async () => {
    const before = sim.live().length;
    const run = await npm(
      'token',
      'create',
      '--name',
      'No code',
      '--password',
      seed.password,
      '--packages-all',
      '--packages-and-scopes-permission',
      'read-only',
    );
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('EOTP');
    expect(sim.live().length).toBe(before);
  }, 60_000);

  it('a wrong password is refused (401) and a write token over 90 days is refused (400)', async () => {
    const wrong = await npm(
      'token',
      'create',
      '--name',
      'Wrong',
      '--password',
      'not it',
      '--otp',
      sim.otp(seed.username),
      '--packages-all',
      '--packages-and-scopes-permission',
      'read-only',
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/E401|Invalid password/);
    const long = await npm(
      'token',
      'create',
      '--name',
      'Long',
      '--password',
      seed.password,
      '--otp',
      sim.otp(seed.username),
      '--packages-all',
      '--packages-and-scopes-permission',
      'read-write',
      '--expires',
      '120',
    );
    expect(long.code).not.toBe(0);
    expect(long.stderr).toContain('Write tokens can be valid for at most 90 days');
    expect(sim.live().some((t) => ['Wrong', 'Long'].includes(t.spec.name))).toBe(false);
  }, 60_000);

  it('npm token revoke <id> deletes by key', async () => {
    const target = sim.live().find((t) => t.spec.name === 'Old laptop');
    const run = await npm('token', 'revoke', target?.key.slice(0, 8) ?? '');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Removed 1 token');
    expect(sim.live().some((t) => t.spec.name === 'Old laptop')).toBe(false);
    expect(sim.requests.some((r) => r.path === `/-/npm/v1/tokens/token/${target?.key ?? ''}`)).toBe(true);
  }, 60_000);
});

describe('npm-profile 12 against the simulator', () => {
  it('listTokens follows urls.next; get reads the profile; removeToken deletes by key', async () => {
    for (let i = 0; i < 15; i++) sim.addToken(seed.username, { name: `Bulk ${i}`, packagesAll: true });
    const listed = await profile.listTokens(opts());
    expect(listed.length).toBe(19);
    expect((await profile.get(opts())).name).toBe(seed.username);
    const key = listed.find((t) => t.name === 'Release bot')?.key ?? '';
    await profile.removeToken(key, opts());
    expect(sim.live().some((t) => t.key === key)).toBe(false);
  });

  it('createToken still builds the classic body, which the registry refuses since 2025-11-05', async () => {
    await expect(
      profile.createToken(seed.password, true, [], opts({ otp: sim.otp(seed.username) })),
    ).rejects.toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('Classic tokens can no longer be created') as unknown,
    });
  });

  it('the browser confirmation: EOTP with authUrl/doneUrl, webAuthCheckLogin polls doneUrl, its token is the OTP', async () => {
    sim.users.get(seed.username)!.web = true;
    const body = {
      name: 'Web confirmed',
      password: seed.password,
      packages_all: true,
      packages_and_scopes_permission: 'read-only',
      expires: 30,
    };
    const challenge = (await fetchJson('/-/npm/v1/tokens', { ...opts(), method: 'POST', body }).catch(
      (e: unknown) => e,
    )) as {
      code: string;
      body: { authUrl: string; doneUrl: string };
    };
    expect(challenge.code).toBe('EOTP');
    // The user confirms in the browser; npm-profile then finds the done URL answered.
    expect((await fetch(challenge.body.authUrl)).status).toBe(200);
    const { token } = await profile.webAuthCheckLogin(challenge.body.doneUrl, opts());
    await fetchJson('/-/npm/v1/tokens', { ...opts({ otp: token }), method: 'POST', body });
    expect(sim.live().some((t) => t.spec.name === 'Web confirmed')).toBe(true);
  });
});
