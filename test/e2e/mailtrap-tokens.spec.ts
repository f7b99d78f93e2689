/**
 * Mailtrap as its API is today, through the UI against the simulator (which follows the official
 * SDK): create with an expiry preset and admin permission; reset that token from the list with
 * the new token's expiry shown (the old lifetime by default); then the token already reset offers
 * "Create a replacement" instead of a dead end. Each screen is captured at 1280x800 and 960x640,
 * light and dark.
 */
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import {
  DAY,
  connectMailtrap,
  copySecretAndClose,
  expect,
  screenshot,
  setTheme,
  test,
  tokenRows,
} from './fixtures';

/** The screen as it is, in both sizes and both themes; back to light at 1280x800 afterwards. */
async function shots(app: Page, host: TestHost, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app, host, theme);
    for (const [width, height] of [
      [1280, 800],
      [960, 640],
    ] as const) {
      await app.setViewportSize({ width, height });
      await screenshot(app, `mailtrap-${name}-${width}x${height}-${theme}`);
    }
  }
  await setTheme(app, host, 'light');
  await app.setViewportSize({ width: 1280, height: 800 });
}

test('Mailtrap: create with an expiry and admin permission, reset it from the list, then a token already reset offers “Create a replacement”', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  await expect(tokenRows(app, 'Production SMTP')).toBeVisible();

  // Create: a 90-day preset and admin on the account.
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Account').selectOption({ label: 'Acme Mail' });
  await dialog.getByLabel('Name').fill('Deploy bot');
  await expect(dialog.getByText('Hygiene risk')).toBeVisible();
  await dialog.getByRole('button', { name: '90 days' }).click();
  await expect(dialog.getByRole('button', { name: '90 days' })).toHaveAttribute('aria-pressed', 'true');
  await dialog.getByRole('radio', { name: 'Admin on account Acme Mail' }).check();
  await shots(app, host, 'create');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Deploy bot');
  await expect(tokenRows(app, 'Deploy bot')).toBeVisible();
  await expect(tokenRows(app, 'Deploy bot')).toContainText('Admin on account Acme Mail');
  const [created] = sim.findByName('Deploy bot');
  expect(created?.resources).toEqual([{ resource_type: 'account', resource_id: 3229, access_level: 100 }]);
  expect(Math.round(((created?.expiresAt ?? 0) - Date.now()) / DAY)).toBe(90);

  // Reset it from the list: the new token gets the same 90 days by default.
  await tokenRows(app, 'Deploy bot').first().click();
  await expect(app.getByRole('heading', { name: 'Deploy bot', exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Deploy bot”' });
  await expect(plan.getByRole('heading', { name: 'What will happen at Mailtrap' })).toBeVisible();
  await expect(plan.getByRole('group', { name: 'The new token expires' })).toBeVisible();
  await expect(plan.getByLabel('Expiry date')).not.toHaveValue('');
  await shots(app, host, 'reset-plan');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(app.getByRole('dialog', { name: 'Copy the secret for “Deploy bot”' })).toContainText(
    'The old token keeps working until',
  );
  await copySecretAndClose(app, 'Deploy bot');
  // The new token is open; the old one is a link away in the chain.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await app
    .getByRole('list')
    .filter({ hasText: 'Replaces' })
    .getByRole('button', { name: 'Deploy bot' })
    .click();
  const successor = sim.findByName('Deploy bot').find((t) => t.resetAt === null);
  expect(Math.round(((successor?.expiresAt ?? 0) - Date.now()) / DAY)).toBe(90);

  // The old one is in its grace period: Mailtrap would refuse a second reset, so a replacement is offered.
  await expect(app.getByText('In grace period (replaced; still works for a short time)')).toBeVisible();
  await app.getByRole('button', { name: 'Rotate' }).click();
  const again = app.getByRole('dialog', { name: 'Rotate “Deploy bot”' });
  await expect(again).toContainText('This token has already been rotated and is in its grace period.');
  await expect(again).toContainText('Create a replacement instead');
  await shots(app, host, 'replacement-plan');
  await again.getByRole('button', { name: 'Create a replacement' }).click();
  await copySecretAndClose(app, 'Deploy bot');
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  await shots(app, host, 'replacement-confirm');
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  // Two tokens named “Deploy bot” live at Mailtrap: the reset's successor and the replacement.
  expect(sim.findByName('Deploy bot').filter((t) => t.resetAt === null)).toHaveLength(2);
  expect(sim.count('POST /api/accounts/:accountId/api_tokens/:id/reset')).toBe(1);
  // The old token's lifetime is hidden by its grace period, so the replacement got a year.
  const replacement = sim.findByName('Deploy bot').at(-1);
  expect(Math.round(((replacement?.expiresAt ?? 0) - Date.now()) / DAY)).toBe(365);
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(tokenRows(app, 'Deploy bot')).toHaveCount(2);
  await shots(app, host, 'list-after');
});
