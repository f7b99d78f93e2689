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
  await expect(app.getByRole('region', { name: 'Needs attention' })).toHaveCount(0);
  expect(attentionCount(host.fakes.tray)).toBe(0);
  expect(host.fakes.notifier.shown).toEqual([]);

  // One day later the 30-day threshold passes.
  clock.advance(DAY);
  await expect(status).toHaveText('1 needs attention');
  const list = app.getByRole('region', { name: 'Needs attention' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem').first()).toContainText('CI deploy');
  await expect(list.getByRole('listitem').first()).toContainText(/Expires Dec 26/);
  expect(attentionCount(host.fakes.tray)).toBe(1);
  expect(host.fakes.tray.model?.tooltip).toBe('Tokenkeeper: 1 token needs attention');
  expect(host.fakes.notifier.shown.map((n) => n.body.split('\n')[0])).toEqual([
    'Mailtrap · CI deploy token expires in 30 days (Dec 26)',
  ]);
  // The list's row follows time too: its badge and the header count change without any sync.
  const row = app.getByRole('grid').getByRole('row').filter({ hasText: 'CI deploy' });
  await expect(row).toContainText('Expires ≤ 30 days');
  await screenshot(app, 'reminders-attention');

  // Past the expiry: the reason changes, the count stays, each threshold fired exactly once.
  clock.advance(31 * DAY);
  await expect(list.getByRole('listitem').first()).toContainText(/Expired Dec 26/);
  await expect(row).toContainText('Expired');
  await expect(status).toHaveText('1 needs attention');
  expect(host.fakes.notifier.shown.map((n) => n.body.split('\n')[0])).toEqual([
    'Mailtrap · CI deploy token expires in 30 days (Dec 26)',
    'Mailtrap · CI deploy token expires in 7 days (Dec 26)',
    'Mailtrap · CI deploy token expires in 1 day (Dec 26, 09:00)',
    'Mailtrap · CI deploy token has expired (Dec 26, 09:00)',
  ]);
  expect(host.emitted.filter((e) => e.event === 'attentionChanged').length).toBeGreaterThanOrEqual(2);
});
