/**
 * The exfiltration the security review found, tried again through the test host: a connection's
 * address is changed to a loopback listener and to another https host, through the Edit
 * connection dialog and through the contract alone (what a compromised renderer can call), then
 * sync, test, rotate and sign-in are asked for. The listener never receives a credential, the
 * stored credential is gone after the accepted change (main asked first), and the refusal says why.
 */
import type { Page } from '@playwright/test';
import { credentialKey } from '../../src-main/core/services/connection-view';
import { startListener } from '../simulators/listener';
import { connectMailtrap, connectThroughCore, expect, screenshot, setTheme, test } from './fixtures';

/** A contract call straight from the page, as a compromised renderer would make it. */
function contract(
  app: Page,
  name: string,
  payload: unknown,
): Promise<{ ok: boolean; error?: { message: string } }> {
  return app.evaluate(
    ([channel, input]) =>
      (window as unknown as { tokenkeeper: Record<string, (i: unknown) => Promise<unknown>> }).tokenkeeper[
        channel
      ]!(input) as Promise<{ ok: boolean; error?: { message: string } }>,
    [name, payload] as const,
  );
}

test('Mailtrap: another https host is refused with why; a loopback listener needs main’s confirmation, deletes the credential and gets nothing', async ({
  app,
  host,
  sims,
}) => {
  const listener = await startListener({});
  const { seed, connection } = await connectMailtrap(host, sims, 'Acme Mailtrap');
  const key = credentialKey(connection.id);
  expect(host.fakes.credentials.values.get(key)).toBe(seed.credential);

  await app.getByRole('button', { name: 'Connections' }).click();
  const card = app.getByRole('article', { name: 'Acme Mailtrap' });
  await card.getByRole('button', { name: 'Edit' }).click();
  const edit = app.getByRole('dialog', { name: 'Edit connection' });
  await expect(edit).toContainText('a different host or port means entering it again');

  // Another https host: refused, and the dialog says why.
  await edit.getByLabel('Server address').fill('https://attacker.example.net/x');
  await expect(edit.getByTestId('origin-change-note')).toContainText(
    'A new address needs the credential again.',
  );
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit).toContainText(
    'Mailtrap is only at https://mailtrap.io. Tokenkeeper sends your Mailtrap credential nowhere else, so attacker.example.net is refused.',
  );
  expect(host.fakes.confirm.asked).toEqual([]);
  expect(host.fakes.credentials.values.get(key)).toBe(seed.credential);

  // The loopback listener (the developer setting is on in the test host): main asks, the user accepts.
  await edit.getByLabel('Server address').fill(listener.url);
  await expect(edit.getByTestId('origin-change-note')).toContainText(`${listener.url} is not`);
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(app, host, theme);
    for (const [width, height] of [
      [1280, 800],
      [960, 640],
    ] as const) {
      await app.setViewportSize({ width, height });
      await screenshot(app, `edit-connection-origin-change-${theme}-${width}x${height}`);
    }
  }
  await setTheme(app, host, 'light');
  await app.setViewportSize({ width: 1280, height: 800 });
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(host.fakes.confirm.asked).toHaveLength(1);
  expect(host.fakes.confirm.asked[0]!.detail).toContain('they will be deleted');
  expect(host.fakes.credentials.values.has(key)).toBe(false);
  await expect(card).toContainText('Needs a new credential');
  await screenshot(app, 'connection-needs-credential-after-origin-change');

  // Everything that could send the old credential, asked for from the page.
  const tokens = await host.core.handlers.listTokens({ offset: 0, limit: 50, includeInactive: false });
  const rotatable = tokens.rows.find((r) => r.expiresAt === null)!;
  await contract(app, 'syncNow', { connectionIds: [connection.id] });
  await host.core.services.sync.whenIdle();
  const tested = await contract(app, 'testConnection', { connectionId: connection.id });
  expect(tested.ok).toBe(true);
  const rotated = await contract(app, 'startRotation', { tokenId: rotatable.id });
  expect(rotated.ok).toBe(false);
  const signedIn = await contract(app, 'signIn', { connectionId: connection.id });
  expect(signedIn.ok).toBe(false);
  expect(listener.seen).toEqual([]);
  expect(JSON.stringify(listener.seen)).not.toContain(seed.credential);
  await listener.close();
});

test('through the contract alone: another https host and a declined confirmation change nothing; the credential never leaves', async ({
  app,
  host,
  sims,
}) => {
  const listener = await startListener({});
  const { sim, seed } = await sims.smoxy();
  const smoxy = await connectThroughCore(
    host,
    'smoxy',
    sim.url,
    { email: seed.email, password: seed.password, apiToken: seed.apiToken },
    'smoxy',
  );
  const refused = await contract(app, 'updateConnection', {
    connectionId: smoxy.id,
    baseUrl: 'https://attacker.example.net/x',
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(refused.error!.message).toContain('smoxy is only at https://api.smoxy.eu');

  host.fakes.confirm.answer = false;
  const declined = await contract(app, 'updateConnection', { connectionId: smoxy.id, baseUrl: listener.url });
  expect(declined).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  expect(host.fakes.credentials.values.get(credentialKey(smoxy.id))).toBe(seed.apiToken);

  host.fakes.confirm.answer = true;
  const moved = await contract(app, 'updateConnection', { connectionId: smoxy.id, baseUrl: listener.url });
  expect(moved.ok).toBe(true);
  expect(host.fakes.credentials.values.has(credentialKey(smoxy.id))).toBe(false);
  await contract(app, 'syncNow', { connectionIds: [smoxy.id] });
  await host.core.services.sync.whenIdle();
  await contract(app, 'testConnection', { connectionId: smoxy.id });
  // Signing in sends what the user types now to the address they confirmed, and nothing stored.
  await contract(app, 'signIn', {
    connectionId: smoxy.id,
    email: seed.email,
    password: 'typed-for-the-new-host',
  });
  const sent = JSON.stringify(listener.seen);
  expect(sent).not.toContain(seed.apiToken);
  expect(sent).not.toContain(seed.password);
  expect(
    listener.seen.every(
      (r) => r.headers['x-api-token'] === undefined && r.headers.authorization === undefined,
    ),
  ).toBe(true);
  await listener.close();
});
