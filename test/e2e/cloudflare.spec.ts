/**
 * Cloudflare through the real renderer against its simulator: connect with a user API token and
 * pick the accounts; user and account-owned tokens in the one list with scope words, last use
 * and expiry; create from a permission group on one zone picked from the account's zones with an
 * IP allow list (bad entries, a start after the expiry and Cloudflare's refusal of more than the
 * creator holds, each next to its field); an account-owned token (Cloudflare's refusal where the
 * connection may not, next to the owner choice); roll (the old value dies at once, said before confirming), roll the
 * app's own token (credential swapped), delete; and a 429 block waited out with a visible
 * message. Screens at 1280x800 and 960x640, light and dark.
 */
import type { Page } from '@playwright/test';
import {
  seedCloudflare,
  startCloudflare,
  type CloudflareOptions,
  type CloudflareSeed,
  type CloudflareSimulator,
} from '../simulators/cloudflare';
import type { TestHost } from '../host/server';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  rendererState,
  screenshot,
  setTheme,
  test,
  tokenRows as rows,
} from './fixtures';

const ROLL = 'PUT /client/v4/user/tokens/:id/value';

let sim: CloudflareSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(host: TestHost, options: CloudflareOptions = {}) {
  const started = await startCloudflare({ now: () => host.clock.now(), ...options });
  sim = started;
  return { sim: started, seed: seedCloudflare(started) };
}

async function connect(app: Page, cloudflare: CloudflareSimulator, seed: CloudflareSeed): Promise<void> {
  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Cloudflare/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Cloudflare' });
  await form.getByLabel('Connection name').fill('Cloudflare (Acme)');
  await form.getByRole('textbox', { name: 'API token' }).fill(seed.credential);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(cloudflare.url);
  await form.getByRole('button', { name: 'Check token' }).click();
  const accounts = app.getByRole('dialog', { name: 'Choose accounts' });
  await expect(accounts.getByRole('checkbox', { name: /Acme Inc/ })).toBeChecked();
  await expect(accounts.getByRole('checkbox', { name: /Side project/ })).toBeChecked();
  await accounts.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(rows(app, 'CI deploy')).toBeVisible();
}

async function openToken(app: Page, name: string) {
  await rows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('Cloudflare: connect, the list, create, roll (also the app’s own token) and delete', async ({
  app,
  host,
}) => {
  test.setTimeout(150_000);
  const { sim: cf, seed } = await start(host);
  await connect(app, cf, seed);

  // The one list: policies in words with the IP condition, last use, expiry; account tokens too.
  await expect(rows(app, 'CI deploy')).toContainText('Cloudflare');
  await expect(rows(app, 'CI deploy')).toContainText('DNS Write on example.com · only from 192.0.2.0/24');
  await expect(rows(app, 'CI deploy')).toContainText('Expires ≤ 7 days');
  await expect(rows(app, 'Workers deploy')).toContainText('Never used');
  await expect(rows(app, 'Terraform')).toContainText(
    'DNS Write, Zone Settings Write on all zones of Acme Inc',
  );
  await expect(rows(app, 'Paused export')).toContainText('Disabled');
  await expect(rows(app, 'Side CI')).toHaveCount(0);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-list-${look}`);
  });
  await expectAccessible(app, 'cloudflare list');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');

  // Create: more than the creator holds is refused by Cloudflare, next to the field.
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Account').selectOption({ label: 'Acme Inc' });
  await dialog.getByLabel('Name').fill('Preview DNS');
  await dialog.getByLabel('Permission group').selectOption('Workers R2 Storage Write');
  // An account permission has one place to apply to: it is picked already.
  await expect(dialog.getByLabel('Applies to')).toHaveValue('account');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog).toContainText('You cannot grant “Workers R2 Storage Write”');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-create-refused-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await dialog.getByLabel('Permission group').selectOption('DNS Write');
  await dialog.getByLabel('Applies to').selectOption({ label: 'All zones in the account' });
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Preview DNS');
  await expect(rows(app, 'Preview DNS')).toContainText('DNS Write on all zones of Acme Inc');

  // Roll: the plan says the old value stops at once, before the user confirms.
  await openToken(app, 'CI deploy');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “CI deploy”' });
  await expect(plan.getByRole('heading', { name: 'What will happen at Cloudflare' })).toBeVisible();
  await expect(plan).toContainText('The old secret stops working immediately');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-rotate-plan-${look}`);
  });
  await expectAccessible(app, 'cloudflare rotate plan');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  const oldSecret = [...cf.tokens.values()].find((t) => t.name === 'CI deploy')?.secret ?? '';
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(app.getByRole('dialog', { name: 'Copy the secret for “CI deploy”' })).toContainText(
    'stopped working just now',
  );
  await copySecretAndClose(app, 'CI deploy');
  // The copy-once dialog is the rotation's one summary: no second modal follows it.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(cf.authenticates(oldSecret)).toBe(false);
  expect(cf.count(ROLL)).toBe(1);

  // The app's own token: rolled, and the connection now uses the new value.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Tokenkeeper');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Tokenkeeper”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  const own = app.getByRole('dialog', { name: 'Copy the secret for “Tokenkeeper”' });
  await expect(own).toContainText('it now uses the new one');
  await screenshot(app, 'cloudflare-rotate-own');
  await copySecretAndClose(app, 'Tokenkeeper');
  // The copy-once dialog is the rotation's one summary: no second modal follows it.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(cf.count(ROLL)).toBe(2);
  expect(cf.authenticates(seed.credential)).toBe(false);

  // Delete an account-owned token.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Terraform');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Terraform”.' })).toBeVisible();
  expect([...cf.tokens.values()].some((t) => t.name === 'Terraform')).toBe(false);
});

