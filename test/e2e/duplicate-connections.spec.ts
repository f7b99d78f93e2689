/**
 * The same account connected twice: a second smoxy sign-in with the e-mail already connected, and
 * a Mailtrap token whose accounts are all connected, are refused with "Already connected as …",
 * offering to open the connection there; nothing is half-written (no connection, no keychain
 * entry, no token row), and the list still shows each token once.
 */
import type { Page } from '@playwright/test';
import { connectThroughCore, eachLook, expect, screenshot, test } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });

async function openForm(app: Page, provider: RegExp, title: string) {
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: provider }).click();
  return app.getByRole('dialog', { name: title });
}

test('a smoxy account connected twice is refused, offering the existing connection', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(
    host,
    'smoxy',
    sim.url,
    { email: seed.email, password: seed.password },
    'Ops smoxy',
  );
  await app.reload();
  await expect(grid(app).getByRole('gridcell', { name: 'CI/CD pipeline', exact: true })).toHaveCount(1);
  const rowsBefore = await grid(app).getByRole('row').count();
  const before = {
    connections: host.core.context.repos.connections.list().length,
    keychain: host.fakes.credentials.values.size,
    tokens: host.core.context.db.prepare('SELECT COUNT(*) AS n FROM tokens').get(),
  };

  const form = await openForm(app, /smoxy/, 'Add smoxy');
  await form.getByLabel('Connection name').fill('smoxy again');
  await form.getByLabel('E-mail').fill(seed.email);
  await form.getByLabel('Password', { exact: true }).fill(seed.password);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Sign in and connect' }).click();
  await expect(form.getByRole('alert')).toContainText('Already connected as “Ops smoxy”.');
  const open = form.getByRole('button', { name: 'Open “Ops smoxy”' });
  await expect(open).toBeVisible();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `duplicate-smoxy-${look}`);
  });

  // Nothing half-written: no second connection, no keychain entry, no token row.
  expect({
    connections: host.core.context.repos.connections.list().length,
    keychain: host.fakes.credentials.values.size,
    tokens: host.core.context.db.prepare('SELECT COUNT(*) AS n FROM tokens').get(),
  }).toEqual(before);

  // "Open" shows the existing connection's tokens, each once.
  await open.click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(grid(app).getByRole('gridcell', { name: 'CI/CD pipeline', exact: true })).toHaveCount(1);
  expect(await grid(app).getByRole('row').count()).toBe(rowsBefore);
});

test('a Mailtrap token whose accounts are all connected is refused before the account step', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.mailtrap();
  // Both accounts the token can manage (the third is viewer only).
  await connectThroughCore(host, 'mailtrap', sim.url, { apiToken: seed.credential }, 'Work mail', [
    String(seed.accounts.acme),
    String(seed.accounts.side),
  ]);
  await app.reload();
  const before = host.fakes.credentials.values.size;

  const form = await openForm(app, /Mailtrap/, 'Add Mailtrap');
  await form.getByLabel('Connection name').fill('Again');
  await form.getByRole('textbox', { name: 'API token' }).fill(seed.credential);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(sim.url);
  await form.getByRole('button', { name: 'Check token' }).click();
  await expect(form.getByRole('alert')).toContainText('Already connected as “Work mail”.');
  await expect(app.getByRole('dialog', { name: 'Choose accounts' })).toHaveCount(0);
  await screenshot(app, 'duplicate-mailtrap');
  expect(host.core.context.repos.connections.list().map((c) => c.label)).toEqual(['Work mail']);
  expect(host.fakes.credentials.values.size).toBe(before);
});
