/**
 * Token care, part B (issue #15 items 3, 4, 8) through the UI against the simulators: a
 * replacement's name asked for where names are unique, one summary then the new token opened,
 * revoke warning about recent use, the app's own credential refused before the click, the
 * rotation chain agreeing with the audit trail, a manual rotation keeping the note, and dates in
 * the OS locale's format with UTC on hover.
 */
import type { Page } from '@playwright/test';
import {
  addTrackedConnection,
  connectMailtrap,
  connectThroughCore,
  copySecretAndClose,
  DAY,
  eachLook,
  expect,
  expectAccessible,
  screenshot,
  test,
  tokenRows,
  trackToken,
} from './fixtures';

async function openToken(app: Page, name: string) {
  await tokenRows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('smoxy replace and revoke: the new name is proposed and editable, a taken one refused, then the new token opens', async ({
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
  const name = plan.getByRole('textbox', { name: 'Name of the new token' });
  await expect(name).toHaveValue('Monitoring (new)');
  await expect(plan).toContainText('Names are unique at smoxy');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-rotate-name-${look}`);
  });
  await expectAccessible(app, 'rotate plan with the successor name');
  await app.setViewportSize({ width: 1280, height: 800 });

  // A name another token has: refused by the core, nothing created at smoxy.
  const creates = sim.count('POST /api/api-tokens');
  await name.fill('Cache purge');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(plan).toContainText('A token named “Cache purge” already exists here');
  expect(sim.count('POST /api/api-tokens')).toBe(creates);
  await name.fill('');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(plan.getByText('Enter a name for the new token.')).toBeVisible();

  await name.fill('Monitoring 2027');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  // The secret dialog does not repeat what confirming does; the question says it once.
  const secret = app.getByRole('dialog', { name: 'Copy the secret for “Monitoring 2027”' });
  await expect(secret).not.toContainText('then confirm');
  await copySecretAndClose(app, 'Monitoring 2027');
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  await expect(confirm).toContainText('deletes the old token at smoxy (“Monitoring”)');
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(
    app.getByTestId('toast').filter({
      hasText:
        'Rotated “Monitoring”: the old token was deleted at smoxy, and the new token “Monitoring 2027” replaces it.',
    }),
  ).toBeVisible();
  expect(sim.tokens.get(oldId)?.deleted).toBe(true);
  // The successor is open, and its audit line says which token was old and which is new.
  await expect(app.getByRole('heading', { name: 'Monitoring 2027', exact: true })).toBeVisible();
  await expect(app.getByRole('list').filter({ hasText: 'Replaces' })).toContainText('Monitoring');
  await app
    .getByRole('list')
    .filter({ hasText: 'Replaces' })
    .getByRole('button', { name: 'Monitoring' })
    .click();
  await expect(app.getByRole('region', { name: 'Activity' })).toContainText(
    'Deleted the old token “Monitoring”; the new token “Monitoring 2027” replaces it',
  );
  await expect(app.getByRole('region', { name: 'Activity' })).toContainText(
    'Created the new token “Monitoring 2027” at smoxy to replace the old token “Monitoring”',
  );
});

test('revoke warns about a token used in the last 7 days, and says when', async ({ app, host, sims }) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  await openToken(app, 'CI/CD pipeline');
  await app.getByRole('button', { name: 'Revoke' }).click();
  const dialog = app.getByRole('dialog', { name: 'Revoke “CI/CD pipeline”?' });
  const warning = dialog.getByRole('alert').filter({ hasText: 'was used' });
  await expect(warning).toContainText('“CI/CD pipeline” was used 1 hour ago');
  await expect(warning).toContainText('Something still relies on it');
  // The exact time, in UTC, on hover.
  await expect(warning.locator('time')).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-revoke-recent-${look}`);
  });
  await expectAccessible(app, 'revoke warning about recent use');
  await app.setViewportSize({ width: 1280, height: 800 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A token last used long ago gets no such warning.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Legacy CDN hook');
  await app.getByRole('button', { name: 'Revoke' }).click();
  const old = app.getByRole('dialog', { name: 'Revoke “Legacy CDN hook”?' });
  await expect(old).toContainText('This takes effect immediately.');
  await expect(old.getByText('was used')).toHaveCount(0);
});

test('the app’s own credential: Revoke is off before the click, with the reason', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await connectMailtrap(host, sims);
  await openToken(app, 'Tokenkeeper');
  const revoke = app.getByRole('button', { name: 'Revoke' });
  await expect(revoke).toBeDisabled();
  await expect(
    app.getByText(/^Revoke is not available: .*Revoking it would cut the connection off\./),
  ).toBeVisible();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-revoke-own-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  expect(sim.authenticates(seed.credential)).toBe(true);
});

