/**
 * Canary scan: create, reset and rotate tokens whose secrets are known canaries (plus the
 * sign-in password, the smoxy JWT and the Mirox session cookie), go through success and failure
 * paths, then read the database file, its -wal and -shm, and every log file byte by byte: none of
 * the secrets may appear, raw, base64 (any alignment) or hex.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/core/log/logger';
import type { RotationStart, TokenPage } from '../../../src-preload/contract';
import { makeCore } from '../helpers';
import {
  connectMailtrap,
  connectMirox,
  connectSmoxy,
  FAST_HTTP,
  type ProviderTest,
  withMailtrap,
  withMirox,
  withSmoxy,
} from '../providers/harness';

/** Every byte form a secret could take in a file. */
export function encodings(secret: string): string[] {
  const raw = Buffer.from(secret, 'utf8');
  const forms = new Set<string>([
    secret,
    raw.toString('hex'),
    raw.toString('hex').toUpperCase(),
    Buffer.from(secret, 'utf16le').toString('latin1'),
  ]);
  for (let offset = 0; offset < 3; offset++) {
    const shifted = Buffer.concat([Buffer.alloc(offset, 0x20), raw]);
    for (const kind of ['base64', 'base64url'] as const) {
      const encoded = shifted.toString(kind).replace(/=+$/, '');
      // Drop the characters that mix in the padding before it and the partial group after it.
      const start = Math.ceil((offset * 4) / 3);
      forms.add(encoded.slice(start, encoded.length - 2));
    }
  }
  return [...forms].filter((f) => f.length >= 12);
}

function filesToScan(dataDir: string): string[] {
  const files = ['tokenkeeper.db', 'tokenkeeper.db-wal', 'tokenkeeper.db-shm']
    .map((f) => path.join(dataDir, f))
    .filter((f) => fs.existsSync(f));
  const logs = path.join(dataDir, 'logs');
  if (fs.existsSync(logs)) for (const f of fs.readdirSync(logs)) files.push(path.join(logs, f));
  return files;
}

function findLeaks(dataDir: string, secrets: Record<string, string>): string[] {
  const leaks: string[] = [];
  for (const file of filesToScan(dataDir)) {
    const bytes = fs.readFileSync(file).toString('latin1');
    for (const [label, secret] of Object.entries(secrets)) {
      for (const form of encodings(secret))
        if (bytes.includes(form)) leaks.push(`${label} in ${path.basename(file)}`);
    }
  }
  return leaks;
}

let t: ProviderTest | null = null;
afterEach(async () => {
  await t?.shutdown();
  t = null;
});

