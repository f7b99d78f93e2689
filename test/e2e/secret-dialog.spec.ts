/**
 * The copy-once secret dialog, against the Mailtrap simulator: the new secret is shown once, in
 * the dialog only; copy goes through main and the clipboard is cleared after the delay only if it
 * still holds the secret; closing without copying asks first; after closing, the secret is in
 * neither the DOM, the stores, localStorage nor sessionStorage, and main no longer holds it.
 */
import type { Page } from '@playwright/test';
import type { ManualClock } from '../host/clock';
import type { TestHost } from '../host/server';
import type { MailtrapSeed, MailtrapSimulator } from '../simulators/mailtrap';
import { connectThroughCore, expect, rendererState, test } from './fixtures';

test.use({ manualClock: true });

const CANARY = 'canary0secret1value2never3stored4';

async function createMailtrapToken(
  app: Page,
  host: TestHost,
  sim: MailtrapSimulator,
  seed: MailtrapSeed,
  wire: { callsTo(c: string): unknown[] },
) {
  await connectThroughCore(host, 'mailtrap', sim.url, { apiToken: seed.credential }, 'Acme Mailtrap', [
    String(seed.accounts.acme),
  ]);
  await expect(
    app.getByRole('grid', { name: 'Tokens' }).getByRole('gridcell', { name: 'Production SMTP' }),
  ).toBeVisible();
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await expect(
    dialog.getByText('Mailtrap tokens created through the API have no expiry date.'),
  ).toBeVisible();
  // Nothing is sent while the form is incomplete.
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog.getByText('Enter a name.')).toBeVisible();
  await expect(dialog.getByText('Choose the account the token belongs to.')).toBeVisible();
  expect(wire.callsTo('createToken')).toHaveLength(0);

  await dialog.getByLabel('Account').selectOption({ label: 'Acme Mail' });
  await dialog.getByLabel('Name').fill('Checkout service');
  sim.queueSecrets(CANARY);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const secret = app.getByRole('dialog', { name: 'Copy the secret for “Checkout service”' });
  await expect(secret.getByLabel('New secret')).toHaveValue(CANARY);
  return secret;
}

async function expectSecretGone(app: Page, host: TestHost): Promise<void> {
  const state = await rendererState(app);
  expect(state.dom).not.toContain(CANARY);
  expect(state.stores).not.toContain(CANARY);
  expect(state.localStorage).not.toContain(CANARY);
  expect(state.sessionStorage).not.toContain(CANARY);
  expect(host.core.context.vault.size).toBe(0);
}

test('shows the secret once, copies it through main, and wipes it everywhere on close', async ({
  app,
  host,
  sims,
  wire,
}) => {
  const { sim, seed } = await sims.mailtrap();
  const secret = await createMailtrapToken(app, host, sim, seed, wire);
  await expect(secret.getByLabel('New secret')).toHaveCSS('font-family', /mono/i);
  // While the dialog is open the secret is only in the dialog, never in a store.
  expect((await rendererState(app)).stores).not.toContain(CANARY);
  expect(host.fakes.system.contentProtected).toBe(true);

  await secret.getByRole('button', { name: 'Copy secret' }).click();
  await expect(
    secret.getByText(
      /Copied\. The clipboard will be cleared in 30 seconds \(at .+\) if it still holds this secret\./,
    ),
  ).toBeVisible();
  expect(host.fakes.clipboard.text).toBe(CANARY);
  expect(host.fakes.clipboard.concealedWrites).toBe(1);
  expect(wire.callsTo('revealSecret')).toHaveLength(1);

  await secret.getByRole('button', { name: 'Done' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(
    app.getByRole('grid', { name: 'Tokens' }).getByRole('gridcell', { name: 'Checkout service' }),
  ).toBeVisible();
  await expect.poll(() => wire.callsTo('discardSecret').length).toBe(1);
  await expectSecretGone(app, host);
  expect(host.fakes.system.contentProtected).toBe(false);

  // The clipboard still holds it until the delay is over; then main clears it.
  expect(host.fakes.clipboard.text).toBe(CANARY);
  (host.clock as ManualClock).advance(29_000);
  expect(host.fakes.clipboard.text).toBe(CANARY);
  (host.clock as ManualClock).advance(1_000);
  await expect.poll(() => host.fakes.clipboard.text).toBe('');
  await expect(app.getByTestId('toast').filter({ hasText: 'The clipboard was cleared.' })).toBeVisible();
});

test('leaves the clipboard alone when it no longer holds the secret', async ({ app, host, sims, wire }) => {
  const { sim, seed } = await sims.mailtrap();
  await host.core.handlers.updateSettings({ clipboardClearSeconds: 10 });
  const secret = await createMailtrapToken(app, host, sim, seed, wire);
  await secret.getByRole('button', { name: 'Copy secret' }).click();
  await expect(secret.getByText(/cleared in 10 seconds/)).toBeVisible();
  expect(host.fakes.clipboard.text).toBe(CANARY);
  // The user copies something else before the delay is over.
  host.fakes.clipboard.text = 'an address the user copied afterwards';
  (host.clock as ManualClock).advance(10_000);
  await app.evaluate(() => window.tokenkeeper.getSettings());
  expect(host.fakes.clipboard.text).toBe('an address the user copied afterwards');
  await expect(secret.getByText('The clipboard was cleared.')).toHaveCount(0);
  await secret.getByRole('button', { name: 'Done' }).click();
  await expectSecretGone(app, host);
});

test('closing without copying asks first: "You will not see this secret again"', async ({
  app,
  host,
  sims,
  wire,
}) => {
  const { sim, seed } = await sims.mailtrap();
  const secret = await createMailtrapToken(app, host, sim, seed, wire);
  await secret.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(secret.getByText('You will not see this secret again.')).toBeVisible();
  await secret.getByRole('button', { name: 'Go back' }).click();
  await expect(secret.getByText('You will not see this secret again.')).toHaveCount(0);
  await expect(secret.getByLabel('New secret')).toHaveValue(CANARY);

  // Escape asks too.
  await secret.getByLabel('New secret').press('Escape');
  await expect(secret.getByText('You will not see this secret again.')).toBeVisible();
  await secret.getByRole('button', { name: 'Close without copying' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(host.fakes.clipboard.text).toBe('');
  await expect.poll(() => wire.callsTo('discardSecret').length).toBe(1);
  await expectSecretGone(app, host);
  // The secret cannot be revealed again.
  const [secretId] = wire.callsTo('revealSecret') as { secretId: string }[];
  const again = await app.evaluate(
    (id) => window.tokenkeeper.revealSecret({ secretId: id }),
    secretId!.secretId,
  );
  expect(again.ok).toBe(false);
});
