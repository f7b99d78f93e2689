/**
 * Secret-canary scan at the core: every flow that touches a secret runs with canary values (the
 * simulators hand them out; the "user" types them), then every file the app wrote is searched for
 * each canary in every encoding (test/security/canary.ts): the data folder (SQLite database, -wal,
 * -shm, size-rotated logs, exports), the credential store's file (the shell's
 * SafeStorageCredentialStore over a real JSON file, with a safeStorage that really encrypts), and
 * every temporary file the run created. Every IPC answer except `revealSecret` and every event the
 * renderer would receive are searched too. Flows: connect (credential), re-enter a credential,
 * sync, create, rotate (Mailtrap reset and self-reset, smoxy create-then-delete, Mirox in place),
 * revoke, sign-ins (smoxy password and JWT, sign out and in again; Mirox session cookie and its
 * anti-forgery token, echoed as a header on every change), a delivery connection's token and a
 * GitHub Actions delivery through it (added, used, removed), provider
 * errors that quote a secret back, and exports (CSV, JSON, calendar).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileLogger } from '../../../src-main/core/log/logger';
import { SafeStorageCredentialStore } from '../../../src-main/shell/credential-store';
import type { Connection, NewSecret, RotationStart, TokenPage } from '../../../src-preload/contract';
import {
  describeScan,
  makeCanary,
  scanGaps,
  scanPaths,
  scanText,
  type ScanReport,
} from '../../security/canary';
import { EncryptingSafeStorage } from '../../security/fake-safe-storage';
import { JsonFileStore } from '../../security/file-key-value';
import { githubActionsKind } from '../../../src-main/core/services/delivery/kinds/github-actions';
import { startGitHubActions } from '../../simulators/github-actions';
import { seedMailtrap, startMailtrap } from '../../simulators/mailtrap';
import { seedMirox, startMirox } from '../../simulators/mirox';
import { seedSmoxy, startSmoxy } from '../../simulators/smoxy';
import { makeCore, type TestCore } from '../helpers';
import { FAST_HTTP } from '../providers/harness';

const C = {
  mailtrapCredential: makeCanary('MailtrapCredential'),
  mailtrapCredentialReentered: makeCanary('MailtrapReentered'),
  mailtrapCreate: makeCanary('MailtrapCreate'),
  mailtrapReset: makeCanary('MailtrapReset'),
  mailtrapSelfReset: makeCanary('MailtrapSelfReset'),
  smoxyPassword: makeCanary('SmoxyPassword', { extra: ' with spaces/+&=?' }),
  smoxyApiToken: makeCanary('SmoxyApiToken'),
  smoxyJwtSignature: makeCanary('SmoxyJwtSig'),
  smoxyJwtSignature2: makeCanary('SmoxyJwtSigAgain'),
  smoxyCreate: makeCanary('SmoxyCreate'),
  smoxyRotate: makeCanary('SmoxyRotate'),
  miroxPassword: makeCanary('MiroxPassword', { extra: '#%' }),
  miroxCookie: makeCanary('MiroxCookie'),
  miroxXsrf: makeCanary('MiroxXsrf'),
  miroxCreate: makeCanary('MiroxCreate'),
  miroxRotate: makeCanary('MiroxRotate'),
  deliveryToken: makeCanary('DeliveryToken'),
  delivered: makeCanary('Delivered'),
};
/** Filled in once the smoxy simulator has issued them (the whole JWTs). */
const canaries: Record<string, string> = { ...C };

let root: string;
let dataDir: string;
let tmpDir: string;
let storeFile: string;
let previousTmp: string | undefined;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-canary-'));
  dataDir = path.join(root, 'userData');
  tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  // Electron's userData holds both the database folder and electron-store's file.
  storeFile = path.join(dataDir, 'tokenkeeper.json');
  // Every temporary file the run creates lands here, to be scanned too.
  previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmpDir;
});

