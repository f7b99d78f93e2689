/**
 * Every screen and dialog in light and dark, with realistic data from the provider simulators:
 * axe-core must find zero violations on each, and a screenshot of each goes to
 * test-results/screenshots for people to look at.
 */
import type { Page } from '@playwright/test';
import { applyDemoPlan } from '../../src-main/core/services/demo-connections';
import { startDemoSimulators } from '../host/demo';
import type { TestHost } from '../host/server';
import type { Simulators } from './fixtures';
import {
  addTrackedConnection,
  connectThroughCore,
  DAY,
  expect,
  expectAccessible,
  screenshot,
  setTheme,
  test,
  trackToken,
  indexReady,
  openToken,
} from './fixtures';

async function seed(host: TestHost, sims: Simulators) {
  const mailtrap = await sims.mailtrap();
  const smoxy = await sims.smoxy();
  const mirox = await sims.mirox();
  await connectThroughCore(
    host,
    'mailtrap',
    mailtrap.sim.url,
    { apiToken: mailtrap.seed.credential },
    'Acme Mailtrap',
    [String(mailtrap.seed.accounts.acme), String(mailtrap.seed.accounts.side)],
  );
  await connectThroughCore(
    host,
    'smoxy',
    smoxy.sim.url,
    { email: smoxy.seed.email, password: smoxy.seed.password, apiToken: smoxy.seed.apiToken },
    'smoxy CDN',
  );
  await connectThroughCore(host, 'mirox', mirox.sim.url, {}, 'Mirox operations');
  const smenso = await addTrackedConnection(host, 'Acme workspace');
  const now = host.clock.now();
  await trackToken(host, smenso.id, {
    name: 'CRM Integration - Production',
    accountName: 'Acme',
    last4: 'a1b2',
    expiresAt: now + 40 * DAY,
    note: 'Nightly CRM export (owner: data team).',
  });
  await trackToken(host, smenso.id, {
    name: 'Reporting connector',
    accountName: 'Acme',
    last4: 'Zx9Q',
    createdAt: now - 370 * DAY,
    expiresAt: now - 5 * DAY,
  });
  return { mailtrap, smoxy, mirox };
}

/**
 * axe-clean, then a screenshot at the window's size and one at 960×640 (named `…-960x640-<theme>`),
 * so every screen is seen at both sizes. `both: false` where the screen itself sets the size.
 */
async function capture(page: Page, name: string, { both = true } = {}): Promise<void> {
  // Messages from earlier steps would cover the screen being shown.
  if ((await page.getByRole('dialog').count()) === 0) {
    const dismiss = page.getByRole('button', { name: 'Dismiss message' });
    while ((await dismiss.count()) > 0) await dismiss.first().click();
  }
  await expectAccessible(page, name);
  await screenshot(page, name);
  const size = page.viewportSize();
  if (!both || size === null || size.width === 960) return;
  await page.setViewportSize({ width: 960, height: 640 });
  // Two frames: the layout follows the new size. axe ran at the first size (the workspace tests
  // below run it at 960×640 too); twice per screen took this test past its time under load.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await screenshot(page, name.replace(/-(light|dark)$/, '-960x640-$1'));
  await page.setViewportSize(size);
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });

