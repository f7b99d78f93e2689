/**
 * The measured "add a provider", through the real renderer: the test host starts with one more
 * provider module (Orbitly, test/fixtures/providers: its folder, its simulator, one registry line)
 * and the window offers it in the connection form, lists its keys with its name and colour, filters
 * by it, shows its badges and exports its keys, though no file of the app names it.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { seedOrbitly, startOrbitly, type OrbitlySimulator } from '../fixtures/providers/orbitly/simulator';
import { WITH_ORBITLY } from '../fixtures/providers/registry';
import {
  addTrackedConnection,
  eachLook,
  expect,
  expectAccessible,
  FAST_HTTP,
  screenshot,
  test,
} from './fixtures';

test.use({
  hostOptions: { configure: (deps) => ({ ...deps, http: FAST_HTTP, proxyEnv: {}, providers: WITH_ORBITLY }) },
});

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

let sim: OrbitlySimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

test('a provider added by its module alone: connection form, list, filters, badges and exports', async ({
  app,
  host,
}) => {
  sim = await startOrbitly({ now: () => host.clock.now() });
  const { adminKey } = seedOrbitly(sim);

  // The first run names it among the providers, and the connection form offers it with its own fields.
  await expect(
    app.getByText(
      /across Cloudflare, Datadog, GitHub, GitLab, Mailtrap, Mirox, npm, Orbitly, smenso, smoxy and Vercel/,
    ),
  ).toBeVisible();
  await app.getByRole('button', { name: 'Add connection' }).click();
  const chooser = app.getByRole('dialog', { name: 'Add connection' });
  await expect(chooser.getByRole('button', { name: /Orbitly/ })).toContainText(
    'Project keys managed with an admin key',
  );
  await chooser.getByRole('button', { name: /Orbitly/ }).click();
  const form = app.getByRole('dialog', { name: 'Add Orbitly' });
  await expect(form.getByText('An Orbitly admin key. It is kept only in your OS keychain.')).toBeVisible();
  await form.getByLabel('Connection name').fill('Launchpad keys');
  await form.getByRole('textbox', { name: 'Admin key' }).fill(adminKey);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await screenshot(app, 'add-provider-form');
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);

  // The list: its keys, its name beside its brand colour, its badges (it reports last use).
  const nightly = row(app, 'Nightly export');
  await expect(nightly).toBeVisible();
  await expect(grid(app).getByRole('row')).toHaveCount(4);
  await expect(nightly.getByText('Orbitly', { exact: true })).toBeVisible();
  await expect(nightly.locator('.provider-dot')).toHaveCSS('background-color', 'rgb(47, 93, 138)');
  await expect(nightly).toContainText('Never used');
  await expect(nightly).toContainText('Expires ≤ 7 days');
  await expect(row(app, 'Old importer')).toContainText('Unused 90+ days');
  await screenshot(app, 'add-provider-list');

  // Filters: by the provider, and by a badge only providers that report last use can have.
  await app.getByRole('button', { name: 'Filters' }).click();
  const filters = app.getByRole('region', { name: 'Filters' });
  await filters.getByRole('checkbox', { name: 'Mailtrap', exact: true }).check();
  await expect(app.getByRole('heading', { name: 'No tokens match' })).toBeVisible();
  await filters.getByRole('checkbox', { name: 'Mailtrap', exact: true }).uncheck();
  await filters.getByRole('checkbox', { name: 'Orbitly', exact: true }).check();
  await expect(grid(app).getByRole('row')).toHaveCount(4);
  await filters.getByRole('checkbox', { name: 'Never used' }).check();
  await expect(grid(app).getByRole('row')).toHaveCount(2);
  await expect(nightly).toBeVisible();
  await filters.getByRole('checkbox', { name: 'Never used' }).uncheck();
  await filters.getByRole('checkbox', { name: 'Orbitly', exact: true }).uncheck();

  // The details word it the provider's way: its name, its noun for where a key belongs.
  await nightly.getByRole('gridcell', { name: 'Nightly export', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Nightly export' })).toBeVisible();
  await expect(app.getByText('Synced from Orbitly')).toBeVisible();
  await expect(app.getByRole('term').filter({ hasText: 'Project' })).toBeVisible();

  // Exports carry its keys.
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await app.getByRole('button', { name: 'Export CSV' }).click();
  await expect.poll(() => host.fakes.system.saved.length).toBe(1);
  const csv = fs.readFileSync(host.fakes.system.saved[0]?.path ?? '', 'utf8');
  expect(
    csv.split('\r\n').filter((line) => line.startsWith('orbitly,Launchpad keys,Launchpad,')),
  ).toHaveLength(3);
});

test('the screens that show it, at 1280x800 and 960x640, light and dark', async ({ app, host }) => {
  // Twenty-four screens, each checked by axe-core.
  test.setTimeout(300_000);
  sim = await startOrbitly({ now: () => host.clock.now() });
  const { adminKey } = seedOrbitly(sim);
  const capture = async (name: string) => {
    await expectAccessible(app, name);
    await screenshot(app, name);
  };
  await eachLook(app, host, async (look) => {
    await capture(`orbitly-first-run-${look}`);
    await app.getByRole('button', { name: 'Add connection' }).first().click();
    await capture(`orbitly-add-connection-${look}`);
    await app
      .getByRole('dialog', { name: 'Add connection' })
      .getByRole('button', { name: /Orbitly/ })
      .click();
    await capture(`orbitly-form-${look}`);
    await app.getByRole('dialog', { name: 'Add Orbitly' }).getByRole('button', { name: 'Cancel' }).click();
    await expect(app.getByRole('dialog')).toHaveCount(0);
  });
  const draft = await host.core.handlers.beginConnection({
    provider: 'orbitly',
    mode: 'api',
    label: 'Launchpad keys',
    baseUrl: sim.url,
    fields: { adminKey },
  });
  await host.core.handlers.completeConnection({
    draftId: draft.draftId,
    label: 'Launchpad keys',
    accountIds: [],
  });
  await host.core.services.sync.whenIdle();
  await addTrackedConnection(host);
  await app.reload();
  await eachLook(app, host, async (look) => {
    await app.getByRole('button', { name: /^All tokens/ }).click();
    await expect(row(app, 'Nightly export')).toBeVisible();
    await capture(`orbitly-tokens-${look}`);
    await row(app, 'Nightly export').getByRole('gridcell', { name: 'Nightly export', exact: true }).click();
    await expect(app.getByRole('heading', { name: 'Nightly export' })).toBeVisible();
    await capture(`orbitly-detail-${look}`);
    await app.getByRole('button', { name: 'Connections', exact: true }).click();
    await expect(app.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
    await capture(`orbitly-connections-${look}`);
  });
});
