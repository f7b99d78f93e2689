/**
 * Connections through provider APIs, against the simulators: Mailtrap (token, then pick
 * accounts), smoxy (sign in), Mirox (web sign-in), and what the user does with a connection
 * afterwards (test, rename, change server, re-enter credential, sign out/in, remove), including
 * weak credential storage, an unreadable credential, a 401 and a 429 on sync.
 */
import type { Page } from '@playwright/test';
import type { MailtrapSeed, MailtrapSimulator } from '../simulators/mailtrap';
import { connectMailtrap, connectThroughCore, expect, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const cell = (page: Page, name: string) => grid(page).getByRole('gridcell', { name, exact: true }).first();

async function addMailtrap(app: Page, sim: MailtrapSimulator, seed: MailtrapSeed, label = 'Acme Mailtrap') {
  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Mailtrap/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Mailtrap' });
  await form.getByLabel('Connection name').fill(label);
  await form.getByRole('textbox', { name: 'API token' }).fill(seed.credential);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Check token' }).click();
  const accounts = app.getByRole('dialog', { name: 'Choose accounts' });
  await expect(accounts.getByRole('checkbox', { name: /Acme Mail/ })).toBeChecked();
  await expect(accounts.getByRole('checkbox', { name: /Side Project/ })).toBeChecked();
  // Viewer access cannot manage tokens: shown, explained, left out.
  await expect(accounts.getByRole('checkbox', { name: /Agency Client/ })).toBeDisabled();
  await expect(accounts.getByText('Viewer access cannot manage tokens')).toBeVisible();
  await accounts.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
}

test('Mailtrap: token, pick accounts, first sync; then test, rename, change server, re-enter the credential, remove', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.mailtrap();
  // A wrong token is refused by Mailtrap before anything is saved.
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Mailtrap/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Mailtrap' });
  await form.getByRole('button', { name: 'Check token' }).click();
  await expect(form.getByText('Enter the api token.')).toBeVisible();
  await form.getByRole('textbox', { name: 'API token' }).fill('not-a-real-token');
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Check token' }).click();
  // The refusal is said next to the field that holds the token, in view, and focus goes there.
  const tokenField = form.getByRole('textbox', { name: 'API token' });
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenField).toBeFocused();
  await expect(tokenField).toHaveAccessibleDescription(/refused|401|not valid|invalid/i);
  await expect(form.locator('.field-error')).toBeInViewport();
  expect(host.fakes.credentials.values.size).toBe(0);
  await form.getByRole('button', { name: 'Cancel' }).click();

  await addMailtrap(app, sim, seed);
  await expect(cell(app, 'Production SMTP')).toBeVisible();
  await expect(cell(app, 'CI deploy')).toBeVisible();
  await expect(grid(app).getByRole('row').filter({ hasText: 'CI deploy' })).toContainText('By Build bot');
  await expect(grid(app).getByRole('row').filter({ hasText: 'Billing sender' }).first()).toBeVisible();
  await expect(grid(app).getByText('Grace period').first()).toBeVisible();
  expect(host.fakes.credentials.values.size).toBe(1);

  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  const card = app.getByRole('article', { name: 'Acme Mailtrap' });
  await expect(card).toContainText('Up to date');
  await expect(card).toContainText('Acme Mail, Side Project');
  await expect(card).toContainText('In the system keychain');
  await card.getByRole('button', { name: 'Test' }).click();
  await expect(card.getByTestId('test-result')).toHaveAttribute('data-ok', 'true');
  await expect(card.getByTestId('test-result')).not.toBeEmpty();

  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit connection' });
  await expect(edit.getByLabel('Server address')).toHaveValue(sim.url);
  await edit.getByLabel('Server address').fill('ftp:/nope');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('Enter a full address starting with https://.')).toBeVisible();
  await edit.getByLabel('Server address').fill(`${sim.url}/`);
  await edit.getByLabel('Connection name').fill('Mailtrap (Acme)');
  await edit.getByRole('button', { name: 'Save' }).click();
  const renamed = app.getByRole('article', { name: 'Mailtrap (Acme)' });
  await expect(renamed).toBeVisible();

  // Re-enter the credential: a second admin token replaces the stored one.
  const second = sim.addToken({
    name: 'Tokenkeeper 2',
    account: seed.accounts.acme,
    access: { [seed.accounts.acme]: 1000, [seed.accounts.side]: 100 },
  });
  await renamed.getByRole('button', { name: 'Re-enter credential' }).click();
  const credential = app.getByRole('dialog', { name: 'Re-enter credential' });
  await credential.getByRole('button', { name: 'Save credential' }).click();
  await expect(credential.getByText('Enter the api token.')).toBeVisible();
  await credential.getByRole('textbox', { name: 'API token' }).fill(second.secret);
  await credential.getByRole('button', { name: 'Save credential' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect([...host.fakes.credentials.values.values()]).toEqual([second.secret]);

  await renamed.getByRole('button', { name: 'Remove' }).click();
  const remove = app.getByRole('dialog', { name: /Remove/ });
  await expect(remove).toContainText('deletes its stored credential');
  await remove.getByRole('button', { name: 'Remove connection' }).click();
  await expect(app.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
  expect(host.fakes.credentials.values.size).toBe(0);
  expect((await host.core.handlers.listTokens({ offset: 0, limit: 10, includeInactive: true })).matched).toBe(
    0,
  );
});

test('smoxy: sign in with e-mail and password, sign out, sign in again', async ({ app, sims }) => {
  const { sim, seed } = await sims.smoxy();
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /smoxy/ }).click();
  const form = app.getByRole('dialog', { name: 'Add smoxy' });
  await form.getByLabel('E-mail').fill('not an address');
  await form.getByRole('button', { name: 'Sign in and connect' }).click();
  await expect(form.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(form.getByText('Enter the password.')).toBeVisible();
  await form.getByLabel('E-mail').fill(seed.email);
  await form
    .getByRole('textbox', { name: 'Password' })
    .or(form.getByLabel('Password', { exact: true }))
    .first()
    .fill(seed.password);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Sign in and connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(cell(app, 'CI/CD pipeline')).toBeVisible();
  await expect(grid(app).getByRole('row').filter({ hasText: 'Legacy import' })).toContainText('Legacy');
  await expect(grid(app).getByRole('row').filter({ hasText: 'Unused test' })).toContainText('Never used');

  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  const card = app.getByRole('article', { name: 'smoxy' });
  await expect(card).toContainText('Signed in');
  await expect(card).toContainText(seed.email);
  await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card).toContainText('Signed out');
  await card.getByRole('button', { name: 'Sign in' }).click();
  const signIn = app.getByRole('dialog', { name: 'Sign in to smoxy' });
  await expect(signIn.getByLabel('E-mail')).toHaveValue(seed.email);
  await signIn.getByLabel('Password').fill('wrong password');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toBeVisible();
  await expect(signIn.getByLabel('Password')).toHaveValue('');
  await signIn.getByLabel('Password').fill(seed.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(card).toContainText('Signed in');
});