test('Cloudflare: create a token limited to one zone by name with an IP allow list', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const { sim: cf, seed } = await start(host);
  // Enough zones that the picker offers a search box; one in another account is never offered.
  for (const zone of ['blog.acme.dev', 'shop.acme.dev', 'status.acme.dev', 'mail.acme.dev'])
    cf.addZone(seed.acme, zone);
  await connect(app, cf, seed);
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Account').selectOption({ label: 'Acme Inc' });
  await dialog.getByLabel('Name').fill('Example DNS');
  // One zone by name, with an IP allow list; bad entries are refused next to their fields.
  await dialog.getByLabel('Permission group').selectOption('DNS Write');
  await expect(dialog.getByLabel('Applies to').locator('option')).toHaveText([
    'Choose where…',
    'All zones in the account',
    'One zone',
  ]);
  await dialog.getByLabel('Applies to').selectOption({ label: 'One zone' });
  // The zones are the picked account's, as Cloudflare lists them; none is picked at first.
  const zones = dialog.getByRole('radiogroup', { name: 'Zone' });
  await expect(zones.getByRole('radio')).toHaveCount(6);
  await expect(zones.locator('label')).toHaveText([
    'acme.dev',
    'blog.acme.dev',
    'example.com',
    'mail.acme.dev',
    'shop.acme.dev',
    'status.acme.dev',
  ]);
  await expect(zones.getByRole('radio', { name: 'example.com' })).not.toBeChecked();
  await dialog.getByRole('searchbox', { name: 'Find a zone' }).fill('acme');
  await expect(zones.getByRole('radio')).toHaveCount(5);
  await eachLook(app, host, async (look) => {
    await zones.scrollIntoViewIfNeeded();
    await screenshot(app, `cloudflare-create-zone-picker-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await dialog.getByRole('searchbox', { name: 'Find a zone' }).fill('');
  const later = new Date(host.clock.now() + 400 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel('Not before').fill(later);
  await dialog.getByLabel('IP allow list').fill('203.0.113.0/24\n198.51.100.300');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Choose the zone.')).toBeVisible();
  await expect(dialog.getByText('The start date must be before the expiry date.')).toBeVisible();
  await expect(dialog.getByText('“198.51.100.300” is not an IP address or CIDR range')).toBeVisible();
  await expect(zones.getByRole('radio', { name: 'acme.dev', exact: true })).toBeFocused();
  await expect(dialog.getByLabel('IP allow list')).toHaveAttribute('aria-invalid', 'true');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-create-conditions-refused-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  expect(cf.count('POST /client/v4/user/tokens')).toBe(0);
  await dialog.getByLabel('Not before').fill('');
  await dialog.getByLabel('IP allow list').fill('203.0.113.0/24\n2001:db8::/32');
  await zones.getByRole('radio', { name: 'example.com' }).check();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Example DNS');
  await expect(rows(app, 'Example DNS')).toContainText(
    'DNS Write on example.com · only from 203.0.113.0/24, 2001:db8::/32',
  );
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-created-one-zone-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  const made = [...cf.tokens.values()].find((t) => t.name === 'Example DNS');
  expect(made?.condition).toEqual({ in: ['203.0.113.0/24', '2001:db8::/32'] });
  expect(cf.count('POST /client/v4/user/tokens')).toBe(1);
});

test('Cloudflare: an account-owned token, refused next to the owner where the connection may not', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const { sim: cf, seed } = await start(host);
  await connect(app, cf, seed);
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await expect(dialog.getByLabel('Owner')).toHaveValue('self');
  await expect(dialog.getByLabel('Owner').locator('option')).toHaveText([
    'You (user token)',
    'The account (account-owned token)',
  ]);
  // The connection's token holds Account API Tokens Write on Acme only.
  await dialog.getByLabel('Account').selectOption({ label: 'Side project' });
  await dialog.getByLabel('Owner').selectOption({ label: 'The account (account-owned token)' });
  await dialog.getByLabel('Name').fill('Side workers');
  await dialog.getByLabel('Permission group').selectOption('Workers Scripts Write');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('needs Account API Tokens Write on Side project')).toBeVisible();
  await expect(dialog.getByLabel('Owner')).toHaveAttribute('aria-invalid', 'true');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-create-owner-refused-${look}`);
  });
  await expectAccessible(app, 'cloudflare create owner');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  expect(cf.count('POST /client/v4/accounts/:accountId/tokens')).toBe(1);
  await dialog.getByLabel('Account').selectOption({ label: 'Acme Inc' });
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Side workers');
  await expect(rows(app, 'Side workers')).toContainText('Acme Inc');
  await expect(rows(app, 'Side workers')).toContainText('Workers Scripts Write on Acme Inc');
  const made = [...cf.tokens.values()].find((t) => t.name === 'Side workers');
  expect(made).toMatchObject({ family: 'account', owner: seed.acme });
  expect(made?.secret).toMatch(/^cfat_/);
  // Once the copy-once dialog is closed, the page, its inputs, stores and storage hold no secret.
  const state = JSON.stringify(await rendererState(app));
  expect(state).toContain('Side workers');
  expect(state).not.toContain(made?.secret ?? 'cfat_');
  expect(state).not.toContain(seed.credential);
});

test('Cloudflare: a 429 block is shown with when to retry, and waited out', async ({ app, host }) => {
  test.setTimeout(60_000);
  // Cloudflare blocks for five minutes; four seconds here (the limiter waits in real time).
  const { sim: cf, seed } = await start(host, {
    rateLimit: { limit: 12, windowMs: 300_000, blockMs: 4_000 },
  });
  await connect(app, cf, seed);
  await app.getByRole('button', { name: 'Sync now' }).click();
  const problem = app.getByTestId('connection-problem');
  await expect(problem).toContainText('the provider asked Tokenkeeper to slow down.');
  await expect(problem).toContainText(/You can sync again after \d{1,2}:\d{2}:\d{2}/);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `cloudflare-rate-limited-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await expect(rows(app, 'CI deploy')).toBeVisible();
  const before = cf.requests.length;
  // The block passes; the next sync goes through.
  await new Promise((resolve) => setTimeout(resolve, 4_500));
  expect(cf.requests.length).toBe(before);
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(problem).toHaveCount(0);
  expect(cf.requests.length).toBeGreaterThan(before);
});
