/**
 * Tracked connections and tokens (smenso, or any provider without API access), end to end
 * through the UI: first run, add a connection, record a token (with every bad value refused
 * before any call), edit it, snooze it, rename and remove the connection.
 */
import type { Page } from '@playwright/test';
import { addTrackedConnection, expect, test, trackToken } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });

test('first run: explains the app, then adds a smenso connection tracked by hand', async ({ app, host }) => {
  await expect(app.getByRole('heading', { name: 'Welcome to Tokenkeeper' })).toBeVisible();
  await expect(app.getByText('See every API token you hold')).toBeVisible();
  await app.getByRole('button', { name: 'Add connection' }).click();
  const choose = app.getByRole('dialog', { name: 'Add connection' });
  await expect(choose.getByRole('button', { name: /smenso.*Tracked by hand/ })).toBeVisible();
  await choose.getByRole('button', { name: /smenso/ }).click();

  const form = app.getByRole('dialog', { name: 'Add smenso' });
  await expect(form.getByText('You record each token yourself')).toBeVisible();
  const label = form.getByLabel('Connection name');
  await label.fill('   ');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(form.getByText('Enter a name for this connection.')).toBeVisible();
  await label.fill('Acme workspace');
  await form.getByRole('button', { name: 'Add connection' }).click();

  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  const card = app.getByRole('article', { name: 'Acme workspace' });
  await expect(card).toContainText('Tracked by hand');
  const [connection] = await host.core.handlers.listConnections(undefined);
  expect(connection).toMatchObject({ provider: 'smenso', mode: 'tracked', label: 'Acme workspace' });
});

test('any provider can be tracked by hand when there is no API access', async ({ app, host }) => {
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Mailtrap/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Mailtrap' });
  await form.getByRole('radio', { name: 'Track by hand (no API access)' }).check();
  await expect(form.getByLabel('API token', { exact: true })).toHaveCount(0);
  await form.getByLabel('Connection name').fill('Mailtrap (no API)');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('article', { name: 'Mailtrap (no API)' })).toContainText('Tracked by hand');
  expect((await host.core.handlers.listConnections(undefined))[0]).toMatchObject({
    provider: 'mailtrap',
    mode: 'tracked',
  });
});

test('records a token by hand; bad values get their message before any call', async ({ app, host, wire }) => {
  await addTrackedConnection(host, 'Acme workspace');
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  await app.getByRole('button', { name: 'Track a token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'Track a token' });

  await dialog.getByLabel('Last 4 characters').fill('abc');
  await dialog.getByLabel('Expires').fill('');
  await dialog.getByRole('button', { name: 'Track token' }).click();
  await expect(dialog.getByText('Enter a name.')).toBeVisible();
  await expect(dialog.getByText('Enter exactly the last 4 characters, or leave it empty.')).toBeVisible();
  await expect(dialog.getByText('Enter the expiry date, or choose “Never expires”.')).toBeVisible();
  await expect(dialog.getByLabel('Name')).toBeFocused();
  // smenso tokens always expire, so "never" is not offered; and at most one year.
  await expect(dialog.getByRole('checkbox', { name: 'Never expires' })).toHaveCount(0);
  await dialog.getByLabel('Name').fill('CRM Integration - Production');
  await dialog.getByLabel('Last 4 characters').fill('a1b2');
  await dialog.getByLabel('Created').fill('2026-01-10');
  await dialog.getByLabel('Expires').fill('2027-06-01');
  await dialog.getByRole('button', { name: 'Track token' }).click();
  await expect(
    dialog.getByText('smenso tokens are valid for at most 1 year after they are created.'),
  ).toBeVisible();
  expect(wire.callsTo('addTrackedToken')).toHaveLength(0);

  await dialog.getByLabel('Expires').fill('2027-01-05');
  await dialog.getByLabel('Workspace').fill('Acme');
  await dialog.getByLabel('Note').fill('Nightly CRM export.');
  await dialog.getByRole('button', { name: 'Track token' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(
    app.getByTestId('toast').filter({ hasText: 'Tracking “CRM Integration - Production”' }),
  ).toBeVisible();
  await expect(grid(app).getByRole('gridcell', { name: 'CRM Integration - Production' })).toBeVisible();
  expect(wire.callsTo('addTrackedToken')).toHaveLength(1);
});

test('edits a tracked token, snoozes and resumes its reminders', async ({ app, host }) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, connection.id, {
    name: 'Billing webhook',
    accountName: 'Acme',
    last4: 'k3k3',
    expiresAt: host.clock.now() + 3 * 86_400_000,
  });
  await grid(app).getByRole('gridcell', { name: 'Billing webhook' }).click();
  await expect(app.getByRole('heading', { name: 'Billing webhook', exact: true })).toBeVisible();
  await expect(app.getByText('Recorded Billing webhook')).toBeVisible();

  await app.getByRole('button', { name: 'Edit' }).click();
  const dialog = app.getByRole('dialog', { name: 'Edit tracked token' });
  await expect(dialog.getByLabel('Name')).toHaveValue('Billing webhook');
  await dialog.getByLabel('Name').fill('Billing webhook (prod)');
  await dialog.getByLabel('Last 4 characters').fill('zz99');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('heading', { name: 'Billing webhook (prod)', exact: true })).toBeVisible();
  await expect(app.getByRole('article')).toContainText('zz99');
  await expect(app.getByText('Edited recorded metadata')).toBeVisible();

  await app.getByLabel('Snooze reminders').selectOption('7');
  await expect(app.getByText(/Snoozed until/)).toBeVisible();
  await expect(app.getByTestId('attention-status')).toHaveText(/0 need attention/);
  await app.getByRole('button', { name: 'Resume reminders' }).click();
  await expect(app.getByTestId('attention-status')).toHaveText(/1 needs attention/);
});

test('renames a connection and removes it after asking', async ({ app, host }) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, connection.id, { name: 'Kept until removal' });
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  const card = app.getByRole('article', { name: 'Acme workspace' });
  // "1 token", not "1 active token": the count includes a token that has expired.
  await expect(card).toContainText('1 token');
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit connection' });
  await edit.getByLabel('Connection name').fill('');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByText('Enter a name.')).toBeVisible();
  await edit.getByLabel('Connection name').fill('Acme (renamed)');
  await edit.getByRole('button', { name: 'Save' }).click();
  const renamed = app.getByRole('article', { name: 'Acme (renamed)' });
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: 'Remove' }).click();
  const confirm = app.getByRole('dialog', { name: 'Remove “Acme (renamed)”?' });
  await expect(confirm).toContainText('forgets 1 token');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: 'Remove' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Remove connection' }).click();
  await expect(app.getByRole('heading', { name: 'No connections yet' })).toBeVisible();
  expect(await host.core.handlers.listConnections(undefined)).toEqual([]);
  expect((await host.core.handlers.listTokens({ offset: 0, limit: 10, includeInactive: true })).matched).toBe(
    0,
  );
});
