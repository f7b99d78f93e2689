/**
 * The foundation end to end: the real renderer, served by the test host, shows what the real
 * core holds in its SQLite cache: first the empty state, then rows inserted through the core.
 */
import { expect, screenshot, test } from './fixtures';

test('shows the empty state, then tokens added through the core', async ({ app, host }) => {
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  await screenshot(app, 'foundation-empty');

  const core = host.core.handlers;
  const draft = await core.beginConnection({ provider: 'smenso', mode: 'tracked', label: 'Acme workspace', baseUrl: null, fields: {} });
  const connection = await core.completeConnection({ draftId: draft.draftId, label: 'Acme workspace', accountIds: [] });
  const now = host.clock.now();
  await core.addTrackedToken({
    connectionId: connection.id,
    name: 'CRM Integration - Production',
    accountName: 'Acme',
    last4: 'a1b2',
    createdAt: now - 30 * 86_400_000,
    expiresAt: now + 200 * 86_400_000,
    note: null,
  });

  await expect(app.getByRole('cell', { name: 'CRM Integration - Production' })).toBeVisible();
  await expect(app.getByRole('cell', { name: 'a1b2' })).toBeVisible();
  await screenshot(app, 'foundation-rows');
});