afterAll(() => {
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('secret canaries (core)', () => {
  it('appear in no file the app wrote, no IPC answer but the one reveal, and no event', async () => {
    expect(os.tmpdir()).toBe(tmpDir);
    const safeStorage = new EncryptingSafeStorage();
    const store = new SafeStorageCredentialStore(safeStorage, new JsonFileStore(storeFile), 'linux');
    const tc: TestCore = makeCore({
      dataDir,
      configure: (deps) => ({
        ...deps,
        credentials: store,
        http: FAST_HTTP,
        proxyEnv: {},
        // Small files so the run rotates its log several times: rotated files are scanned too.
        log: createFileLogger({
          dir: path.join(deps.dataDir, 'logs'),
          level: 'debug',
          maxBytes: 4 * 1024,
          maxFiles: 5,
        }),
      }),
    });
    const now = () => tc.clock.now();
    const mailtrap = await startMailtrap({ now });
    const smoxy = await startSmoxy({ now });
    const mirox = await startMirox({ now });
    const outputs: string[] = [];
    let running: ScanReport | null = null;
    const call = async <T>(channel: string, payload: unknown): Promise<T> => {
      const result = await tc.core.call(channel, payload);
      if (channel !== 'revealSecret') outputs.push(`${channel}: ${JSON.stringify(result)}`);
      if (!result.ok)
        throw Object.assign(new Error(`${channel}: ${result.error.code}: ${result.error.message}`), {
          apiError: result.error,
        });
      return result.value as T;
    };
    const refused = async (channel: string, payload: unknown): Promise<{ code: string; message: string }> => {
      const result = await tc.core.call(channel, payload);
      outputs.push(`${channel}: ${JSON.stringify(result)}`);
      if (result.ok) throw new Error(`${channel} was expected to fail`);
      return result.error;
    };
    const idle = () => tc.core.services.sync.whenIdle();
    const rows = async () =>
      (await call<TokenPage>('listTokens', { offset: 0, limit: 500, includeInactive: true })).rows;
    const idOf = async (name: string) => {
      const id = (await rows()).find(
        (r) => r.name === name && (r.state === 'active' || r.state === 'grace'),
      )?.id;
      if (id === undefined) throw new Error(`no token named ${name}`);
      return id;
    };
    /** The copy-once dialog: reveal once (the one answer allowed to carry it), copy, close. */
    const showOnce = async (secretId: string | null, expected: string) => {
      const revealed = await call<{ value: string }>('revealSecret', { secretId });
      expect(revealed.value).toBe(expected);
      await call('copySecret', { secretId });
      await call('discardSecret', { secretId });
    };

    try {
      // Connect Mailtrap with a canary API token (the seed's admin token is minted first).
      mailtrap.queueSecrets(C.mailtrapCredential);
      const mtSeed = seedMailtrap(mailtrap);
      expect(mtSeed.credential).toBe(C.mailtrapCredential);
      const mtDraft = await call<{ draftId: string }>('beginConnection', {
        provider: 'mailtrap',
        mode: 'api',
        label: 'Mailtrap',
        baseUrl: mailtrap.url,
        fields: { apiToken: C.mailtrapCredential },
      });
      const mt = await call<Connection>('completeConnection', {
        draftId: mtDraft.draftId,
        label: 'Mailtrap',
        accountIds: [String(mtSeed.accounts.acme), String(mtSeed.accounts.side)],
      });
      await idle();
      await call('testConnection', { connectionId: mt.id });

      // smoxy: e-mail and a canary password for a canary JWT, plus a canary API token.
      smoxy.queueSecrets(C.smoxyApiToken);
      const sxSeed = seedSmoxy(smoxy);
      expect(sxSeed.apiToken).toBe(C.smoxyApiToken);
      const user = smoxy.users[0];
      if (user === undefined) throw new Error('no smoxy user');
      user.password = C.smoxyPassword;
      smoxy.queueSecrets(C.smoxyJwtSignature);
      const sxDraft = await call<{ draftId: string }>('beginConnection', {
        provider: 'smoxy',
        mode: 'api',
        label: 'smoxy',
        baseUrl: smoxy.url,
        fields: { email: sxSeed.email, password: C.smoxyPassword, apiToken: C.smoxyApiToken },
      });
      const sx = await call<Connection>('completeConnection', {
        draftId: sxDraft.draftId,
        label: 'smoxy',
        accountIds: [],
      });
      await idle();
      // Sign out and in again: a second JWT.
      await call('signOut', { connectionId: sx.id });
      smoxy.queueSecrets(C.smoxyJwtSignature2);
      await call('signIn', { connectionId: sx.id, email: sxSeed.email, password: C.smoxyPassword });
      const jwts = [...smoxy.jwts.keys()];
      expect(jwts).toHaveLength(2);
      jwts.forEach((jwt, i) => (canaries[`smoxyJwt${i + 1}`] = jwt));
      expect(jwts.every((jwt, i) => jwt.endsWith(i === 0 ? C.smoxyJwtSignature : C.smoxyJwtSignature2))).toBe(
        true,
      );

      // Mirox: the web sign-in (the shell's window) yields a canary session cookie.
      const mxSeed = seedMirox(mirox);
      const mxUser = mirox.users[0];
      if (mxUser === undefined) throw new Error('no Mirox user');
      mxUser.password = C.miroxPassword;
      tc.fakes.sessions.login = async () => {
        mirox.queueSecrets(C.miroxCookie, C.miroxXsrf);
        return { headers: { Cookie: await mirox.login(mxSeed.email, C.miroxPassword) } };
      };
      const mxDraft = await call<{ draftId: string }>('beginConnection', {
        provider: 'mirox',
        mode: 'api',
        label: 'Mirox',
        baseUrl: mirox.url,
        fields: {},
      });
      const mx = await call<Connection>('completeConnection', {
        draftId: mxDraft.draftId,
        label: 'Mirox',
        accountIds: [],
      });
      await idle();
      expect(tc.fakes.sessions.sessions.get(mx.id)?.headers.Cookie).toBe(
        `mirox_session=${C.miroxCookie}; XSRF-TOKEN=${C.miroxXsrf}`,
      );

      // Create, with each provider.
      mailtrap.queueSecrets(C.mailtrapCreate);
      await showOnce(
        (
          await call<NewSecret>('createToken', {
            connectionId: mt.id,
            accountId: String(mtSeed.accounts.acme),
            name: 'Canary create',
          })
        ).secretId,
        C.mailtrapCreate,
      );
      smoxy.queueSecrets(C.smoxyCreate);
      await showOnce(
        (await call<NewSecret>('createToken', { connectionId: sx.id, accountId: null, name: 'Canary smoxy' }))
          .secretId,
        C.smoxyCreate,
      );
      mirox.queueSecrets(C.miroxCreate);
      await showOnce(
        (
          await call<NewSecret>('createToken', {
            connectionId: mx.id,
            accountId: null,
            name: 'Canary mirox',
            permissionGroup: 'Full Access',
          })
        ).secretId,
        C.miroxCreate,
      );

      // Rotate: a Mailtrap reset, the reset of the connection's own token (the new secret goes to the keychain), smoxy, Mirox.
      mailtrap.queueSecrets(C.mailtrapReset);
      await showOnce(
        (await call<RotationStart>('startRotation', { tokenId: await idOf('Production SMTP') })).secretId,
        C.mailtrapReset,
      );
      const own = (await rows()).find((r) => r.isConnectionCredential && r.connectionId === mt.id);
      mailtrap.queueSecrets(C.mailtrapSelfReset);
      const self = await call<RotationStart>('startRotation', { tokenId: own?.id });
      expect(self.credentialSwapped).toBe(true);
      await showOnce(self.secretId, C.mailtrapSelfReset);
      smoxy.queueSecrets(C.smoxyRotate);
      const sxRotation = await call<RotationStart>('startRotation', { tokenId: await idOf('Monitoring') });
      await showOnce(sxRotation.secretId, C.smoxyRotate);
      await call('finishRotation', { operationId: sxRotation.operationId });
      mirox.queueSecrets(C.miroxRotate);
      await showOnce(
        (await call<RotationStart>('startRotation', { tokenId: await idOf('Canary mirox') })).secretId,
        C.miroxRotate,
      );

      // Revoke, at Mailtrap and Mirox.
      await call('revokeToken', { tokenId: await idOf('CI deploy') });
      await call('revokeToken', { tokenId: await idOf('Legacy dashboard') });

      // Providers that quote a secret back in their error bodies; a sync that fails.
      mailtrap.inject({
        route: 'POST /api/accounts/:accountId/api_tokens',
        fault: {
          kind: 'status',
          status: 422,
          body: { errors: [`Token ${C.mailtrapSelfReset} may not create tokens`] },
        },
      });
      expect(
        (
          await refused('createToken', {
            connectionId: mt.id,
            accountId: String(mtSeed.accounts.acme),
            name: 'Echo',
          })
        ).code,
      ).toBe('validation');
      smoxy.inject({
        route: 'POST /api/api-tokens',
        fault: {
          kind: 'status',
          status: 403,
          body: {
            'hydra:description': `JWT ${canaries.smoxyJwt2 ?? ''} lacks the role`,
            password: C.smoxyPassword,
          },
        },
      });
      expect(
        (await refused('createToken', { connectionId: sx.id, accountId: null, name: 'Echo' })).code,
      ).toBe('forbidden');
      mirox.inject({
        route: 'POST /api/v1/profile/api-tokens',
        fault: {
          kind: 'status',
          status: 409,
          body: { message: `Session mirox_session=${C.miroxCookie} is busy`, error: C.miroxCookie },
        },
      });
      expect(
        (
          await refused('createToken', {
            connectionId: mx.id,
            accountId: null,
            name: 'Echo',
            permissionGroup: 'Reporting',
          })
        ).code,
      ).toBe('conflict');
      mirox.inject({
        route: 'POST /api/v1/profile/api-tokens/:id/rotate',
        fault: {
          kind: 'status',
          status: 422,
          body: { error: C.miroxCookie, message: `token ${C.miroxXsrf}` },
        },
      });
      expect((await refused('startRotation', { tokenId: await idOf('Report exporter') })).code).toBe(
        'validation',
      );
      mirox.inject({
        route: 'GET /api/v1/profile/api-tokens',
        times: 3,
        fault: { kind: 'status', status: 500, body: { message: `cookie ${C.miroxCookie}` } },
      });
      await call('syncNow', {});
      await idle();

      // Re-enter the Mailtrap credential (a second admin token), and sync everything.
      mailtrap.addToken({
        name: 'Tokenkeeper 2',
        account: mtSeed.accounts.acme,
        secret: C.mailtrapCredentialReentered,
        access: { [mtSeed.accounts.acme]: 1000, [mtSeed.accounts.side]: 100 },
      });
      await call('updateCredential', {
        connectionId: mt.id,
        fields: { apiToken: C.mailtrapCredentialReentered },
      });
      await call('syncNow', {});
      await idle();

      // A delivery connection (its token typed in), a delivery through it, then its removal.
      const github = await startGitHubActions({ now });
      try {
        github.addRepository('jane', 'app');
        github.addToken({ login: 'jane', secret: C.deliveryToken });
        const dc = await call<{ id: string }>('addDeliveryConnection', {
          kind: 'github',
          label: 'CI secrets',
          baseUrl: github.apiUrl,
          token: C.deliveryToken,
        });
        await call('listDeliveryConnections', undefined);
        const resolved = await tc.core.services.deliveryConnections.resolve(dc.id);
        const target = githubActionsKind.parse({
          connectionId: dc.id,
          scope: 'repository',
          owner: 'jane',
          repo: 'app',
          secretName: 'API_TOKEN',
        });
        const receipt = await githubActionsKind.deliver(target, C.delivered, {
          clock: tc.clock,
          ...resolved,
        });
        outputs.push(`delivery receipt: ${JSON.stringify(receipt)}`);
        expect(github.secretValue({ owner: 'jane', repo: 'app' }, 'API_TOKEN')).toBe(C.delivered);
        await call('removeDeliveryConnection', { deliveryConnectionId: dc.id });
      } finally {
        await github.close();
      }

      // Exports.
      expect((await call<{ count: number }>('exportMetadata', { format: 'csv' })).count).toBeGreaterThan(10);
      expect((await call<{ count: number }>('exportMetadata', { format: 'json' })).count).toBeGreaterThan(10);
      expect((await call<{ count: number }>('exportCalendar', undefined)).count).toBeGreaterThan(0);
      await call('getAppInfo', undefined);
      await call('listConnections', undefined);
      await call('listOperations', { onlyOpen: false });
      for (const row of await rows()) await call('getToken', { tokenId: row.id });
      await idle();
      // While running: the database's -wal and -shm exist (SQLite folds and removes them on close).
      running = scanPaths([dataDir, tmpDir], canaries);
    } finally {
      await idle();
      await tc.close();
      await Promise.all([mailtrap.close(), smoxy.close(), mirox.close()]);
    }

    // The credential store really holds the credentials, encrypted: what it decrypts is the canary.
    // Beside them, smoxy's session (the JWT of the last sign-in), kept until it expires.
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8')) as Record<string, string>;
    const keys = Object.keys(stored);
    expect(keys).toHaveLength(3);
    const credentialKeys = keys.filter((k) => k.startsWith('credentials.connection:'));
    const sessionKeys = keys.filter((k) => k.startsWith('credentials.session:'));
    expect([credentialKeys.length, sessionKeys.length]).toEqual([2, 1]);
    const decrypt = (k: string) => store.get(k.replace(/^credentials\./, ''));
    const decrypted = await Promise.all(credentialKeys.map(decrypt));
    expect(decrypted.sort()).toEqual([C.mailtrapCredentialReentered, C.smoxyApiToken].sort());
    const session = await decrypt(sessionKeys[0] ?? '');
    expect(session).toContain(canaries.smoxyJwt2 ?? 'the second JWT');
    expect(session).not.toContain(canaries.smoxyJwt1 ?? 'the first JWT');

    // What the scan covers: the database and its journal files, several log files, the exports, the store.
    const stopped = scanPaths([dataDir, tmpDir], canaries);
    if (running === null) throw new Error('the run did not finish');
    const during: ScanReport = running;
    expect(scanGaps(during, stopped, root)).toEqual([]);
    const total = {
      files: during.files + stopped.files,
      bytes: during.bytes + stopped.bytes,
      hits: [...during.hits, ...stopped.hits],
      scanned: [],
    };
    console.log(
      `${describeScan(total, Object.keys(canaries).length)} (data folder and temporary files while running and after shutdown, credential store file)`,
    );
    expect(total.hits).toEqual([]);

    const answers = outputs.join('\n');
    const events = tc.emitted.map((e) => JSON.stringify(e)).join('\n');
    console.log(
      `canary scan: ${outputs.length} IPC answers (${answers.length} characters) and ${tc.emitted.length} events searched`,
    );
    expect(scanText(answers, canaries, 'IPC answers')).toEqual([]);
    expect(scanText(events, canaries, 'events')).toEqual([]);
  });
});