for (const theme of ['light', 'dark'] as const) {
  test(`every screen in ${theme}`, async ({ app, host, sims }) => {
    // Some 35 screens, each checked by axe-core and taken at both window sizes: on a machine
    // shared by several test runs this takes four minutes and more, so it gets eight.
    test.setTimeout(480_000);
    await setTheme(app, host, theme);
    await expect(app.getByRole('heading', { name: 'Welcome to Tokenkeeper' })).toBeVisible();
    await capture(app, `first-run-${theme}`);

    await app.getByRole('button', { name: 'Add connection' }).click();
    await expect(app.getByRole('dialog', { name: 'Add connection' })).toBeVisible();
    await capture(app, `add-connection-${theme}`);
    await app.getByRole('button', { name: /Mailtrap/ }).click();
    await expect(app.getByRole('dialog', { name: 'Add Mailtrap' })).toBeVisible();
    await capture(app, `add-connection-mailtrap-${theme}`);
    await app.getByRole('button', { name: 'Back' }).click();
    await app.getByRole('button', { name: /Mirox/ }).click();
    await capture(app, `add-connection-mirox-${theme}`);
    await app.getByRole('button', { name: 'Back' }).click();
    await app.getByRole('button', { name: /smoxy/ }).click();
    await capture(app, `add-connection-smoxy-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const empty = await addTrackedConnection(host, 'Empty workspace');
    await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
    await capture(app, `tokens-empty-${theme}`);
    await host.core.handlers.removeConnection({ connectionId: empty.id });

    const { mailtrap } = await seed(host, sims);
    await expect(grid(app).getByRole('gridcell', { name: 'Report exporter' })).toBeVisible();
    await capture(app, `tokens-${theme}`);

    await app.getByRole('button', { name: 'Filters' }).click();
    await app.getByRole('checkbox', { name: 'Never used' }).check();
    await expect(app.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
    await capture(app, `tokens-filters-${theme}`);
    await app.getByRole('button', { name: 'Clear filters' }).click();
    await app.getByRole('button', { name: 'Filters' }).click();

    await app.getByRole('searchbox', { name: 'Search tokens' }).fill('no such token');
    await expect(app.getByRole('heading', { name: 'No tokens match' })).toBeVisible();
    await capture(app, `tokens-no-match-${theme}`);
    await app.getByRole('searchbox', { name: 'Search tokens' }).fill('');

    await app.getByLabel('Group by').selectOption('provider');
    await expect(grid(app).locator('.group-label').first()).toHaveText('Mailtrap');
    await capture(app, `tokens-grouped-${theme}`);
    await app.getByLabel('Group by').selectOption('none');

    await app.getByRole('button', { name: 'New token' }).first().click();
    const create = app.getByRole('dialog', { name: 'New token' });
    await create.getByLabel('Connection').selectOption({ label: 'Mirox operations' });
    await create.getByRole('button', { name: 'Create token' }).click();
    await expect(create.getByText('Choose a permission group.')).toBeVisible();
    await capture(app, `create-token-mirox-${theme}`);
    await create.getByLabel('Connection').selectOption({ label: 'smoxy CDN' });
    await create.getByRole('checkbox', { name: 'Acme GmbH' }).check();
    await capture(app, `create-token-smoxy-${theme}`);
    await create.getByLabel('Connection').selectOption({ label: 'Acme Mailtrap' });
    await create.getByLabel('Account').selectOption({ label: 'Acme Mail' });
    await create.getByLabel('Name').fill('Checkout service');
    mailtrap.sim.queueSecrets('3f9a1c7e5b2d4f608a1e9c3b7d5f2a41');
    await create.getByRole('button', { name: 'Create token' }).click();
    const secret = app.getByRole('dialog', { name: 'Copy the secret for “Checkout service”' });
    await expect(secret.getByLabel('New secret')).not.toHaveValue('');
    await capture(app, `secret-${theme}`);
    await secret.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(secret.getByText('You will not see this secret again.')).toBeVisible();
    await capture(app, `secret-confirm-close-${theme}`);
    await secret.getByRole('button', { name: 'Go back' }).click();
    await secret.getByRole('button', { name: 'Copy secret' }).click();
    await expect(secret.getByText(/Copied\./)).toBeVisible();
    await capture(app, `secret-copied-${theme}`);
    await secret.getByRole('button', { name: 'Done' }).click();

    await app.getByRole('button', { name: 'Track a token' }).first().click();
    const track = app.getByRole('dialog', { name: 'Track a token' });
    await track.getByRole('button', { name: 'Track token' }).click();
    await expect(track.getByText('Enter a name.')).toBeVisible();
    await capture(app, `track-token-${theme}`);
    await track.getByRole('button', { name: 'Cancel' }).click();

    await openToken(app, 'Report exporter');
    await capture(app, `token-detail-mirox-${theme}`);
    await app.getByRole('button', { name: 'Rotate' }).click();
    await expect(app.getByRole('dialog', { name: 'Rotate “Report exporter”' })).toBeVisible();
    await capture(app, `rotate-plan-mirox-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await app.getByRole('button', { name: 'Revoke' }).click();
    await expect(app.getByRole('dialog', { name: 'Revoke “Report exporter”?' })).toContainText('immediately');
    await capture(app, `revoke-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('button', { name: 'Close details' }).click();
    await openToken(app, 'Monitoring');
    await app.getByRole('button', { name: 'Rotate' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Rotate now' }).click();
    const rotatedSecret = app.getByRole('dialog', { name: /Copy the secret for “Monitoring/ });
    await rotatedSecret.getByRole('button', { name: 'Copy secret' }).click();
    await rotatedSecret.getByRole('button', { name: 'Done' }).click();
    await expect(
      app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' }),
    ).toBeVisible();
    await capture(app, `rotate-confirm-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Not yet' }).click();
    await expect(app.getByText('A rotation is waiting for you')).toBeVisible();
    await capture(app, `token-detail-rotation-open-${theme}`);
    await app.getByRole('button', { name: 'Close details' }).click();
    await expect(app.getByTestId('open-operation')).toContainText(
      'Rotation of “Monitoring” is waiting for you',
    );
    await capture(app, `tokens-rotation-open-${theme}`);
    await app.getByTestId('open-operation').getByRole('button', { name: 'Open token' }).click();
    await app.getByRole('button', { name: 'Yes, finish rotation' }).click();
    await expect(app.getByText('A rotation is waiting for you')).toHaveCount(0);

    await app.getByRole('button', { name: 'Close details' }).click();
    // Finishing the rotation re-sorts the list: a row clicked too early is another token's.
    await openToken(app, 'CRM Integration - Production');
    await capture(app, `token-detail-tracked-${theme}`);
    await app.getByRole('button', { name: 'Rotate' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Start' }).click();
    await expect(
      app.getByRole('dialog', { name: 'Rotate “CRM Integration - Production” by hand' }),
    ).toBeVisible();
    await capture(app, `rotate-manual-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel rotation' }).first().click();
    await expect(app.getByRole('dialog')).toHaveCount(0);

    // A refused credential and a rate limit, as the connections view shows them.
    for (const token of mailtrap.sim.tokens.values())
      if (token.secret === mailtrap.seed.credential) token.deleted = true;
    await app.getByRole('button', { name: 'Connections', exact: true }).click();
    await app.getByRole('article', { name: 'Acme Mailtrap' }).getByRole('button', { name: 'Sync' }).click();
    await expect(app.getByRole('article', { name: 'Acme Mailtrap' })).toContainText('Needs a new credential');
    await expect(app.getByTestId('toast').filter({ hasText: 'refused the credential' })).toBeVisible();
    await capture(app, `connections-${theme}`);
    await app
      .getByRole('article', { name: 'Acme Mailtrap' })
      .getByRole('button', { name: 'Re-enter credential' })
      .click();
    await capture(app, `credential-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await app.getByRole('article', { name: 'smoxy CDN' }).getByRole('button', { name: 'Sign out' }).click();
    await app.getByRole('article', { name: 'smoxy CDN' }).getByRole('button', { name: 'Sign in' }).click();
    await capture(app, `sign-in-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await app.getByRole('article', { name: 'smoxy CDN' }).getByRole('button', { name: 'Edit' }).click();
    await capture(app, `edit-connection-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await app
      .getByRole('article', { name: 'Acme workspace' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await capture(app, `remove-connection-${theme}`);
    await app.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await app.getByRole('button', { name: /^All tokens/ }).click();
    // One line for all of them; the rest open below it on request.
    const strip = app.getByRole('region', { name: 'Needs your attention' });
    await strip.getByRole('button', { name: /more$/ }).click();
    await expect(app.getByTestId('connection-problem')).toHaveCount(2);
    await capture(app, `tokens-problems-${theme}`);
    await strip.getByRole('button', { name: 'Show less' }).click();
    await app.evaluate(() => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
      window.dispatchEvent(new Event('offline'));
    });
    await expect(app.getByTestId('offline-banner')).toBeVisible();
    await capture(app, `tokens-offline-${theme}`);

    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
    await capture(app, `settings-${theme}`);
  });
}

test('weak credential storage, in both themes', async ({ app, host }) => {
  host.fakes.credentials.backend = { backend: 'basic_text', weak: true, available: true };
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app, host, theme);
    await app.reload();
    await app.getByRole('button', { name: 'Add connection' }).click();
    await app
      .getByRole('dialog', { name: 'Add connection' })
      .getByRole('button', { name: /Mailtrap/ })
      .click();
    await expect(app.getByText('No system keyring is available')).toBeVisible();
    await capture(app, `weak-storage-${theme}`);
  }
});

/**
 * The workspace with the demo data in both window sizes, both themes and both densities: the
 * list, a token's details (beside the list, or instead of it when narrow), the command palette,
 * the expiry timeline, connections, settings and the shortcuts.
 */
for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [960, 640],
  ] as const) {
    test(`the workspace at ${width}×${height} in ${theme}, compact and comfortable`, async ({
      app,
      host,
    }) => {
      test.setTimeout(240_000);
      const demo = await startDemoSimulators({ now: () => host.clock.now() });
      try {
        host.fakes.sessions.login = async () => ({
          headers: { Cookie: await demo.mirox.login(demo.miroxSeed.email, demo.miroxSeed.password) },
        });
        await applyDemoPlan(host.core, demo.plan, host.core.context.log);
        await expect(grid(app).getByRole('gridcell', { name: 'Timesheet bot' })).toBeVisible();
        await indexReady(app);
        const views = app.getByRole('navigation', { name: 'Views' });
        await setTheme(app, host, theme);
        await app.setViewportSize({ width, height });
        const size = `${width}x${height}`;
        for (const density of ['compact', 'comfortable'] as const) {
          await host.core.handlers.updateSettings({ density });
          await views.getByRole('button', { name: /^All tokens/ }).click();
          await expect(app.locator('.app')).toHaveClass(new RegExp(`density-${density}`));
          await capture(app, `workspace-${size}-${density}-${theme}`, { both: false });
        }
        await grid(app).getByRole('gridcell', { name: 'Timesheet bot' }).click();
        await expect(app.getByRole('heading', { name: 'Timesheet bot' })).toBeVisible();
        await capture(app, `workspace-detail-${size}-${theme}`, { both: false });
        await app.keyboard.press('Escape');
        await views.getByRole('button', { name: /^Needs attention/ }).click();
        await capture(app, `workspace-attention-${size}-${theme}`, { both: false });
        await app.keyboard.press('Control+k');
        await app.getByRole('combobox', { name: 'Run a command or go to a token' }).fill('re');
        await capture(app, `palette-${size}-${theme}`, { both: false });
        await app.keyboard.press('Escape');
        await views.getByRole('button', { name: 'Upcoming' }).click();
        await expect(app.getByRole('group', { name: /^Expiry timeline/ })).toBeVisible();
        await capture(app, `upcoming-${size}-${theme}`, { both: false });
        await app.getByRole('radio', { name: '1 year' }).click();
        await capture(app, `upcoming-year-${size}-${theme}`, { both: false });
        await views.getByRole('button', { name: 'Connections', exact: true }).click();
        await capture(app, `connections-${size}-${theme}`, { both: false });
        await views.getByRole('button', { name: 'Settings', exact: true }).click();
        await capture(app, `settings-${size}-${theme}`, { both: false });
        await app.keyboard.press('Control+/');
        await capture(app, `shortcuts-${size}-${theme}`, { both: false });
        await app.keyboard.press('Escape');
      } finally {
        await demo.close();
      }
    });
  }
}