test('Mirox: web sign-in in its own window, tokens with usage history', async ({ app, sims }) => {
  const { sim } = await sims.mirox();
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /Mirox/ }).click();
  const form = app.getByRole('dialog', { name: 'Add Mirox' });
  await expect(form.getByText('A separate sign-in window opens')).toBeVisible();
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Sign in and connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(cell(app, 'Report exporter')).toBeVisible();
  await cell(app, 'Report exporter').click();
  const usage = app.getByRole('region', { name: 'Usage history' });
  await expect(usage.getByRole('row')).toHaveCount(3);
  await expect(usage).toContainText('203.0.113.10');
  await expect(usage).toContainText('python-requests');
  await expect(app.getByText('Permission group:')).toBeVisible();
});

test('Linux without a keyring: explains, and saves only after "accept weaker storage"', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.mailtrap();
  host.fakes.credentials.backend = { backend: 'basic_text', weak: true, available: true };
  await app.reload();
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Mailtrap/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Mailtrap' });
  await expect(form.getByText('No system keyring is available')).toBeVisible();
  await expect(form.getByText(/anyone who can read your user files could recover it/)).toBeVisible();
  await form.getByRole('textbox', { name: 'API token' }).fill(seed.credential);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Check token' }).click();
  await expect(form.getByText('Accept weaker storage, or unlock a keyring and try again.')).toBeVisible();
  expect((await host.core.handlers.getSettings(undefined)).weakStorageAccepted).toBe(false);

  await form.getByRole('checkbox', { name: 'Accept weaker storage on this computer' }).check();
  // Declined in main's own dialog: the form stays as it was, nothing is saved, no error.
  host.fakes.confirm.answer = false;
  await form.getByRole('button', { name: 'Check token' }).click();
  await expect.poll(() => host.fakes.confirm.asked.length).toBe(1);
  await expect(form.getByRole('button', { name: 'Check token' })).toBeEnabled();
  await expect(app.getByTestId('toast')).toHaveCount(0);
  expect((await host.core.handlers.getSettings(undefined)).weakStorageAccepted).toBe(false);
  expect(host.fakes.credentials.values.size).toBe(0);

  host.fakes.confirm.answer = true;
  await form.getByRole('button', { name: 'Check token' }).click();
  await app
    .getByRole('dialog', { name: 'Choose accounts' })
    .getByRole('button', { name: 'Add connection' })
    .click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect((await host.core.handlers.getSettings(undefined)).weakStorageAccepted).toBe(true);
  expect(host.fakes.credentials.values.size).toBe(1);
  // The window's checkbox alone does not change it: main asked in its own dialog.
  expect(host.fakes.confirm.asked.map((q) => q.title)).toEqual(
    Array(2).fill('Store credentials with weaker protection?'),
  );
});

