/**
 * npm through the real renderer against its simulator: connect with a login session token; the
 * list with permission, packages, CIDR and last use; create a granular token with the password
 * and, on npm's challenge, the one-time code (a wrong code and an expired one each get their
 * message); the browser confirmation (authUrl opened through the core, doneUrl polled); replace
 * and revoke (password and code again); revoke by key. Canary: the password, the typed code, the
 * browser's code and the new secret are in nothing the app wrote, nor in the page or its stores
 * after the dialogs. Rotation with delivery asks for the password and code the same way. Screens
 * at 1280x800 and 960x640, light and dark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makeCanary, scanPaths, scanText, type CanaryHit } from '../security/canary';
import type { TestHost } from '../host/server';
import { seedNpm, startNpm, type NpmSeed, type NpmSimulator } from '../simulators/npm';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  openToken,
  rendererState,
  screenshot,
  setTheme,
  test,
  tokenRows as rows,
} from './fixtures';

const CREATE = 'POST /-/npm/v1/tokens';

test.use({ actionTimeout: 10_000 });

let sim: NpmSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(host: TestHost, options: { web?: boolean; password?: string } = {}) {
  const started = await startNpm({ now: () => host.clock.now() });
  sim = started;
  const seed = seedNpm(started, started.now(), options);
  if (options.password !== undefined) {
    const user = started.users.get(seed.username);
    if (user !== undefined) user.password = options.password;
    seed.password = options.password;
  }
  return { sim: started, seed };
}

async function connect(app: Page, npm: NpmSimulator, seed: NpmSeed): Promise<void> {
  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /^npm/ }).click();
  const form = app.getByRole('dialog', { name: 'Add npm' });
  await form.getByLabel('Connection name').fill('npm (jane-acme)');
  await form.getByRole('textbox', { name: 'Access token' }).fill(seed.session);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(npm.url);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(rows(app, 'Release bot')).toBeVisible();
}

async function fillCreate(app: Page, name: string, password: string) {
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Permission group').selectOption('Read and write');
  await dialog.getByLabel('Applies to').selectOption({ label: 'Packages' });
  await dialog.getByLabel('Packages', { exact: true }).fill('@acme/widgets');
  await dialog.getByLabel('npm password').fill(password);
  return dialog;
}

const looks = async (app: Page, host: TestHost, name: string, inView?: Locator) => {
  await eachLook(app, host, async (look) => {
    // What the screen is about, in view at each size (the dialog's body scrolls).
    await inView?.scrollIntoViewIfNeeded();
    await screenshot(app, `${name}-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
};

test('npm: connect, the list, create with password and one-time code (wrong, expired), replace and revoke', async ({
  app,
  host,
}) => {
  test.setTimeout(180_000);
  const C = {
    password: makeCanary('UiNpmPassword'),
    created: makeCanary('UiNpmCreate'),
    rotated: makeCanary('UiNpmRotate'),
  };
  const { sim: npm, seed } = await start(host, { password: C.password });
  await connect(app, npm, seed);
  const pageHits: CanaryHit[] = [];
  const typedCodes: string[] = [];
  const checkPage = async (after: string) => {
    await expect(app.getByRole('dialog')).toHaveCount(0);
    const state = await rendererState(app);
    const canaries = { ...C, ...Object.fromEntries(typedCodes.map((c, i) => [`code ${i}`, c])) };
    for (const [part, text] of Object.entries(state))
      pageHits.push(...scanText(text, canaries, `${part} after ${after}`));
  };

  await expect(rows(app, 'Renovate (read)')).toContainText(
    'Read-only · All packages · only from 203.0.113.0/24',
  );
  await expect(rows(app, 'Release bot')).toContainText('Read and write · @acme/widgets');
  await expect(rows(app, 'Old laptop')).toContainText('Never used');
  await looks(app, host, 'npm-list');
  await expectAccessible(app, 'npm list');

  // The first try meets npm's challenge: the code field appears, nothing was created.
  const dialog = await fillCreate(app, 'Deploy widgets', C.password);
  await looks(app, host, 'npm-create-password');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const code = dialog.getByLabel('One-time code');
  await expect(code).toBeVisible();
  await expect(dialog).toContainText('npm asks for a one-time code from your authenticator app.');
  await expect(code)
    .toBeFocused({ timeout: 1000 })
    .catch(() => undefined);
  await looks(app, host, 'npm-create-otp-asked', code);
  await expectAccessible(app, 'npm create otp');
  // A wrong code.
  typedCodes.push('000001');
  await code.fill('000001');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog).toContainText('npm did not accept that one-time code.');
  await expect(code).toHaveValue('');
  // An expired code (from five minutes ago).
  const old = npm.otp(seed.username, host.clock.now() - 5 * 60_000);
  typedCodes.push(old);
  await code.fill(old);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog).toContainText('That one-time code has expired.');
  await looks(app, host, 'npm-create-otp-expired', code);
  expect(npm.live().some((t) => t.spec.name === 'Deploy widgets')).toBe(false);
  // The current code.
  const current = npm.otp(seed.username);
  typedCodes.push(current);
  npm.queueSecrets(C.created);
  await code.fill(current);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Deploy widgets');
  await checkPage('create');
  await expect(rows(app, 'Deploy widgets')).toContainText('Read and write · @acme/widgets');
  expect(npm.live().find((t) => t.spec.name === 'Deploy widgets')?.spec).toMatchObject({
    packages: ['@acme/widgets'],
    permission: 'read-write',
    days: 7,
  });

  // Replace and revoke: the password and code again; the old token deleted once confirmed.
  await openToken(app, 'Release bot');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Release bot”' });
  await expect(plan.getByRole('heading', { name: 'What will happen at npm' })).toBeVisible();
  await plan.getByLabel('npm password').fill(C.password);
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(plan.getByLabel('One-time code')).toBeVisible();
  await looks(app, host, 'npm-rotate-otp', plan.getByLabel('One-time code'));
  const again = npm.otp(seed.username);
  typedCodes.push(again);
  npm.queueSecrets(C.rotated);
  await plan.getByLabel('One-time code').fill(again);
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Release bot (new)');
  await app
    .getByRole('dialog', { name: 'Have you updated every place that used the old token?' })
    .getByRole('button', { name: 'Yes, finish rotation' })
    .click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await checkPage('rotate');
  expect(npm.live().some((t) => t.spec.name === 'Release bot')).toBe(false);
  expect(npm.live().some((t) => t.spec.name === 'Release bot (new)')).toBe(true);

  // Revoke by key.
  const key = npm.live().find((t) => t.spec.name === 'Old laptop')?.key ?? '';
  await app.keyboard.press('Escape');
  await openToken(app, 'Old laptop');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Old laptop”.' })).toBeVisible();
  expect(npm.requests.some((r) => r.path === `/-/npm/v1/tokens/token/${key}`)).toBe(true);
  // Each create was sent once per try: four for the create, two for the replacement.
  expect(npm.count(CREATE)).toBe(6);

  // Nothing the app wrote holds the password or the secrets; the typed codes are in no log line.
  const files = scanPaths([host.core.context.deps.dataDir], {
    password: C.password,
    created: C.created,
    rotated: C.rotated,
  });
  expect(files.files).toBeGreaterThan(0);
  expect(files.hits).toEqual([]);
  expect(pageHits).toEqual([]);
});

test('npm: the browser confirmation opens npm’s page and creates once it is confirmed', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const { sim: npm, seed } = await start(host, { web: true });
  await connect(app, npm, seed);
  const webCode = makeCanary('UiNpmWebCode');
  npm.nextWebCode = webCode;
  const dialog = await fillCreate(app, 'Web confirmed', seed.password);
  const opened = host.fakes.system.opened;
  const before = opened.length;
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect.poll(() => opened.length).toBe(before + 1);
  const authUrl = opened[before] ?? '';
  expect(authUrl.startsWith(`${npm.url}/-/web/auth/`)).toBe(true);
  // While npm waits for the browser, the dialog says so.
  await expect(dialog.getByRole('status')).toContainText(
    'If npm opens a page in your browser, confirm there',
  );
  await looks(app, host, 'npm-create-browser-waiting', dialog.getByRole('status'));
  // The user confirms in the browser.
  expect((await fetch(authUrl)).status).toBe(200);
  await copySecretAndClose(app, 'Web confirmed');
  expect(npm.live().some((t) => t.spec.name === 'Web confirmed')).toBe(true);
  const files = scanPaths([host.core.context.deps.dataDir], { webCode, password: seed.password });
  expect(files.hits).toEqual([]);
});

test('npm: create with a description, two packages and an org of its own permission; the details show them', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  const { sim: npm, seed } = await start(host);
  await connect(app, npm, seed);
  const dialog = await fillCreate(app, 'Widgets and gears', seed.password);
  await dialog.getByLabel('Packages', { exact: true }).fill('@acme/widgets\n@acme/gears');
  await dialog.getByLabel('Description').fill('Publishes widgets and gears from CI');
  await dialog.getByLabel('Organizations').fill('acme');
  const level = dialog.getByLabel('Organization permission');
  await expect(level).toHaveValue('read-only');
  await looks(app, host, 'npm-create-description', dialog.getByLabel('Description'));
  await looks(app, host, 'npm-create-orgs', level);
  await expectAccessible(app, 'npm create orgs');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const code = dialog.getByLabel('One-time code');
  await expect(code).toBeVisible();
  await code.fill(npm.otp(seed.username));
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Widgets and gears');
  expect(npm.live().find((t) => t.spec.name === 'Widgets and gears')?.spec).toMatchObject({
    description: 'Publishes widgets and gears from CI',
    packages: ['@acme/widgets', '@acme/gears'],
    orgs: ['acme'],
    permission: 'read-write',
    orgsPermission: 'read-only',
  });
  await openToken(app, 'Widgets and gears');
  await expect(app.getByRole('main')).toContainText(
    'Read and write · @acme/widgets and @acme/gears · orgs acme (read-only) · Publishes widgets and gears from CI',
  );
});

test('npm: rotation with delivery asks for the password and code, then updates the target and deletes the old token', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const password = makeCanary('UiNpmDeliveryPassword');
  const { sim: npm, seed } = await start(host, { password });
  await connect(app, npm, seed);
  const envFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-npm-delivery-')), '.env');
  fs.writeFileSync(envFile, 'NPM_TOKEN=old-value\n', { mode: 0o600 });
  await openToken(app, 'Release bot');
  await app
    .getByRole('combobox', { name: 'Kind of target' })
    .selectOption({ label: 'File on this computer' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const form = app.getByRole('form', { name: 'File on this computer target' });
  host.fakes.system.nextPaths.push(envFile);
  await form.getByRole('button', { name: 'Choose…' }).click();
  await form.getByRole('textbox', { name: 'Key' }).fill('NPM_TOKEN');
  await form.getByRole('button', { name: 'Save target' }).click();
  await expect(app.getByRole('list', { name: 'Delivery targets' }).getByRole('listitem')).toHaveCount(1);

  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Release bot”' });
  const go = plan.getByRole('button', { name: 'Rotate and update its target' });
  // Without the password nothing is sent.
  await go.click();
  await expect(plan.getByLabel('npm password')).toHaveAttribute('aria-invalid', 'true');
  expect(npm.count(CREATE)).toBe(0);
  // npm's challenge shows the code field; the old token and the file are untouched.
  await plan.getByLabel('npm password').fill(password);
  await go.click();
  await expect(plan.getByLabel('One-time code')).toBeVisible();
  expect(fs.readFileSync(envFile, 'utf8')).toBe('NPM_TOKEN=old-value\n');
  expect(npm.live().some((t) => t.spec.name === 'Release bot (new)')).toBe(false);
  await plan.getByLabel('One-time code').fill(npm.otp(seed.username));
  await go.click();
  const done = app.getByRole('dialog', { name: 'Rotated “Release bot”' });
  await expect(done).toContainText('the old token “Release bot” was deleted at npm');
  const successor = npm.live().find((t) => t.spec.name === 'Release bot (new)');
  expect(fs.readFileSync(envFile, 'utf8')).toBe(`NPM_TOKEN=${successor?.secret ?? '?'}\n`);
  expect(npm.live().some((t) => t.spec.name === 'Release bot')).toBe(false);
  await done.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const files = scanPaths([host.core.context.deps.dataDir], { password });
  expect(files.hits).toEqual([]);
  const state = JSON.stringify(await rendererState(app));
  expect(state).not.toContain(password);
});
