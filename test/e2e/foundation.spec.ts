/**
 * The foundation end to end: the real renderer, served by the test host, shows what the real
 * core holds in its SQLite cache: first the welcome screen, then rows inserted through the core.
 */
import { addTrackedConnection, expect, test, trackToken } from './fixtures';

test('shows the first-run welcome, then tokens added through the core', async ({ app, host }) => {
  await expect(app.getByRole('heading', { name: 'Welcome to Tokenkeeper' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Add connection' })).toBeVisible();

  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, {
    name: 'CRM Integration - Production',
    accountName: 'Acme',
    last4: 'a1b2',
  });

  await expect(app.getByRole('gridcell', { name: 'CRM Integration - Production' })).toBeVisible();
  await expect(app.getByRole('gridcell', { name: 'a1b2' })).toBeVisible();
});