test('a 401 on sync asks to re-enter the credential; a new one brings the tokens back', async ({
  app,
  sims,
}) => {
  const { sim, seed } = await sims.mailtrap();
  await addMailtrap(app, sim, seed);
  await expect(cell(app, 'Production SMTP')).toBeVisible();
  // Someone deleted the token Tokenkeeper uses.
  for (const token of sim.tokens.values()) if (token.secret === seed.credential) token.deleted = true;
  await app.getByRole('button', { name: 'Sync now' }).click();
  const problem = app.getByTestId('connection-problem');
  await expect(problem).toContainText('the credential was refused. Re-enter the credential to sync again.');
  // The cached tokens stay.
  await expect(cell(app, 'Production SMTP')).toBeVisible();

  const fresh = sim.addToken({
    name: 'Tokenkeeper (new)',
    account: seed.accounts.acme,
    access: { [seed.accounts.acme]: 1000, [seed.accounts.side]: 100 },
  });
  await problem.getByRole('button', { name: 'Re-enter credential' }).click();
  const dialog = app.getByRole('dialog', { name: 'Re-enter credential' });
  await dialog.getByRole('textbox', { name: 'API token' }).fill(fresh.secret);
  await dialog.getByRole('button', { name: 'Save credential' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await app.getByRole('button', { name: 'Sync now' }).click();
  await expect(problem).toHaveCount(0);
  await expect(cell(app, 'Tokenkeeper (new)')).toBeVisible();
});

test('an unreadable stored credential says to re-enter it', async ({ app, host, sims }) => {
  const { sim, seed } = await sims.mailtrap();
  await addMailtrap(app, sim, seed);
  await expect(cell(app, 'Production SMTP')).toBeVisible();
  const [key] = [...host.fakes.credentials.values.keys()];
  host.fakes.credentials.unreadable.add(key!);
  await app.getByRole('button', { name: 'Sync now' }).click();
  const problem = app.getByTestId('connection-problem');
  await expect(problem).toContainText(/Re-enter this credential/);
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  await expect(app.getByRole('article', { name: 'Acme Mailtrap' })).toContainText(
    'Unreadable: re-enter this credential',
  );
  await app
    .getByRole('article', { name: 'Acme Mailtrap' })
    .getByRole('button', { name: 'Re-enter credential' })
    .click();
  await expect(app.getByRole('dialog', { name: 'Re-enter credential' })).toContainText(
    'can no longer be read',
  );
  await app.getByRole('dialog').getByRole('textbox', { name: 'API token' }).fill(seed.credential);
  await app.getByRole('dialog').getByRole('button', { name: 'Save credential' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByRole('article', { name: 'Acme Mailtrap' })).toContainText('In the system keychain');
});

test('a 429 on sync shows when to retry, and keeps the cached tokens', async ({ app, sims }) => {
  const { sim, seed } = await sims.mailtrap();
  await addMailtrap(app, sim, seed);
  await expect(cell(app, 'Production SMTP')).toBeVisible();
  sim.inject({ fault: { kind: 'status', status: 429, retryAfter: '120' }, times: 20 });
  await app.getByRole('button', { name: 'Sync now' }).click();
  const problem = app.getByTestId('connection-problem');
  await expect(problem).toContainText('the provider asked Tokenkeeper to slow down.');
  await expect(problem).toContainText(/You can sync again after \d{1,2}:\d{2}:\d{2}/);
  await expect(app.getByTestId('toast').filter({ hasText: /Try again after/ })).toBeVisible();
  await expect(cell(app, 'Production SMTP')).toBeVisible();
});

test('"Sync now" shows its progress while it runs, then the result', async ({ app, host, sims }) => {
  const { sim, seed } = await connectMailtrap(host, sims, 'Acme Mailtrap');
  await expect(cell(app, 'Production SMTP')).toBeVisible();
  sim.addToken({
    account: seed.accounts.acme,
    name: 'Created elsewhere',
    access: { [seed.accounts.acme]: 10 },
  });
  sim.inject({ fault: { kind: 'latency', ms: 1_200 }, times: 3 });
  await app.getByRole('button', { name: 'Sync now' }).click();
  const syncButton = app.getByRole('banner').getByRole('button', { name: 'Syncing…' });
  await expect(syncButton).toBeDisabled();
  // The header says which connection is syncing and how far it is; the sidebar says it too.
  await expect(app.getByTestId('sync-status')).toHaveText(/^Syncing Acme Mailtrap: \d+ tokens so far$/);
  await expect(app.getByRole('navigation', { name: 'Views' })).toContainText(/Syncing… \d+ so far/);
  await expect(app.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  await expect(cell(app, 'Created elsewhere')).toBeVisible();
  await expect(app.getByTestId('sync-status')).toHaveText('Synced just now');
  await expect(
    app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Acme Mailtrap/ }),
  ).toContainText('Synced just now');
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  await expect(app.getByRole('article', { name: 'Acme Mailtrap' })).toContainText('Up to date');
});

test('Mirox: sign out, then sign in again through the sign-in window', async ({ app, host, sims }) => {
  const { sim } = await sims.mirox();
  await connectThroughCore(host, 'mirox', sim.url, {}, 'Mirox');
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  const card = app.getByRole('article', { name: 'Mirox' });
  await expect(card).toContainText('Signed in');
  await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card).toContainText('Signed out');
  await card.getByRole('button', { name: 'Sign in' }).click();
  const dialog = app.getByRole('dialog', { name: 'Sign in to Mirox' });
  await expect(dialog).toContainText('Tokenkeeper never sees your password');
  await expect(dialog.getByLabel('Password')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Open sign-in window' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(card).toContainText('Signed in');
  expect(host.fakes.sessions.sessions.size).toBe(1);
});
