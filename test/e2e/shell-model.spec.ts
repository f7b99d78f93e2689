/**
 * The rest of the shell's promises, through the test host's model of it (test/host/shell-model.ts):
 * Help › Check for Updates with a fake updater (the answer main shows, the notice in the window,
 * the menu item that then installs); where a Mirox web session is kept, said as main decides it
 * (on disk only with a keyring or accepted weaker storage, else in memory); and that the store
 * snapshot the e2e tests read is not in the production renderer build at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import { flattenMenu } from '../../src-main/core/menu/application-menu';
import { DEFAULT_RENDERER_DIR } from '../host/server';
import { expect, test } from './fixtures';

const helpItem = (items: ReturnType<typeof flattenMenu>) =>
  items.find((i) => i.id === 'help.check-for-updates');

test('Help › Check for Updates: up to date, then a verified download is offered and installed on request', async ({
  app,
  host,
}) => {
  await host.shell.clickMenu('help.check-for-updates');
  expect(host.shell.feedback.at(-1)).toEqual({
    title: 'Tokenkeeper is up to date',
    message: 'Tokenkeeper test-host is the latest version.',
  });

  host.fakes.updater.available = '9.1.0';
  await host.shell.clickMenu('help.check-for-updates');
  expect(host.shell.feedback.at(-1)?.title).toBe('Tokenkeeper 9.1.0 is ready to install');
  const notice = app.getByRole('status').filter({ hasText: 'Tokenkeeper 9.1.0 is ready to install' });
  await expect(notice).toContainText('It is installed the next time Tokenkeeper quits');
  expect(helpItem(flattenMenu(host.shell.menu()))).toMatchObject({
    label: 'Restart to Install Version 9.1.0',
    command: 'installUpdate',
  });
  expect(host.fakes.updater.installs).toBe(0);
  await host.shell.clickMenu('help.check-for-updates');
  expect(host.fakes.updater.installs).toBe(1);
});

test('a download that fails verification installs nothing and says so', async ({ app, host }) => {
  host.fakes.updater.available = '9.1.0';
  host.fakes.updater.downloadFails = true;
  await host.shell.clickMenu('help.check-for-updates');
  expect(host.shell.feedback.at(-1)?.title).toBe('The update could not be downloaded');
  expect(helpItem(flattenMenu(host.shell.menu()))?.label).toBe('Check for Updates…');
  await expect(app.getByText('is ready to install')).toHaveCount(0);
});

test('the Mirox session is said to be kept where main keeps it', async ({ app, host }) => {
  const mirox = async () => {
    await app.getByRole('button', { name: 'Add connection' }).click();
    await app.getByRole('dialog', { name: 'Add connection' }).getByRole('button', { name: /Mirox/ }).click();
    return app.getByRole('dialog', { name: 'Add Mirox' });
  };
  await expect(await mirox()).toContainText(
    'The session is kept in the sign-in window’s own browser storage, encrypted with your system keychain, until you sign out.',
  );
  await expect(app.getByText('lives in memory only')).toHaveCount(0);

  host.fakes.credentials.backend = { backend: 'basic_text', weak: true, available: true };
  await app.reload();
  await expect(await mirox()).toContainText(
    'No keyring can protect the session on disk, so it is kept in memory only, until you quit or sign out.',
  );

  await host.core.handlers.updateSettings({ weakStorageAccepted: true });
  await app.reload();
  await expect(await mirox()).toContainText('with the weaker protection you accepted');
});

test('the production renderer build has no store snapshot; only the test host offers one', async ({
  app,
}) => {
  const assets = path.join(DEFAULT_RENDERER_DIR, 'assets');
  const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const file of scripts) {
    expect({
      file,
      has: fs.readFileSync(path.join(assets, file), 'utf8').includes('__tkStoreSnapshot'),
    }).toEqual({
      file,
      has: false,
    });
  }
  // Under the test host, its bridge asks for it and gets it.
  expect(await app.evaluate(() => typeof (window as { __tkStoreSnapshot?: unknown }).__tkStoreSnapshot)).toBe(
    'function',
  );
});
