/**
 * Datadog through the real renderer against its simulator, standing in for the EU1 site: the Add
 * form offers the sites (EU1 picked fills the address with its API host), the connection is made
 * on the simulator's address, and a second simulator standing in for the default US1 site gets
 * no request at all: the key pair went only to the chosen host. Then both kinds of key in the one
 * list (scopes, owner, last use), an application key created with scopes, an API key without,
 * an API key replaced and the old one deleted after confirming, one revoked; no secret is left in
 * the page, its storage or the events. Screens at 1280x800 and 960x640, light and dark.
 */
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import { makeCanary } from '../security/canary';
import { seedDatadog, startDatadog, type DatadogSimulator } from '../simulators/datadog';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  screenshot,
  setTheme,
  test,
  openToken,
  tokenRows as rows,
} from './fixtures';

const started: DatadogSimulator[] = [];
test.afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function restoreLook(app: Page, host: TestHost) {
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
}

test('Datadog on a non-default site: connect, both kinds listed, create, replace, revoke; the keys go only to that site', async ({
  app,
  host,
}) => {
  test.setTimeout(150_000);
  const eu = await startDatadog({ now: () => host.clock.now() });
  const us = await startDatadog({ now: () => host.clock.now() });
  started.push(eu, us);
  const seed = seedDatadog(eu);
  seedDatadog(us);

  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Datadog/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Datadog' });
  const site = form.getByLabel('Site');
  await expect(site).toHaveValue('https://api.datadoghq.com');
  await site.selectOption({ label: 'EU1 (app.datadoghq.eu)' });
  await form.getByLabel('Connection name').fill('Datadog (Acme EU)');
  await form.getByRole('textbox', { name: 'API key' }).fill(seed.fields.apiKey);
  await form.getByRole('textbox', { name: 'Application key' }).fill(seed.fields.applicationKey);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await expect(form.getByLabel('Server address')).toHaveValue('https://api.datadoghq.eu');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `datadog-connect-site-${look}`);
  });
  await restoreLook(app, host);
  await expectAccessible(app, 'datadog connect');
  // The simulator plays the EU1 site (a loopback address: the test host's developer setting).
  await form.getByLabel('Server address').fill(eu.url);
  await expect(site).toHaveValue('');
  await form.getByRole('button', { name: 'Check token' }).click();
  const kinds = app.getByRole('dialog', { name: 'Choose key kinds' });
  await expect(kinds.getByRole('checkbox', { name: /API keys \(organization\)/ })).toBeChecked();
  await expect(kinds.getByRole('checkbox', { name: /Application keys \(organization\)/ })).toBeChecked();
  await kinds.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);

  // Both kinds in the one list.
  await expect(rows(app, 'Production agents')).toContainText('Organization API key');
  await expect(rows(app, 'Legacy intake')).toContainText('Never used');
  await expect(rows(app, 'Terraform')).toContainText('dashboards_read, dashboards_write, monitors_write');
  await expect(rows(app, 'Sam’s notebook')).toContainText('All of its owner’s permissions');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `datadog-list-${look}`);
  });
  await restoreLook(app, host);
  const [connection] = await host.core.handlers.listConnections(undefined);
  expect(connection?.effectiveBaseUrl).toBe(eu.url);

  // An application key, with scopes.
  const canaries = {
    app: makeCanary('DatadogApp'),
    api: makeCanary('DatadogApi'),
    rotated: makeCanary('DatadogRot'),
  };
  eu.queueSecrets(canaries.app, canaries.api, canaries.rotated);
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Key kind').selectOption({ label: 'Application keys (organization)' });
  await dialog.getByLabel('Name').fill('Status page');
  await dialog.getByRole('checkbox', { name: 'monitors_read' }).check();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `datadog-create-app-key-${look}`);
  });
  await restoreLook(app, host);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Status page');
  await expect(rows(app, 'Status page')).toContainText('monitors_read');
  expect([...eu.appKeys.values()].find((k) => k.name === 'Status page')?.scopes).toEqual(['monitors_read']);

  // An API key: no scopes offered.
  await app.getByRole('button', { name: 'New token' }).first().click();
  await dialog.getByLabel('Key kind').selectOption({ label: 'API keys (organization)' });
  await expect(dialog.getByRole('checkbox', { name: 'monitors_read' })).toHaveCount(0);
  await dialog.getByLabel('Name').fill('EU agents');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'EU agents');
  await expect(rows(app, 'EU agents')).toContainText('Organization API key');

  // Replace and revoke: a new key, then the old one deleted once confirmed.
  await openToken(app, 'Staging agents');
  const old = [...eu.apiKeys.values()].find((k) => k.name === 'Staging agents');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Staging agents”' });
  await expect(plan).toContainText('Datadog has no rotate action');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `datadog-rotate-plan-${look}`);
  });
  await restoreLook(app, host);
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Staging agents (new)');
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  expect(eu.apiKeys.has(old?.id ?? '')).toBe(true);
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect.poll(() => eu.apiKeys.has(old?.id ?? '')).toBe(false);
  expect(eu.authenticates(canaries.rotated)).toBe(true);

  // Revoke.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Legacy intake');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect.poll(() => [...eu.apiKeys.values()].some((k) => k.name === 'Legacy intake')).toBe(false);

  // The keys went to the chosen site only: the other site's host heard nothing.
  expect(us.requests).toHaveLength(0);
  expect(eu.requests.length).toBeGreaterThan(0);

  // Edit connection offers the sites too; another site is another origin: the keys would be asked again.
  await app.getByRole('button', { name: 'Connections' }).click();
  const card = app.getByRole('article', { name: 'Datadog (Acme EU)' });
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit connection' });
  await expect(edit.getByLabel('Site')).toHaveValue('');
  await edit.getByLabel('Site').selectOption({ label: 'US1 (app.datadoghq.com)' });
  await expect(edit.getByLabel('Server address')).toHaveValue('');
  await expect(edit.getByTestId('origin-change-note')).toContainText('https://api.datadoghq.com is not');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `datadog-edit-site-${look}`);
  });
  await restoreLook(app, host);
  await edit.getByRole('button', { name: 'Cancel' }).click();
  expect(us.requests).toHaveLength(0);

  // No secret in the page, its storage or the events (the copy-once dialogs are closed).
  const secrets = [seed.fields.apiKey, seed.fields.applicationKey, ...Object.values(canaries)];
  const page = await app.content();
  const storage = await app.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  const events = JSON.stringify(host.emitted);
  for (const secret of secrets) {
    expect(page).not.toContain(secret);
    expect(storage).not.toContain(secret);
    expect(events).not.toContain(secret);
  }
});