test('Mailtrap reset: one summary, then the new token opens; dates in the locale format with UTC on hover', async ({
  app,
  host,
  sims,
}) => {
  await connectMailtrap(host, sims);
  await openToken(app, 'Production SMTP');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Production SMTP”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  const secret = app.getByRole('dialog', { name: 'Copy the secret for “Production SMTP”' });
  await expect(secret).toContainText('The old token keeps working until');
  // The core's UTC minute is written in the locale's format, the UTC text on hover.
  await expect(secret).not.toContainText(' UTC');
  await expect(secret.locator('time')).toHaveAttribute('title', /UTC$/);
  await copySecretAndClose(app, 'Production SMTP');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const chain = app.getByRole('list').filter({ hasText: 'Replaces' });
  await expect(chain).toContainText('Production SMTP');
  const activity = app.getByRole('region', { name: 'Activity' });
  await chain.getByRole('button', { name: 'Production SMTP' }).click();
  await expect(activity).toContainText(
    'Reset “Production SMTP” at Mailtrap: the new token replaces the old one',
  );
  await expect(activity).not.toContainText(' UTC');
  await expect(activity.locator('time').first()).toHaveAttribute('title', /UTC$/);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-audit-dates-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
});

test('a rotation in place: the Rotation chain says so, as the audit trail does', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await sims.mirox();
  await connectThroughCore(host, 'mirox', sim.url, {}, 'Mirox');
  await openToken(app, 'Report exporter');
  await expect(app.getByText('This token has not been rotated.')).toBeVisible();
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Report exporter”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  await copySecretAndClose(app, 'Report exporter');
  await expect(app.getByText('This token has not been rotated.')).toHaveCount(0);
  await expect(
    app.getByText(/^Rotated in place once, last on .+: the same token carries a new secret\.$/),
  ).toBeVisible();
  await expect(app.getByRole('region', { name: 'Activity' })).toContainText(
    'Rotated “Report exporter” at Mirox in place',
  );
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-chain-in-place-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
});

test('a manual rotation keeps the old token’s note', async ({ app, host }) => {
  const connection = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, connection.id, {
    name: 'Timesheet bot',
    note: 'Payroll export; ask Dana before revoking.',
    expiresAt: host.clock.now() + 20 * DAY,
  });
  await openToken(app, 'Timesheet bot');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Timesheet bot”' })
    .getByRole('button', { name: 'Start' })
    .click();
  const manual = app.getByRole('dialog', { name: 'Rotate “Timesheet bot” by hand' });
  await expect(manual.getByLabel('Note')).toHaveValue('Payroll export; ask Dana before revoking.');
  await manual.getByLabel('Name').fill('Timesheet bot 2027');
  await manual.getByRole('button', { name: 'Record new token' }).click();
  await app
    .getByRole('dialog', { name: 'Have you updated every place that used the old token?' })
    .getByRole('button', { name: 'Yes, finish rotation' })
    .click();
  await expect(app.getByRole('heading', { name: 'Timesheet bot 2027', exact: true })).toBeVisible();
  await expect(
    app.getByRole('region', { name: 'Notes and ownership' }).getByRole('textbox', { name: /^Note/ }),
  ).toHaveValue('Payroll export; ask Dana before revoking.');
  // The old token's audit trail says which is old and which is new.
  await app
    .getByRole('list')
    .filter({ hasText: 'Replaces' })
    .getByRole('button', { name: 'Timesheet bot' })
    .click();
  await expect(app.getByRole('region', { name: 'Activity' })).toContainText(
    'Recorded the new token “Timesheet bot 2027” as the successor of the old token “Timesheet bot”',
  );
});

test('the create form: organizations by name, expiry presets up to the provider maximum, a warning on “never”', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  await connectMailtrap(host, sims);
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Connection').selectOption({ label: 'smoxy' });
  await expect(dialog.getByRole('checkbox', { name: 'Acme GmbH' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Acme Labs' }).check();
  await dialog.getByRole('radio', { name: 'Never expires' }).check();
  await expect(dialog.getByText('a leaked copy works forever')).toBeVisible();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `care-create-pickers-${look}`);
  });
  await expectAccessible(app, 'create form with the organization picker');
  await app.setViewportSize({ width: 1280, height: 800 });
  // A provider with a maximum: it is a preset of its own.
  await dialog.getByLabel('Connection').selectOption({ label: 'Mailtrap' });
  const presets = dialog.getByRole('group', { name: 'Expiry presets' });
  await expect(presets.getByRole('button')).toHaveText([
    '7 days',
    '30 days',
    '90 days',
    '1 year',
    'Maximum (5 years)',
  ]);
});
