/**
 * What the window says after a bad end: an operation interrupted by the last shutdown (shown
 * with what to do, and acknowledged by the user), a rebuilt cache, notices pushed while running,
 * and the navigate event from a notification or the tray.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost } from '../host/server';
import { addTrackedConnection, expect, FAST_HTTP, test, trackToken } from './fixtures';

test('an operation interrupted by the last shutdown is shown until acknowledged', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-restart-'));
  const configure = (deps: Parameters<NonNullable<Parameters<typeof startHost>[0]['configure']>>[0]) => ({
    ...deps,
    http: FAST_HTTP,
    proxyEnv: {},
  });
  try {
    const first = await startHost({ dataDir, configure });
    const connection = await addTrackedConnection(first, 'Acme workspace');
    const tokenId = await trackToken(first, connection.id, { name: 'CRM export' });
    first.core.context.repos.operations.insert({
      id: 'op-interrupted',
      kind: 'revoke',
      state: 'pending',
      connectionId: connection.id,
      tokenId,
      resultTokenId: null,
      tokenName: 'CRM export',
      request: {},
      error: null,
      acknowledged: false,
      startedAt: first.clock.now(),
      finishedAt: null,
    });
    await first.close();

    const second = await startHost({ dataDir, configure });
    try {
      await page.goto(second.pageUrl);
      const banner = page.getByTestId('open-operation');
      await expect(banner).toContainText('An operation on “CRM export” was interrupted');
      await expect(banner).toContainText('Sync to see its current state.');
      await banner.getByRole('button', { name: 'Open token' }).click();
      await expect(page.getByRole('heading', { name: 'CRM export', exact: true })).toBeVisible();
      await expect(page.getByText('Revoke: interrupted')).toBeVisible();
      await page.getByTestId('open-operation').getByRole('button', { name: 'Acknowledge' }).click();
      await expect(page.getByTestId('open-operation')).toHaveCount(0);
      expect(await second.core.handlers.listOperations({ onlyOpen: true })).toEqual([]);
      await page.reload();
      await expect(page.getByRole('heading', { name: 'All tokens', exact: true })).toBeVisible();
      await expect(page.getByTestId('open-operation')).toHaveCount(0);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a damaged cache is rebuilt and the window says where the old file went', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-corrupt-'));
  fs.writeFileSync(path.join(dataDir, 'tokenkeeper.db'), 'this is not a database'.repeat(200));
  const host = await startHost({ dataDir });
  try {
    await page.goto(host.pageUrl);
    const notice = page
      .getByRole('alert')
      .filter({ hasText: 'The token cache was damaged and has been rebuilt' });
    await expect(notice).toContainText('tokenkeeper.db.corrupt-');
    await notice.getByRole('button', { name: /Dismiss/ }).click();
    await expect(notice).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Welcome to Tokenkeeper' })).toBeVisible();
    await expect(page.getByText('The token cache was damaged')).toHaveCount(0);
  } finally {
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('notices pushed while running appear at once', async ({ app, host }) => {
  await addTrackedConnection(host);
  host.core.context.notices.add({
    id: 'test-notice',
    level: 'info',
    title: 'Reminders were paused',
    message: 'Resume them in Settings.',
  });
  const notice = app.getByRole('status').filter({ hasText: 'Reminders were paused' });
  await expect(notice).toContainText('Resume them in Settings.');
  await notice.getByRole('button', { name: 'Dismiss “Reminders were paused”' }).click();
  await expect(notice).toHaveCount(0);
});

test('a notification or tray click opens the token, the list or settings (navigate event)', async ({
  app,
  host,
}) => {
  const connection = await addTrackedConnection(host);
  const tokenId = await trackToken(host, connection.id, { name: 'Opened from the tray' });
  await expect(app.getByRole('grid', { name: 'Tokens' })).toBeVisible();
  host.core.context.emit('navigate', { view: 'token', tokenId });
  await expect(app.getByRole('heading', { name: 'Opened from the tray', exact: true })).toBeVisible();
  host.core.context.emit('navigate', { view: 'settings', tokenId: null });
  await expect(app.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  host.core.context.emit('navigate', { view: 'tokens', tokenId: null });
  await expect(app.getByRole('heading', { name: 'All tokens', exact: true })).toBeVisible();
  // A token that is gone by the time the notification is clicked says so.
  host.core.context.emit('navigate', { view: 'token', tokenId: 't_gone' });
  await expect(app.getByRole('alert')).toContainText('This token could not be shown.');
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(app.getByRole('heading', { name: 'All tokens', exact: true })).toBeVisible();
});

test('the Needs attention view lists each token with its reason; a click opens it', async ({ app, host }) => {
  const connection = await addTrackedConnection(host);
  const now = host.clock.now();
  await trackToken(host, connection.id, { name: 'Expiring soon', expiresAt: now + 3 * 86_400_000 });
  await trackToken(host, connection.id, { name: 'Fine for months', expiresAt: now + 200 * 86_400_000 });
  await expect(app.getByTestId('attention-status')).toHaveText(/^1 needs attention$/);
  const views = app.getByRole('navigation', { name: 'Views' });
  await expect(views.getByRole('button', { name: /^Needs attention/ })).toHaveText(/Needs attention\s*1/);
  await views.getByRole('button', { name: /^Needs attention/ }).click();
  await expect(app.getByRole('heading', { name: 'Needs attention', exact: true })).toBeVisible();
  const grid = app.getByRole('grid', { name: 'Tokens' });
  await expect(grid.getByRole('row').filter({ hasText: 'Expiring soon' })).toContainText(/Expires \w{3} \d+/);
  await expect(grid.getByRole('row').filter({ hasText: 'Fine for months' })).toHaveCount(0);
  await grid.getByRole('gridcell', { name: 'Expiring soon' }).click();
  await expect(app.getByRole('heading', { name: 'Expiring soon', exact: true })).toBeVisible();
});
