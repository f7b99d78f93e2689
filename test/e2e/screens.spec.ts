/**
 * Every screen in light and dark: a screenshot for people to look at (test-results/screenshots)
 * and axe-core with zero violations. The data is tokens recorded through the core; screens that
 * need a provider API are covered by the provider flows' own specs.
 */
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { addTrackedConnection, DAY, expect, expectAccessible, screenshot, setTheme, test, trackToken } from './fixtures';

async function seed(host: TestHost): Promise<{ tokenId: string }> {
  const acme = await addTrackedConnection(host, 'Acme workspace');
  const globex = await addTrackedConnection(host, 'Globex staging');
  const now = host.clock.now();
  const tokenId = await trackToken(host, acme.id, {
    name: 'CRM Integration - Production',
    accountName: 'Acme',
    last4: 'a1b2',
    expiresAt: now + 5 * DAY,
    note: 'Used by the nightly CRM export (owner: data team).',
  });
  await trackToken(host, acme.id, { name: 'Reporting dashboard', accountName: 'Acme', last4: 'Zx9Q', expiresAt: now - 2 * DAY });
  await trackToken(host, acme.id, { name: 'Billing webhook', accountName: 'Acme', last4: 'k3k3', expiresAt: now + 20 * DAY });
  await trackToken(host, globex.id, { name: 'Staging smoke tests', accountName: 'Globex', last4: '7f7f', expiresAt: now + 300 * DAY });
  await trackToken(host, globex.id, { name: 'Data warehouse loader', accountName: 'Globex', last4: 'q1w2', createdAt: now - 200 * DAY, expiresAt: now + 160 * DAY });
  return { tokenId };
}

async function capture(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen in ${theme}`, async ({ app, host }) => {
    await setTheme(app, host, theme);
    await expect(app.getByRole('heading', { name: 'Welcome to Tokenkeeper' })).toBeVisible();
    await capture(app, `first-run-${theme}`);

    await app.getByRole('button', { name: 'Add connection' }).click();
    await expect(app.getByRole('dialog', { name: 'Add connection' })).toBeVisible();
    await capture(app, `add-connection-${theme}`);
    await app.getByRole('button', { name: /smenso/ }).click();
    await expect(app.getByRole('dialog', { name: 'Add smenso' })).toBeVisible();
    await capture(app, `add-connection-form-${theme}`);
    await app.getByRole('button', { name: 'Cancel' }).click();

    const { tokenId } = await seed(host);
    await expect(app.getByRole('gridcell', { name: 'CRM Integration - Production' })).toBeVisible();
    await capture(app, `tokens-${theme}`);

    await app.getByRole('button', { name: 'Filters' }).click();
    await capture(app, `tokens-filters-${theme}`);
    await app.getByRole('button', { name: 'Filters' }).click();

    await app.getByLabel('Group by').selectOption('connection');
    await expect(app.getByRole('gridcell', { name: /^Globex staging · smenso/ })).toBeVisible();
    await capture(app, `tokens-grouped-${theme}`);
    await app.getByLabel('Group by').selectOption('none');

    await app.getByRole('button', { name: 'Track a token' }).first().click();
    await expect(app.getByRole('dialog', { name: 'Track a token' })).toBeVisible();
    await capture(app, `track-token-${theme}`);
    await app.getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('gridcell', { name: 'CRM Integration - Production' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'CRM Integration - Production' })).toBeVisible();
    await capture(app, `token-detail-${theme}`);

    await app.getByRole('button', { name: 'Rotate' }).click();
    await expect(app.getByRole('dialog', { name: /Rotate/ })).toBeVisible();
    await capture(app, `rotate-plan-${theme}`);
    await app.getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('button', { name: 'Revoke' }).click();
    await expect(app.getByRole('dialog', { name: /Revoke/ })).toBeVisible();
    await capture(app, `revoke-${theme}`);
    await app.getByRole('button', { name: 'Cancel' }).click();
    expect(tokenId).toBeTruthy();

    await app.getByRole('button', { name: 'Connections' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
    await capture(app, `connections-${theme}`);

    await app.getByRole('button', { name: 'Settings' }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
    await capture(app, `settings-${theme}`);
  });
}
