/**
 * Reminders end to end: the test host runs the real core on a ManualClock; the test moves time
 * past a threshold and the real renderer shows the reminder (header status and the "Needs
 * attention" list), while the tray model's count changes and one notification is shown.
 */
import { ManualClock } from '../host/clock';
import type { FakeTray } from '../host/fakes';
import { addTrackedConnection, expect, pinTimeZone, screenshot, test } from './fixtures';

const DAY = 86_400_000;
const clock = new ManualClock(Date.UTC(2026, 10, 25, 9, 0, 0));
test.use({ hostOptions: { clock } });

pinTimeZone('UTC');

const attentionCount = (tray: FakeTray) => tray.model?.attentionCount ?? 0;

test('time passing a threshold shows the reminder in the window and the tray', async ({ app, host }) => {
  const core = host.core.handlers;
  const connection = await addTrackedConnection(host, 'Mailtrap prod', 'mailtrap');
  const now = clock.now();
  await core.addTrackedToken({
    connectionId: connection.id,
    name: 'CI deploy',
    accountName: 'Acme',
    last4: 'a1b2',
    createdAt: now - 300 * DAY,
    expiresAt: now + 31 * DAY,
    note: null,
  });
  clock.advance(1000); // the debounced re-plan after the change

  const status = app.getByRole('status').filter({ hasText: /\d+ needs? attention/ });
  await expect(status).toHaveText('0 need attention');
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^Needs attention/ })
    .click();
  await expect(app.getByRole('heading', { name: 'Nothing needs attention' })).toBeVisible();
  expect(attentionCount(host.fakes.tray)).toBe(0);
  expect(host.fakes.notifier.shown).toEqual([]);

  // One day later the 30-day threshold passes.
  clock.advance(DAY);
  await expect(status).toHaveText('1 needs attention');
  const rows = app.getByRole('grid', { name: 'Tokens' }).getByRole('row').filter({ hasText: 'CI deploy' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(/Expires Dec 26/);
  expect(attentionCount(host.fakes.tray)).toBe(1);
  expect(host.fakes.tray.model?.tooltip).toBe('Tokenkeeper: 1 token needs attention');
  expect(host.fakes.notifier.shown.map((n) => n.body.split('\n')[0])).toEqual([
    'Mailtrap · CI deploy token expires in 30 days (Dec 26)',
  ]);
  await screenshot(app, 'reminders-attention');
  // The list of all tokens follows time too: its badge and the count change without any sync.
  const views = app.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: /^All tokens/ }).click();
  const row = app.getByRole('grid').getByRole('row').filter({ hasText: 'CI deploy' });
  await expect(row).toContainText('Expires ≤ 30 days');

  // Past the expiry: the badge and the reason change, the count stays, each threshold fired once.
  clock.advance(31 * DAY);
  await expect(row).toContainText('Expired');
  await views.getByRole('button', { name: /^Needs attention/ }).click();
  await expect(rows.first()).toContainText(/Expired Dec 26/);
  await expect(status).toHaveText('1 needs attention');
  expect(host.fakes.notifier.shown.map((n) => n.body.split('\n')[0])).toEqual([
    'Mailtrap · CI deploy token expires in 30 days (Dec 26)',
    'Mailtrap · CI deploy token expires in 7 days (Dec 26)',
    'Mailtrap · CI deploy token expires in 1 day (Dec 26, 09:00)',
    'Mailtrap · CI deploy token has expired (Dec 26, 09:00)',
  ]);
  expect(host.emitted.filter((e) => e.event === 'attentionChanged').length).toBeGreaterThanOrEqual(2);
});
