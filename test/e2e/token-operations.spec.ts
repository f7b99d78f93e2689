/**
 * Create, rotate and revoke through the UI against the provider simulators: per-provider forms
 * checked before any call, limits shown, guided rotation for each provider's way of rotating
 * (with every way out), and revoke with its confirmation.
 */
import type { Page } from '@playwright/test';
import {
  DAY,
  addTrackedConnection,
  connectMailtrap,
  connectThroughCore,
  copySecretAndClose,
  expect,
  test,
  tokenRows,
  trackToken,
} from './fixtures';

async function openToken(app: Page, name: string) {
  await tokenRows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('Mirox: permission group, expiry default and maximum, the 64-token limit, then create', async ({
  app,
  host,
  sims,
  wire,
}) => {
  const { sim } = await sims.mirox();
  await connectThroughCore(host, 'mirox', sim.url, {}, 'Mirox');
  await expect(tokenRows(app, 'Report exporter')).toBeVisible();
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await expect(dialog.getByText('4 of 64 tokens used (Mirox allows at most 64).')).toBeVisible();
  await expect(dialog.getByText(/Default: 1 year\. At most 5 years/)).toBeVisible();
  // Five calendar years (a leap day makes that one day more than 5 × 365 days).
  const fiveYears = new Date();
  fiveYears.setUTCFullYear(fiveYears.getUTCFullYear() + 5);
  const localDay = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  await expect(dialog.getByLabel('Expiry date')).toHaveAttribute('max', localDay(fiveYears));
  await expect(dialog.getByRole('radio', { name: 'Never expires' })).toHaveCount(0);
  await expect(dialog.getByLabel('Expiry date')).not.toHaveValue('');

  await dialog.getByLabel('Name').fill('Warehouse sync');
  const tooLate = new Date(Date.now() + 6 * 365 * DAY);
  await dialog.getByLabel('Expiry date').fill(tooLate.toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Choose a permission group.')).toBeVisible();
  await expect(dialog.getByText('Mirox tokens are valid for at most 5 years.')).toBeVisible();
  expect(wire.callsTo('createToken')).toHaveLength(0);

  await dialog.getByLabel('Permission group').selectOption('Reporting');
  await dialog.getByLabel('Expiry date').fill(new Date(Date.now() + 90 * DAY).toISOString().slice(0, 10));
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Warehouse sync');
  await expect(tokenRows(app, 'Warehouse sync')).toBeVisible();
  expect(sim.liveTokens().some((t) => t.name === 'Warehouse sync' && t.permissionGroup === 'reporting')).toBe(
    true,
  );
});

test('Mirox: at 64 tokens, says so before calling', async ({ app, host, sims, wire }) => {
  const { sim, seed } = await sims.mirox();
  for (let i = 0; i < 60; i++)
    sim.addToken(seed.email, { name: `Filler ${i}`, permissionGroup: 'reporting' });
  await connectThroughCore(host, 'mirox', sim.url, {}, 'Mirox');
  await expect(app.getByTestId('match-count')).toHaveText('64 tokens');
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Name').fill('One too many');
  await dialog.getByLabel('Permission group').selectOption('Reporting');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(
    'Mirox allows at most 64 tokens. Revoke one before creating another.',
  );
  expect(wire.callsTo('createToken')).toHaveLength(0);
});

test('smoxy: organizations picked by name (narrowest first), unique names, then create', async ({
  app,
  host,
  sims,
  wire,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  await expect(tokenRows(app, 'Monitoring')).toBeVisible();
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  // A date by default, never "never"; the presets include 7 days.
  await expect(dialog.getByRole('radio', { name: 'Never expires' })).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: '90 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(dialog.getByRole('button', { name: '7 days' })).toBeVisible();
  await dialog.getByRole('radio', { name: 'Never expires' }).check();
  await expect(dialog.getByText('a leaked copy works forever')).toBeVisible();
  await dialog.getByRole('button', { name: '30 days' }).click();
  await dialog.getByLabel('Name').fill('Monitoring');
  // No organization picked, and "all" is not the default: nothing is sent.
  const all = dialog.getByRole('checkbox', { name: /^All organizations/ });
  await expect(all).not.toBeChecked();
  await expect(dialog.getByLabel('Organization IDs')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(
    dialog.getByText('Choose at least one organization, or allow all organizations.'),
  ).toBeVisible();
  expect(wire.callsTo('createToken')).toHaveLength(0);
  // Search by name, then pick.
  await dialog.getByRole('searchbox', { name: 'Search organizations' }).fill('gmbh');
  await expect(dialog.getByRole('checkbox', { name: 'Acme Labs' })).toHaveCount(0);
  await dialog.getByRole('checkbox', { name: 'Acme GmbH' }).check();
  await dialog.getByRole('searchbox', { name: 'Search organizations' }).fill('');
  await expect(dialog.getByRole('checkbox', { name: 'Partner AG' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Create token' }).click();
  // smoxy names must be unique: the core says so under the field, nothing was created.
  await expect(dialog.getByText(/You already have a smoxy token named “Monitoring”/)).toBeVisible();
  await dialog.getByLabel('Name').fill('Edge purge (Acme)');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Edge purge (Acme)');
  await expect(tokenRows(app, 'Edge purge (Acme)')).toContainText('Acme GmbH');
  expect(sim.liveTokens().find((t) => t.name === 'Edge purge (Acme)')?.organizations).toEqual([
    '/api/organizations/12',
  ]);
});

test('a provider error on create is shown in the form, and nothing is half-written', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  await expect(tokenRows(app, 'Production SMTP')).toBeVisible();
  const before = (await host.core.handlers.listTokens({ offset: 0, limit: 100, includeInactive: true }))
    .matched;
  sim.inject({
    route: 'POST /api/accounts/:accountId/api_tokens',
    fault: { kind: 'status', status: 422, body: { errors: { name: ['is invalid'] } } },
  });
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Account').selectOption({ label: 'Acme Mail' });
  await dialog.getByLabel('Name').fill('Rejected token');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByRole('alert').or(dialog.locator('.field-error'))).toBeVisible();
  await expect(app.getByRole('dialog', { name: /Copy the secret/ })).toHaveCount(0);
  expect(
    (await host.core.handlers.listTokens({ offset: 0, limit: 100, includeInactive: true })).matched,
  ).toBe(before);
  expect(sim.findByName('Rejected token')).toEqual([]);
});

test('Mailtrap rotation: says what happens, shows the new secret once, the old token enters its grace period', async ({
  app,
  host,
  sims,
}) => {
  await connectMailtrap(host, sims);
  await openToken(app, 'Production SMTP');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Production SMTP”' });
  await expect(plan.getByRole('heading', { name: 'What will happen at Mailtrap' })).toBeVisible();
  await expect(plan).toContainText('The old token keeps working for a short grace period');
  await expect(plan).toContainText('about 1 day');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  const secret = app.getByRole('dialog', { name: 'Copy the secret for “Production SMTP”' });
  await expect(secret).toContainText('The old token keeps working until');
  await copySecretAndClose(app, 'Production SMTP');
  // One summary (in the secret dialog), then the new token is open: no second modal.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByTestId('toast').filter({ hasText: 'Rotated “Production SMTP”.' })).toBeVisible();
  const chain = app.getByRole('list').filter({ hasText: 'Replaces' });
  await expect(chain).toContainText('Production SMTP');
  await expect(chain).toContainText('Grace period');
  // The chain link leads to the old token, in its grace period.
  await chain.getByRole('button', { name: 'Production SMTP' }).click();
  await expect(app.getByText('In grace period (replaced; still works for a short time)')).toBeVisible();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(tokenRows(app, 'Production SMTP')).toHaveCount(2);
  await expect(tokenRows(app, 'Production SMTP').filter({ hasText: 'Grace period' })).toHaveCount(1);
});

test('smoxy rotation: new token, secret, "have you updated every place?", then the old one is deleted', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  await openToken(app, 'Monitoring');
  const oldId = [...sim.tokens.values()].find((t) => t.name === 'Monitoring')!.id;
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Monitoring”' });
  await expect(plan).toContainText('Confirm, and the old token is deleted');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Monitoring (new)');
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  await expect(confirm).toContainText('deletes the old token at smoxy');
  expect(sim.tokens.get(oldId)?.deleted).toBe(false);
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  await expect(
    app.getByTestId('toast').filter({
      hasText:
        'Rotated “Monitoring”: the old token was deleted at smoxy, and the new token “Monitoring (new)” replaces it.',
    }),
  ).toBeVisible();
  expect(sim.tokens.get(oldId)?.deleted).toBe(true);
  // The successor is open.
  await expect(app.getByRole('heading', { name: 'Monitoring (new)', exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(tokenRows(app, 'Monitoring')).toHaveCount(0);
  await expect(tokenRows(app, 'Monitoring (new)')).toHaveCount(1);
});

test('smoxy rotation left open ("not yet") is listed, and can be abandoned safely from the token', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  await openToken(app, 'Cache purge');
  const oldId = [...sim.tokens.values()].find((t) => t.name === 'Cache purge')!.id;
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Cache purge (new)');
  await app
    .getByRole('dialog', { name: 'Have you updated every place that used the old token?' })
    .getByRole('button', { name: 'Not yet' })
    .click();
  await expect(app.getByTestId('toast').filter({ hasText: 'stays open' })).toBeVisible();
  // On the token itself the waiting rotation is offered with its actions; elsewhere a banner leads to it.
  await expect(app.getByText('A rotation is waiting for you')).toBeVisible();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(app.getByTestId('open-operation')).toContainText(
    'Rotation of “Cache purge” is waiting for you',
  );
  await app.getByTestId('open-operation').getByRole('button', { name: 'Open token' }).click();

  await app.getByRole('button', { name: 'Abandon' }).click();
  await expect(app.getByTestId('open-operation')).toHaveCount(0);
  await expect(app.getByText('A rotation is waiting for you')).toHaveCount(0);
  expect(sim.tokens.get(oldId)?.deleted).toBe(false);
});

test('Mirox rotation: the old secret stops at once, said before and after', async ({ app, host, sims }) => {
  const { sim } = await sims.mirox();
  await connectThroughCore(host, 'mirox', sim.url, {}, 'Mirox');
  await openToken(app, 'Report exporter');
  const before = [...sim.tokens.values()].find((t) => t.name === 'Report exporter')!.secret;
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Report exporter”' });
  await expect(plan).toContainText('The old secret stops working the moment you rotate.');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(app.getByRole('dialog', { name: 'Copy the secret for “Report exporter”' })).toContainText(
    'stopped working just now',
  );
  await copySecretAndClose(app, 'Report exporter');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(sim.authenticates(before)).toBe(false);
  // The chain and the audit trail agree: rotated in place, the same token with a new secret.
  await expect(
    app.getByText(/Rotated in place once, last on .*: the same token carries a new secret\./),
  ).toBeVisible();
  await expect(app.getByText('This token has not been rotated.')).toHaveCount(0);
  await expect(app.getByRole('region', { name: 'Activity' })).toContainText(
    'Rotated “Report exporter” at Mirox in place',
  );
});

test('smenso rotation by hand: steps, record the new token, confirm, the old one is retired', async ({
  app,
  host,
}) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, connection.id, { name: 'CRM export', accountName: 'Acme', last4: 'a1b2' });
  await openToken(app, 'CRM export');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “CRM export”' });
  await expect(plan).toContainText('Create a new token in the smenso console');
  await plan.getByRole('button', { name: 'Start' }).click();
  const manual = app.getByRole('dialog', { name: 'Rotate “CRM export” by hand' });
  await expect(manual.getByLabel('Name')).toHaveValue('CRM export');
  await manual.getByLabel('Last 4 characters').fill('x');
  await manual.getByRole('button', { name: 'Record new token' }).click();
  await expect(manual.getByText('Enter exactly the last 4 characters, or leave it empty.')).toBeVisible();
  await manual.getByLabel('Name').fill('CRM export (2026)');
  await manual.getByLabel('Last 4 characters').fill('n3w4');
  await manual.getByRole('button', { name: 'Record new token' }).click();
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  await expect(confirm).toContainText('deleted the old token in the smenso console');
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  // The new token is open, linked to the old one (now retired).
  await expect(app.getByRole('heading', { name: 'CRM export (2026)', exact: true })).toBeVisible();
  const chain = app.getByRole('list').filter({ hasText: 'Replaces' });
  await expect(chain).toContainText('CRM export');
  await chain.getByRole('button', { name: 'CRM export' }).click();
  await expect(app.getByText('Retired', { exact: true }).first()).toBeVisible();
});

test('abandoning a manual rotation leaves the token as it was', async ({ app, host }) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, connection.id, { name: 'CRM export' });
  await openToken(app, 'CRM export');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Cancel rotation' }).first().click();
  await expect(
    app.getByTestId('toast').filter({ hasText: 'Rotation of “CRM export” abandoned' }),
  ).toBeVisible();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(app.getByText('Active', { exact: true })).toBeVisible();
  expect(await host.core.handlers.listOperations({ onlyOpen: true })).toEqual([]);
});

test('revoke names the token, says it is immediate, and the list shows it at once', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  await openToken(app, 'Staging webhook');
  await app.getByRole('button', { name: 'Revoke' }).click();
  const dialog = app.getByRole('dialog', { name: 'Revoke “Staging webhook”?' });
  await expect(dialog).toContainText('This takes effect immediately.');
  await expect(dialog).toContainText('Mailtrap disables the token immediately');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(sim.findByName('Staging webhook')).toHaveLength(1);

  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Staging webhook”.' })).toBeVisible();
  await expect(app.getByText('Revoked', { exact: true }).first()).toBeVisible();
  expect(sim.findByName('Staging webhook')).toEqual([]);
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(tokenRows(app, 'Staging webhook')).toHaveCount(0);
  await app.getByRole('button', { name: 'Filters' }).click();
  await app.getByRole('checkbox', { name: 'Show revoked, removed and retired tokens' }).check();
  await expect(tokenRows(app, 'Staging webhook')).toContainText('Revoked');
});

test('revoking the token Tokenkeeper itself uses is refused before the click, with the reason', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await connectMailtrap(host, sims);
  await openToken(app, 'Tokenkeeper');
  await expect(app.getByText('This is the token Tokenkeeper uses for this connection.')).toBeVisible();
  const revoke = app.getByRole('button', { name: 'Revoke' });
  await expect(revoke).toBeDisabled();
  await expect(revoke).toHaveAccessibleDescription(/Revoking it would cut the connection off\./);
  await expect(
    app.getByText(/^Revoke is not available: “Tokenkeeper” is the token Tokenkeeper itself uses/),
  ).toBeVisible();
  expect(sim.authenticates(seed.credential)).toBe(true);
});

test('a manual rotation left open (the app was closed) is resumed from the token', async ({ app, host }) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  const tokenId = await trackToken(host, connection.id, { name: 'CRM export', accountName: 'Acme' });
  await host.core.handlers.startRotation({ tokenId });
  await openToken(app, 'CRM export');
  const waiting = app.getByRole('status').filter({ hasText: 'A rotation is waiting for you' });
  await expect(waiting).toContainText('Record the new token you created');
  await waiting.getByRole('button', { name: 'Record new token' }).click();
  const manual = app.getByRole('dialog', { name: 'Rotate “CRM export” by hand' });
  await manual.getByLabel('Name').fill('CRM export (new)');
  await manual.getByRole('button', { name: 'Record new token' }).click();
  await app
    .getByRole('dialog', { name: 'Have you updated every place that used the old token?' })
    .getByRole('button', { name: 'Yes, finish rotation' })
    .click();
  await expect(app.getByRole('heading', { name: 'CRM export (new)', exact: true })).toBeVisible();
  await expect(app.getByRole('list').filter({ hasText: 'Replaces' })).toContainText('Retired');
  expect(await host.core.handlers.listOperations({ onlyOpen: true })).toEqual([]);
});
