/**
 * Secret-canary scan through the real UI. Canary secrets are typed into the forms (a Mailtrap API
 * token, a smoxy password and API token) or handed out by the simulators (created and rotated
 * secrets, the smoxy JWT, the Mirox session cookie). The flows: connect, sync, create, rotate,
 * revoke, sign out and in, a second web sign-in, and the exports, each driven by clicks. After
 * every dialog closes, the page's DOM (and the values of its inputs), the store snapshot,
 * localStorage and sessionStorage must hold no canary. At the end, every file the run wrote is
 * scanned in every encoding (test/security/canary.ts): the data folder (database, -wal, -shm,
 * rotated logs, exports), the credential store's file (the shell's SafeStorageCredentialStore over
 * a real JSON file, with a safeStorage that really encrypts) and the run's temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createFileLogger } from '../../src-main/core/log/logger';
import { SafeStorageCredentialStore } from '../../src-main/shell/credential-store';
import { startHost, type TestHost } from '../host/server';
import {
  describeScan,
  makeCanary,
  scanGaps,
  scanPaths,
  scanText,
  type CanaryHit,
  type ScanReport,
} from '../security/canary';
import { EncryptingSafeStorage } from '../security/fake-safe-storage';
import { JsonFileStore } from '../security/file-key-value';
import { seedMailtrap, startMailtrap } from '../simulators/mailtrap';
import { seedMirox, startMirox } from '../simulators/mirox';
import { seedSmoxy, startSmoxy } from '../simulators/smoxy';
import { expect, FAST_HTTP, rendererState, test } from './fixtures';

const C = {
  mailtrapCredential: makeCanary('UiMailtrapCredential'),
  mailtrapCreate: makeCanary('UiMailtrapCreate'),
  mailtrapReset: makeCanary('UiMailtrapReset'),
  smoxyPassword: makeCanary('UiSmoxyPassword', { extra: ' and/+&=?' }),
  smoxyApiToken: makeCanary('UiSmoxyApiToken'),
  smoxyJwtSignature: makeCanary('UiSmoxyJwt'),
  smoxyJwtSignature2: makeCanary('UiSmoxyJwtAgain'),
  smoxyCreate: makeCanary('UiSmoxyCreate'),
  smoxyRotate: makeCanary('UiSmoxyRotate'),
  miroxCookie: makeCanary('UiMiroxCookie'),
  miroxCreate: makeCanary('UiMiroxCreate'),
  miroxRotate: makeCanary('UiMiroxRotate'),
};

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const rows = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

const goTo = (page: Page, view: 'Tokens' | 'Connections' | 'Settings') =>
  page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: view === 'Tokens' ? /^All tokens/ : view, exact: true })
    .click();

test('no canary secret in any file the app wrote, nor in the page, its stores or its storage after each dialog', async ({
  page,
}) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-canary-'));
  const dataDir = path.join(root, 'userData');
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = tmpDir;
  const canaries: Record<string, string> = { ...C };
  const pageHits: CanaryHit[] = [];
  let pageChecks = 0;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));

  /** After a dialog closed: nothing the renderer keeps may hold a canary. */
  const checkPage = async (after: string) => {
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const state = await rendererState(page);
    pageChecks += 1;
    for (const [part, text] of Object.entries(state))
      pageHits.push(...scanText(text, canaries, `${part} after ${after}`));
  };
  /** The copy-once dialog: the canary is shown, copied through main, and the dialog closed. */
  const copyOnce = async (title: string | RegExp, expected: string) => {
    const dialog = page.getByRole('dialog', {
      name: typeof title === 'string' ? `Copy the secret for “${title}”` : title,
    });
    await expect(dialog.getByLabel('New secret')).toHaveValue(expected);
    await dialog.getByRole('button', { name: 'Copy secret' }).click();
    await expect(dialog.getByText(/Copied\./)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
  };
  const openToken = async (name: string) => {
    await goTo(page, 'Tokens');
    await rows(page, name).first().click();
    await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  };

  const safeStorage = new EncryptingSafeStorage();
  const storeFile = path.join(dataDir, 'tokenkeeper.json');
  let host: TestHost | null = null;
  const mailtrap = await startMailtrap();
  const smoxy = await startSmoxy();
  const mirox = await startMirox();
  let running: ScanReport | null = null;
  try {
    host = await startHost({
      dataDir,
      configure: (deps) => ({
        ...deps,
        http: FAST_HTTP,
        proxyEnv: {},
        credentials: new SafeStorageCredentialStore(safeStorage, new JsonFileStore(storeFile), 'linux'),
        log: createFileLogger({
          dir: path.join(deps.dataDir, 'logs'),
          level: 'debug',
          maxBytes: 2 * 1024,
          maxFiles: 10,
        }),
      }),
    });
    await page.goto(host.pageUrl);

    // Connect Mailtrap: the canary API token typed into the form.
    mailtrap.queueSecrets(C.mailtrapCredential);
    const mtSeed = seedMailtrap(mailtrap);
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page
      .getByRole('dialog', { name: 'Add connection' })
      .getByRole('button', { name: /Mailtrap/ })
      .click();
    const mtForm = page.getByRole('dialog', { name: 'Add Mailtrap' });
    await mtForm.getByLabel('Connection name').fill('Acme Mailtrap');
    await mtForm.getByRole('textbox', { name: 'API token' }).fill(C.mailtrapCredential);
    await mtForm.getByRole('button', { name: 'Use a different server address' }).click();
    await mtForm.getByLabel('Server address').fill(mailtrap.url);
    await mtForm.getByRole('button', { name: 'Check token' }).click();
    await page
      .getByRole('dialog', { name: 'Choose accounts' })
      .getByRole('button', { name: 'Add connection' })
      .click();
    await expect(rows(page, 'Production SMTP')).toBeVisible();
    await checkPage('connecting Mailtrap');
    expect(mtSeed.credential).toBe(C.mailtrapCredential);

    // Sync.
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();

    // Create at Mailtrap.
    mailtrap.queueSecrets(C.mailtrapCreate);
    await page.getByRole('button', { name: 'New token' }).first().click();
    const create = page.getByRole('dialog', { name: 'New token' });
    await create.getByLabel('Account').selectOption({ label: 'Acme Mail' });
    await create.getByLabel('Name').fill('Canary checkout');
    await create.getByRole('button', { name: 'Create token' }).click();
    await copyOnce('Canary checkout', C.mailtrapCreate);
    await expect(rows(page, 'Canary checkout')).toBeVisible();
    await checkPage('creating at Mailtrap');

    // Rotate (reset) at Mailtrap.
    mailtrap.queueSecrets(C.mailtrapReset);
    await openToken('Production SMTP');
    await page.getByRole('button', { name: 'Rotate' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate “Production SMTP”' })
      .getByRole('button', { name: 'Rotate now' })
      .click();
    await copyOnce('Production SMTP', C.mailtrapReset);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await checkPage('a Mailtrap reset');

    // Revoke at Mailtrap.
    await openToken('Staging webhook');
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await expect(page.getByTestId('toast').filter({ hasText: 'Revoked “Staging webhook”.' })).toBeVisible();
    await checkPage('revoking');

    // smoxy: sign in with the canary password (for a canary JWT) and a canary API token.
    smoxy.queueSecrets(C.smoxyApiToken);
    const sxSeed = seedSmoxy(smoxy);
    smoxy.users[0]!.password = C.smoxyPassword;
    smoxy.queueSecrets(C.smoxyJwtSignature);
    await goTo(page, 'Connections');
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /smoxy/ }).click();
    const sxForm = page.getByRole('dialog', { name: 'Add smoxy' });
    await sxForm.getByLabel('E-mail').fill(sxSeed.email);
    await sxForm.getByLabel('Password', { exact: true }).fill(C.smoxyPassword);
    await sxForm.getByRole('textbox', { name: 'API token (optional)' }).fill(C.smoxyApiToken);
    await sxForm.getByRole('button', { name: 'Use a different server address' }).click();
    await sxForm.getByLabel('Server address').fill(smoxy.url);
    await sxForm.getByRole('button', { name: 'Sign in and connect' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await goTo(page, 'Tokens');
    await expect(rows(page, 'CI/CD pipeline')).toBeVisible();
    await checkPage('signing in to smoxy');

    // Sign out and in again: a second JWT.
    await goTo(page, 'Connections');
    const card = page.getByRole('article', { name: 'smoxy' });
    await card.getByRole('button', { name: 'Sign out' }).click();
    await expect(card).toContainText('Signed out');
    smoxy.queueSecrets(C.smoxyJwtSignature2);
    await card.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('dialog', { name: 'Sign in to smoxy' }).getByLabel('Password').fill(C.smoxyPassword);
    await page
      .getByRole('dialog', { name: 'Sign in to smoxy' })
      .getByRole('button', { name: 'Sign in' })
      .click();
    await expect(card).toContainText('Signed in');
    await checkPage('signing in to smoxy again');
    [...smoxy.jwts.keys()].forEach((jwt, i) => (canaries[`smoxyJwt${i + 1}`] = jwt));
    expect(
      Object.keys(canaries).filter((k) => k.startsWith('smoxyJwt') && !k.startsWith('smoxyJwtSignature')),
    ).toHaveLength(2);

    // Create and rotate at smoxy (create the successor, then confirm: the old one is deleted).
    smoxy.queueSecrets(C.smoxyCreate);
    await goTo(page, 'Tokens');
    await page.getByRole('button', { name: 'New token' }).first().click();
    const sxCreate = page.getByRole('dialog', { name: 'New token' });
    await sxCreate.getByLabel('Connection').selectOption({ label: 'smoxy' });
    await sxCreate.getByLabel('Name').fill('Canary edge purge');
    await sxCreate.getByRole('checkbox', { name: 'Acme GmbH' }).check();
    await sxCreate.getByRole('button', { name: 'Create token' }).click();
    await copyOnce('Canary edge purge', C.smoxyCreate);
    await checkPage('creating at smoxy');
    smoxy.queueSecrets(C.smoxyRotate);
    await openToken('Monitoring');
    await page.getByRole('button', { name: 'Rotate' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate “Monitoring”' })
      .getByRole('button', { name: 'Rotate now' })
      .click();
    await copyOnce('Monitoring (new)', C.smoxyRotate);
    await page
      .getByRole('dialog', { name: 'Have you updated every place that used the old token?' })
      .getByRole('button', { name: 'Yes, finish rotation' })
      .click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await checkPage('a smoxy rotation');

    // Mirox: the web sign-in yields a canary session cookie.
    const mxSeed = seedMirox(mirox);
    host.fakes.sessions.login = async () => {
      mirox.queueSecrets(C.miroxCookie);
      return { headers: { Cookie: await mirox.login(mxSeed.email, mxSeed.password) } };
    };
    await goTo(page, 'Connections');
    await page.getByRole('button', { name: 'Add connection' }).first().click();
    await page.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /Mirox/ }).click();
    const mxForm = page.getByRole('dialog', { name: 'Add Mirox' });
    await mxForm.getByRole('button', { name: 'Use a different server address' }).click();
    await mxForm.getByLabel('Server address').fill(mirox.url);
    await mxForm.getByRole('button', { name: 'Sign in and connect' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await goTo(page, 'Tokens');
    await expect(rows(page, 'Report exporter')).toBeVisible();
    await checkPage('signing in to Mirox');

    // Create and rotate at Mirox.
    mirox.queueSecrets(C.miroxCreate);
    await page.getByRole('button', { name: 'New token' }).first().click();
    const mxCreate = page.getByRole('dialog', { name: 'New token' });
    await mxCreate.getByLabel('Connection').selectOption({ label: 'Mirox' });
    await mxCreate.getByLabel('Name').fill('Canary warehouse');
    await mxCreate.getByLabel('Permission group').selectOption('Reporting');
    await mxCreate.getByRole('button', { name: 'Create token' }).click();
    await copyOnce('Canary warehouse', C.miroxCreate);
    await checkPage('creating at Mirox');
    mirox.queueSecrets(C.miroxRotate);
    await openToken('Report exporter');
    await page.getByRole('button', { name: 'Rotate' }).click();
    await page
      .getByRole('dialog', { name: 'Rotate “Report exporter”' })
      .getByRole('button', { name: 'Rotate now' })
      .click();
    await copyOnce('Report exporter', C.miroxRotate);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await checkPage('a Mirox rotation');

    // Exports.
    await goTo(page, 'Settings');
    const exports = page.getByRole('region', { name: 'Export' });
    await exports.getByRole('button', { name: 'Export CSV' }).click();
    await expect(exports.getByRole('status')).toContainText('Saved');
    await exports.getByRole('button', { name: 'Export JSON' }).click();
    await expect.poll(() => host?.fakes.system.saved.length).toBe(2);
    await exports.getByRole('button', { name: 'Export expiry calendar (.ics)' }).click();
    await expect.poll(() => host?.fakes.system.saved.length).toBe(3);
    await checkPage('the exports');

    // While running: the database's -wal and -shm exist.
    running = scanPaths([dataDir, tmpDir], canaries);
  } finally {
    await host?.close();
    await Promise.all([mailtrap.close(), smoxy.close(), mirox.close()]);
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  }

  try {
    const stopped = scanPaths([dataDir, tmpDir], canaries);
    if (running === null) throw new Error('the run did not finish');
    const during: ScanReport = running;
    expect(scanGaps(during, stopped, root)).toEqual([]);
    // The store holds both credentials and smoxy's session (kept until it expires), encrypted:
    // only ciphertext in the file (the scan above found no canary in it).
    const stored = JSON.parse(fs.readFileSync(storeFile, 'utf8')) as Record<string, string>;
    const keys = Object.keys(stored);
    expect(keys.filter((k) => k.startsWith('credentials.connection:'))).toHaveLength(2);
    expect(keys.filter((k) => k.startsWith('credentials.session:'))).toHaveLength(1);
    expect(keys).toHaveLength(3);
    const total = { files: during.files + stopped.files, bytes: during.bytes + stopped.bytes };
    console.log(
      `${describeScan({ ...total, hits: [...during.hits, ...stopped.hits], scanned: [] }, Object.keys(canaries).length)} (through the UI: data folder and temporary files while running and after shutdown, credential store file); ${pageChecks} page checks (DOM, stores, localStorage, sessionStorage)`,
    );
    expect([...during.hits, ...stopped.hits]).toEqual([]);
    expect(pageHits).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