describe('canary scan', () => {
  it('finds no secret in the database, its WAL and SHM, or the logs', async () => {
    const base = makeCore({
      configure: (deps) => ({
        ...deps,
        http: FAST_HTTP,
        proxyEnv: {},
        log: createFileLogger({ dir: path.join(deps.dataDir, 'logs'), level: 'debug' }),
      }),
    });
    const sims: { close(): Promise<void> }[] = [];
    t = {
      ...base,
      sims,
      idle: () => base.core.services.sync.whenIdle(),
      snapshot: () => [],
      connectionRow: () => null,
      async shutdown() {
        await base.core.services.sync.whenIdle();
        await base.close();
        await Promise.all(sims.map((s) => s.close()));
      },
    };
    const tc = t;
    const canary = (name: string) => `CANARY${name}Zq8${'x7Y2'.repeat(6)}${name.length}`;
    const secrets = {
      mailtrapCredential: '',
      smoxyPassword: '',
      smoxyApiToken: '',
      miroxPassword: '',
      smoxyJwt: '',
      miroxCookie: '',
      mailtrapCreate: canary('MailtrapCreate'),
      mailtrapReset: canary('MailtrapReset'),
      mailtrapSelfReset: canary('MailtrapSelf'),
      mailtrapLost: canary('MailtrapLost'),
      smoxyCreate: canary('SmoxyCreate'),
      smoxyRotate: canary('SmoxyRotate'),
      miroxCreate: canary('MiroxCreate'),
      miroxRotate: canary('MiroxRotate'),
    };

    const mailtrap = await withMailtrap(tc);
    const smoxy = await withSmoxy(tc);
    const mirox = await withMirox(tc);
    secrets.mailtrapCredential = mailtrap.seed.credential;
    secrets.smoxyPassword = smoxy.seed.password;
    secrets.smoxyApiToken = smoxy.seed.apiToken;
    secrets.miroxPassword = mirox.seed.password;

    const mt = await connectMailtrap(tc, mailtrap.sim, mailtrap.seed);
    const sx = await connectSmoxy(tc, smoxy.sim, smoxy.seed);
    const mx = await connectMirox(tc, mirox.sim);
    secrets.smoxyJwt = [...smoxy.sim.jwts.keys()][0] ?? 'missing-jwt';
    // The session cookie's value (the header also carries the anti-forgery cookie after it).
    secrets.miroxCookie =
      (tc.fakes.sessions.sessions.get(mx.id)?.headers.Cookie ?? 'missing=cookie')
        .split(';')[0]
        ?.split('=')[1] ?? '';

    const reveal = async (secretId: string | null) => {
      const result = await tc.core.call('revealSecret', { secretId });
      return result.ok ? (result.value as { value: string }).value : null;
    };
    const rows = async () =>
      ((await tc.core.call('listTokens', { offset: 0, limit: 500 })) as { ok: true; value: TokenPage }).value
        .rows;
    const byName = async (name: string) => (await rows()).find((r) => r.name === name)?.id;

    // Mailtrap: create, reset, self-reset (the credential swap writes only to the keychain), and a lost answer.
    mailtrap.sim.queueSecrets(secrets.mailtrapCreate, secrets.mailtrapReset, secrets.mailtrapSelfReset);
    const created = (await tc.core.call('createToken', {
      connectionId: mt.id,
      accountId: '3229',
      name: 'Canary create',
    })) as { ok: true; value: { secretId: string } };
    expect(await reveal(created.value.secretId)).toBe(secrets.mailtrapCreate);
    const reset = (await tc.core.call('startRotation', { tokenId: await byName('Production SMTP') })) as {
      ok: true;
      value: RotationStart;
    };
    expect(await reveal(reset.value.secretId)).toBe(secrets.mailtrapReset);
    const own = (await rows()).find((r) => r.isConnectionCredential)?.id;
    const self = (await tc.core.call('startRotation', { tokenId: own })) as {
      ok: true;
      value: RotationStart;
    };
    expect(self.value.credentialSwapped).toBe(true);
    await tc.core.call('copySecret', { secretId: self.value.secretId });
    mailtrap.sim.queueSecrets(secrets.mailtrapLost);
    mailtrap.sim.inject({
      route: 'POST /api/accounts/:accountId/api_tokens',
      fault: { kind: 'malformed', afterHandling: true },
    });
    expect(
      (await tc.core.call('createToken', { connectionId: mt.id, accountId: '3229', name: 'Canary lost' })).ok,
    ).toBe(false);

    // smoxy: create, and a create-then-delete rotation.
    smoxy.sim.queueSecrets(secrets.smoxyCreate, secrets.smoxyRotate);
    const sxCreated = (await tc.core.call('createToken', {
      connectionId: sx.id,
      accountId: null,
      name: 'Canary smoxy',
    })) as { ok: true; value: { secretId: string } };
    expect(await reveal(sxCreated.value.secretId)).toBe(secrets.smoxyCreate);
    const sxRotation = (await tc.core.call('startRotation', { tokenId: await byName('Monitoring') })) as {
      ok: true;
      value: RotationStart;
    };
    expect(await reveal(sxRotation.value.secretId)).toBe(secrets.smoxyRotate);
    await tc.core.call('finishRotation', { operationId: sxRotation.value.operationId });

    // Mirox: create and rotate in place.
    mirox.sim.queueSecrets(secrets.miroxCreate, secrets.miroxRotate);
    const mxCreated = (await tc.core.call('createToken', {
      connectionId: mx.id,
      accountId: null,
      name: 'Canary mirox',
      permissionGroup: 'Full Access',
    })) as { ok: true; value: { secretId: string } };
    expect(await reveal(mxCreated.value.secretId)).toBe(secrets.miroxCreate);
    const mxRotation = (await tc.core.call('startRotation', { tokenId: await byName('Canary mirox') })) as {
      ok: true;
      value: RotationStart;
    };
    expect(await reveal(mxRotation.value.secretId)).toBe(secrets.miroxRotate);

    // A failing sync and a sync after everything, for the error and debug log lines.
    mirox.sim.inject({
      route: 'GET /api/v1/profile/api-tokens',
      times: 3,
      fault: { kind: 'status', status: 500, body: { message: `leak ${secrets.miroxRotate}` } },
    });
    await tc.core.call('syncNow', {});
    await tc.idle();
    await tc.core.call('syncNow', {});
    await tc.idle();

    // The scan must be able to find a planted secret (so an empty result means something).
    fs.appendFileSync(
      path.join(tc.dataDir, 'logs', 'planted.log'),
      Buffer.from(`prefix ${secrets.mailtrapCreate} suffix`).toString('base64'),
    );
    expect(findLeaks(tc.dataDir, { planted: secrets.mailtrapCreate })).toEqual(['planted in planted.log']);
    fs.rmSync(path.join(tc.dataDir, 'logs', 'planted.log'));

    expect(fs.existsSync(path.join(tc.dataDir, 'tokenkeeper.db-wal'))).toBe(true);
    const log = fs.readFileSync(path.join(tc.dataDir, 'logs', 'tokenkeeper.log'), 'utf8');
    expect(log).toContain('"endpoint":"tokens.create"');
    expect(log).toContain('"endpoint":"tokens.reset"');
    expect(findLeaks(tc.dataDir, secrets)).toEqual([]);
    await tc.shutdown();
    t = null;
    expect(findLeaks(tc.dataDir, secrets)).toEqual([]);
  });
});
