/**
 * The copy-once secret dialog, against the Mailtrap simulator: the new secret is shown once, in
 * the dialog only; copy goes through main and the clipboard is cleared after the delay only if it
 * still holds the secret; closing without copying asks first; after closing, the secret is in
 * neither the DOM, the stores, localStorage nor sessionStorage, and main no longer holds it.
 *
 * And the promise holds without the Copy button: Ctrl/Cmd+C, cut, Edit › Copy and dragging in
 * the field give the same protected copy; reload keys do nothing while the secret is shown (main's
 * before-input-event guard and the page's own, each on its own; the test host models the shell's
 * menu, its guard and a browser's reload keys, test/host/shell-model.ts); and a window lost
 * anyway (reload, renderer crash) reopens the dialog once, within 60 seconds.
 */
import type { Locator, Page } from '@playwright/test';
import type { ManualClock } from '../host/clock';
import type { TestHost } from '../host/server';
import {
  connectThroughCore,
  expect,
  expectAccessible,
  rendererState,
  screenshot,
  setTheme,
  test,
  type Simulators,
} from './fixtures';

test.use({ manualClock: true });

const CANARY = 'canary0secret1value2never3stored4';

/** Connects the Mailtrap simulator and creates a token through the UI: its copy-once dialog. */
async function createMailtrapToken({
  app,
  host,
  sims,
  wire,
}: {
  app: Page;
  host: TestHost;
  sims: Simulators;
  wire: { callsTo(c: string): unknown[] };
}) {
  const { sim, seed } = await sims.mailtrap();
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
  const secret = await createMailtrapToken({ app, host, sims, wire });
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
  await host.core.handlers.updateSettings({ clipboardClearSeconds: 10 });
  const secret = await createMailtrapToken({ app, host, sims, wire });
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
  const secret = await createMailtrapToken({ app, host, sims, wire });
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

/** Puts a mark in the page's global scope; a reload (or any new document) loses it. */
async function markPage(app: Page): Promise<() => Promise<boolean>> {
  await app.evaluate(() => ((window as unknown as { tkMark: number }).tkMark = 1));
  return () => app.evaluate(() => (window as unknown as { tkMark?: number }).tkMark === 1);
}

const RELOAD_KEYS = ['F5', 'ControlOrMeta+r', 'ControlOrMeta+Shift+r', 'Shift+F5', 'Control+F5'];

/**
 * Presses every reload key in the secret field: none may reload the page or lose the secret.
 * Returns the check that this is still the same page, for what the test does next.
 */
async function pressReloadKeys(app: Page, secret: Locator): Promise<() => Promise<boolean>> {
  const stillThisPage = await markPage(app);
  for (const key of RELOAD_KEYS) await secret.getByLabel('New secret').press(key);
  await app.waitForTimeout(300);
  expect(await stillThisPage()).toBe(true);
  await expect(secret.getByLabel('New secret')).toHaveValue(CANARY);
  return stillThisPage;
}

test('Ctrl+C, cut, Edit › Copy, the context menu and dragging in the field all give the protected copy, cleared after the delay', async ({
  app,
  host,
  sims,
  wire,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const secret = await createMailtrapToken({ app, host, sims, wire });
  await app.evaluate(() => navigator.clipboard.writeText('what the clipboard held before'));
  const field = secret.getByLabel('New secret');

  await field.focus();
  await app.keyboard.press('ControlOrMeta+c');
  await expect(secret.getByText(/Copied\. The clipboard will be cleared in 30 seconds/)).toBeVisible();
  expect(host.fakes.clipboard.text).toBe(CANARY);
  expect(host.fakes.clipboard.concealedWrites).toBe(1);
  // The page's own copy wrote nothing: no unmarked, untimed secret on the clipboard.
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('what the clipboard held before');

  await field.press('ControlOrMeta+x');
  await expect.poll(() => host.fakes.clipboard.concealedWrites).toBe(2);
  await host.shell.clickMenu('edit.copy');
  await expect.poll(() => host.fakes.clipboard.concealedWrites).toBe(3);
  // Right-click in the read-only field, with its text selected: Copy (Cut is off there).
  expect(() => host.shell.clickContextMenu({ editable: false, selection: true }, 'context.cut')).toThrow();
  host.shell.clickContextMenu({ editable: false, selection: true }, 'context.copy');
  await expect.poll(() => host.fakes.clipboard.concealedWrites).toBe(4);
  await field.dragTo(secret.getByText('New secret', { exact: true }));
  await expect.poll(() => host.fakes.clipboard.concealedWrites).toBe(5);
  expect(wire.callsTo('copySecret')).toHaveLength(5);
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('what the clipboard held before');
  await expect(field).toHaveValue(CANARY);

  (host.clock as ManualClock).advance(30_000);
  await expect.poll(() => host.fakes.clipboard.text).toBe('');
  await expect(secret.getByText('The clipboard was cleared.')).toBeVisible();
  await secret.getByRole('button', { name: 'Done' }).click();
  await expectSecretGone(app, host);
});

test('production: reload keys do nothing while the secret is shown, or after; the menu has no Reload or DevTools', async ({
  app,
  host,
  sims,
  wire,
}) => {
  const items = JSON.stringify(host.shell.menu());
  for (const role of ['"reload"', '"forceReload"', '"toggleDevTools"']) expect(items).not.toContain(role);
  const secret = await createMailtrapToken({ app, host, sims, wire });
  const stillThisPage = await pressReloadKeys(app, secret);
  expect(wire.callsTo('revealSecret')).toHaveLength(1);

  await secret.getByRole('button', { name: 'Copy secret' }).click();
  await secret.getByRole('button', { name: 'Done' }).click();
  await app.keyboard.press('ControlOrMeta+r');
  await app.waitForTimeout(300);
  expect(await stillThisPage()).toBe(true);
});

test.describe('development', () => {
  test.use({ hostOptions: { shell: { development: true } } });

  test('reload keys do nothing while the secret is shown, and reload once it is closed', async ({
    app,
    host,
    sims,
    wire,
  }) => {
    expect(JSON.stringify(host.shell.menu())).toContain('"reload"');
    const secret = await createMailtrapToken({ app, host, sims, wire });
    const stillThisPage = await pressReloadKeys(app, secret);

    await secret.getByRole('button', { name: 'Copy secret' }).click();
    await secret.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => host.core.context.vault.size).toBe(0);
    // One round trip: the page has now heard everything main said before (the secret is gone).
    await app.evaluate(() => window.tokenkeeper.getSettings());
    // Nothing holds a secret now, so development's Reload works: the guard above was what held.
    const reloaded = app.waitForEvent('load');
    await app.keyboard.press('ControlOrMeta+r');
    await reloaded;
    expect(await stillThisPage()).toBe(false);
  });
});

test.describe('without main’s input guard', () => {
  test.use({ hostOptions: { shell: { development: true, inputGuard: false } } });

  test('the page’s own guard alone keeps reload keys from reloading while the secret is shown', async ({
    app,
    host,
    sims,
    wire,
  }) => {
    const secret = await createMailtrapToken({ app, host, sims, wire });
    await pressReloadKeys(app, secret);
  });
});

test('a window lost to a reload reopens the dialog once, and not again once it was closed', async ({
  app,
  host,
  sims,
  wire,
}) => {
  await createMailtrapToken({ app, host, sims, wire });
  await app.reload();
  const reopened = app.getByRole('dialog', { name: 'Copy the secret for “Checkout service”' });
  await expect(reopened.getByLabel('New secret')).toHaveValue(CANARY);
  await expect(reopened.getByText(/closed unexpectedly while this secret was shown/)).toBeVisible();
  expect(wire.callsTo('revealSecret')).toHaveLength(2);

  await reopened.getByRole('button', { name: 'Copy secret' }).click();
  expect(host.fakes.clipboard.text).toBe(CANARY);
  await reopened.getByRole('button', { name: 'Done' }).click();
  await expect.poll(() => host.core.context.vault.size).toBe(0);
  await app.reload();
  await expect(
    app.getByRole('grid', { name: 'Tokens' }).getByRole('gridcell', { name: 'Checkout service' }),
  ).toBeVisible();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(wire.callsTo('revealSecret')).toHaveLength(2);
  await expectSecretGone(app, host);
});

test('a renderer crash reopens the dialog once; after 60 seconds the secret is gone', async ({
  app,
  host,
  sims,
  wire,
  context,
}) => {
  await createMailtrapToken({ app, host, sims, wire });
  const cdp = await context.newCDPSession(app);
  // The renderer dies; main hears of it (render-process-gone) and opens the window anew (a
  // crashed page cannot be driven any more, so a new one stands for it).
  const crashed = app.waitForEvent('crash');
  void cdp.send('Page.crash').catch(() => undefined);
  await crashed;
  host.shell.rendererGone();
  expect(host.core.context.vault.recoverable()).toHaveLength(1);
  const reopenedWindow = await context.newPage();
  await reopenedWindow.goto(host.pageUrl);
  const reopened = reopenedWindow.getByRole('dialog', { name: 'Copy the secret for “Checkout service”' });
  await expect(reopened.getByLabel('New secret')).toHaveValue(CANARY);

  // Lost again, and not back within the 60 seconds: main wipes it, and nothing reopens.
  await reopenedWindow.reload();
  await expect(reopened.getByLabel('New secret')).toHaveValue(CANARY);
  await reopenedWindow.close();
  (host.clock as ManualClock).advance(60_000);
  expect(host.core.context.vault.size).toBe(0);
  const third = await context.newPage();
  await third.goto(host.pageUrl);
  await expect(
    third.getByRole('grid', { name: 'Tokens' }).getByRole('gridcell', { name: 'Checkout service' }),
  ).toBeVisible();
  await expect(third.getByRole('dialog')).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`the reopened dialog and a Ctrl+C copy, in ${theme}, at 1280x800 and 960x640`, async ({
    app,
    host,
    sims,
    wire,
  }) => {
    await setTheme(app, host, theme);
    await createMailtrapToken({ app, host, sims, wire });
    await app.reload();
    const secret = app.getByRole('dialog', { name: 'Copy the secret for “Checkout service”' });
    await expect(secret.getByLabel('New secret')).toHaveValue(CANARY);
    const sizes = [
      { width: 1280, height: 800 },
      { width: 960, height: 640 },
    ];
    for (const size of sizes) {
      await app.setViewportSize(size);
      await expectAccessible(app, `secret-reopened-${theme}-${size.width}`);
      await screenshot(app, `secret-reopened-${theme}-${size.width}x${size.height}`);
    }
    await secret.getByLabel('New secret').press('ControlOrMeta+c');
    await expect(secret.getByText(/Copied\. The clipboard will be cleared/)).toBeVisible();
    for (const size of sizes) {
      await app.setViewportSize(size);
      await expectAccessible(app, `secret-copied-keyboard-${theme}-${size.width}`);
      await screenshot(app, `secret-copied-keyboard-${theme}-${size.width}x${size.height}`);
    }
  });
}
