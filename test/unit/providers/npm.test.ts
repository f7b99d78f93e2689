/**
 * npm through the real handlers: the create confirmed by password and one-time code (missing,
 * wrong, expired, and the browser variant), the list's fields, replace-and-revoke, revoke by key;
 * the password and code never stored.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection, NewSecret, TokenRow } from '../../../src-preload/contract';
import { DAY } from '../../simulators/base';
import type { NpmSeed, NpmSimulator } from '../../simulators/npm';
import { connectNpm, withNpm } from './conformance/subjects/npm';
import { providerCore, type ProviderTest } from './harness';

let t: ProviderTest;
let sim: NpmSimulator;
let seed: NpmSeed;
let connection: Connection;

async function setUp(web = false) {
  ({ sim, seed } = await withNpm(t, { web }));
  connection = await connectNpm(t, sim, seed.session);
}

beforeEach(() => {
  t = providerCore({ allowLoopbackAddresses: true });
});
afterEach(() => t.shutdown());

const input = (extra: Record<string, unknown> = {}) => ({
  connectionId: connection.id,
  accountId: null,
  name: 'Deploy',
  permissionGroup: 'Read and write',
  resource: { kind: 'package', name: '@acme/widgets' },
  expiresAt: t.clock.now() + 30 * DAY,
  ...extra,
});

async function rows(): Promise<TokenRow[]> {
  const page = await t.core.call('listTokens', { offset: 0, limit: 1000 });
  if (!page.ok) throw new Error(page.error.message);
  return (page.value as { rows: TokenRow[] }).rows.filter((r) => r.state === 'active');
}

describe('npm', () => {
  it('lists the granular tokens with permission, packages, CIDR and last use; the login session is not listed', async () => {
    await setUp();
    const listed = await rows();
    expect(listed.map((r) => r.name).sort()).toEqual([
      'GitHub Actions publish',
      'Old laptop',
      'Release bot',
      'Renovate (read)',
    ]);
    const renovate = listed.find((r) => r.name === 'Renovate (read)');
    expect(renovate?.scopeSummary).toBe('Read-only · All packages · only from 203.0.113.0/24');
    expect(connection.identity).toBe(seed.username);
  });

  it('asks for the one-time code, refuses a wrong and an expired one, then creates with the current one', async () => {
    await setUp();
    const before = sim.live().length;
    const first = await t.core.call('createToken', input({ confirmation: { password: seed.password } }));
    expect(first).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'oneTimeCode' } });
    expect(first.ok ? '' : first.error.message).toContain('one-time code from your authenticator app');
    const wrong = await t.core.call(
      'createToken',
      input({ confirmation: { password: seed.password, oneTimeCode: '000001' } }),
    );
    expect(wrong.ok ? '' : wrong.error.message).toBe(
      'npm did not accept that one-time code. Check the code in your authenticator app and enter it again.',
    );
    const old = sim.otp(seed.username, t.clock.now() - 5 * 60_000);
    const expired = await t.core.call(
      'createToken',
      input({ confirmation: { password: seed.password, oneTimeCode: old } }),
    );
    expect(expired.ok ? '' : expired.error.message).toBe(
      'That one-time code has expired. Enter the code your authenticator app shows now.',
    );
    const badPassword = await t.core.call('createToken', input({ confirmation: { password: 'nope' } }));
    expect(badPassword).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'password' } });
    expect(sim.live().length).toBe(before);
    const made = await t.core.call(
      'createToken',
      input({ confirmation: { password: seed.password, oneTimeCode: sim.otp(seed.username) } }),
    );
    expect(made.ok).toBe(true);
    const token = sim.live().find((x) => x.spec.name === 'Deploy');
    expect(token?.spec).toMatchObject({ packages: ['@acme/widgets'], permission: 'read-write', days: 30 });
    // Nothing the app wrote holds the password or a code.
    const written =
      JSON.stringify(t.snapshot()) +
      JSON.stringify(t.core.context.db.prepare('SELECT * FROM operations').all());
    expect(written).not.toContain(seed.password);
    expect(t.logLines.join('\n')).not.toContain(seed.password);
  });

  it('creates with a description, two packages and an org of its own permission; the list shows them', async () => {
    await setUp();
    const made = await t.core.call(
      'createToken',
      input({
        name: 'Publish two',
        resource: { kind: 'package', names: ['@acme/widgets', ' @acme/gears ', '@acme/widgets'] },
        secondPlaces: { names: ['@Acme'], level: 'read-only' },
        description: 'CI publish for widgets and gears',
        confirmation: { password: seed.password, oneTimeCode: sim.otp(seed.username) },
      }),
    );
    expect(made.ok, made.ok ? '' : made.error.message).toBe(true);
    const token = sim.live().find((x) => x.spec.name === 'Publish two');
    expect(token?.spec).toMatchObject({
      description: 'CI publish for widgets and gears',
      packages: ['@acme/widgets', '@acme/gears'],
      orgs: ['acme'],
      permission: 'read-write',
      orgsPermission: 'read-only',
    });
    const row = (await rows()).find((r) => r.name === 'Publish two');
    expect(row?.scopeSummary).toBe(
      'Read and write · @acme/widgets and @acme/gears · orgs acme (read-only) · CI publish for widgets and gears',
    );
  });

  it('refuses a bad org name, an unknown org permission and a long description before any call', async () => {
    await setUp();
    sim.resetLog();
    const confirmation = { password: seed.password };
    const badOrg = await t.core.call(
      'createToken',
      input({ secondPlaces: { names: ['acme corp'], level: 'read-only' }, confirmation }),
    );
    expect(badOrg).toMatchObject({ ok: false, error: { field: 'secondPlaces' } });
    expect(badOrg.ok ? '' : badOrg.error.message).toBe(
      '“acme corp” is not an npm organization name, e.g. acme.',
    );
    const badLevel = await t.core.call(
      'createToken',
      input({ secondPlaces: { names: ['acme'], level: 'owner' }, confirmation }),
    );
    expect(badLevel).toMatchObject({ ok: false, error: { field: 'secondPlaces' } });
    const long = await t.core.call('createToken', input({ description: 'x'.repeat(501), confirmation }));
    expect(long).toMatchObject({ ok: false, error: { field: 'description' } });
    const noPackage = await t.core.call(
      'createToken',
      input({ resource: { kind: 'scope', names: [' '] }, confirmation }),
    );
    expect(noPackage).toMatchObject({ ok: false, error: { field: 'resource' } });
    expect(sim.count('POST /-/npm/v1/tokens')).toBe(0);
  });

  it('a replacement keeps the scopes, orgs, their permission, the IP ranges and the description', async () => {
    ({ sim, seed } = await withNpm(t, {}));
    sim.addToken(seed.username, {
      name: 'Org admin',
      description: 'Manages the acme teams',
      scopes: ['@acme', '@tools'],
      orgs: ['acme'],
      permission: 'read-only',
      orgsPermission: 'read-write',
      cidr: ['198.51.100.0/24'],
      days: 30,
    });
    connection = await connectNpm(t, sim, seed.session);
    const old = (await rows()).find((r) => r.name === 'Org admin');
    const start = await t.core.call('startRotation', {
      tokenId: old?.id ?? '',
      confirmation: { password: seed.password, oneTimeCode: sim.otp(seed.username) },
    });
    expect(start.ok, start.ok ? '' : start.error.message).toBe(true);
    const successor = sim.live().find((x) => x.spec.name === 'Org admin (new)');
    expect(successor?.spec).toMatchObject({
      description: 'Manages the acme teams',
      scopes: ['@acme', '@tools'],
      orgs: ['acme'],
      permission: 'read-only',
      orgsPermission: 'read-write',
      cidr: ['198.51.100.0/24'],
    });
  });

  it('refuses a write token over 90 days before any call', async () => {
    await setUp();
    sim.resetLog();
    const long = await t.core.call(
      'createToken',
      input({ expiresAt: t.clock.now() + 120 * DAY, confirmation: { password: seed.password } }),
    );
    expect(long).toMatchObject({ ok: false, error: { field: 'expiresAt' } });
    expect(sim.count('POST /-/npm/v1/tokens')).toBe(0);
  });

  it('the browser variant: opens authUrl, polls doneUrl and creates once confirmed', async () => {
    await setUp(true);
    const opened = t.fakes.system.opened;
    const approve = (async () => {
      while (opened.length === 0) await new Promise((r) => setTimeout(r, 20));
      await fetch(opened[0] ?? '');
    })();
    const made = await t.core.call('createToken', input({ confirmation: { password: seed.password } }));
    await approve;
    expect(made.ok).toBe(true);
    expect(opened[0]).toMatch(new RegExp(`^${sim.url}/-/web/auth/`));
    expect(sim.count('POST /-/npm/v1/tokens')).toBe(2);
    expect(sim.live().some((x) => x.spec.name === 'Deploy')).toBe(true);
  });

  it('replaces a token with the same packages and permission (password and code again), then revokes the old by key', async () => {
    await setUp();
    const old = (await rows()).find((r) => r.name === 'Release bot');
    const start = await t.core.call('startRotation', {
      tokenId: old?.id ?? '',
      confirmation: { password: seed.password, oneTimeCode: sim.otp(seed.username) },
    });
    expect(start.ok, start.ok ? '' : start.error.message).toBe(true);
    const successor = sim.live().find((x) => x.spec.name === 'Release bot (new)');
    expect(successor?.spec).toMatchObject({ packages: ['@acme/widgets'], permission: 'read-write' });
    const { operationId } = (start as { value: NewSecret & { operationId: string } }).value;
    const done = await t.core.call('finishRotation', { operationId });
    expect(done.ok).toBe(true);
    expect(sim.live().some((x) => x.spec.name === 'Release bot')).toBe(false);
  });
});
