/** Settings: every control changes what the core keeps, and bad values are refused with a message. */
import fs from 'node:fs';
import path from 'node:path';
import { DAY, addTrackedConnection, eachLook, expect, screenshot, test, trackToken } from './fixtures';

test('reminder thresholds, pause, clipboard delay, start at login and close to tray', async ({
  app,
  host,
}) => {
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(app.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  const reminders = app.getByRole('region', { name: 'Reminders' });
  const chips = reminders.getByRole('list', { name: 'Reminder times' }).getByRole('listitem');
  await expect(chips).toHaveText(['30 days before', '7 days before', '1 day before', 'At expiry']);

  const add = reminders.getByLabel('Add a reminder (days before expiry)');
  await add.fill('400');
  await reminders.getByRole('button', { name: 'Add' }).click();
  await expect(reminders.getByText('Enter a whole number of days from 0 (at expiry) to 365.')).toBeVisible();
  await add.fill('7');
  await reminders.getByRole('button', { name: 'Add' }).click();
  await expect(reminders.getByText('There is already a reminder 7 days before.')).toBeVisible();
  await add.fill('14');
  await add.press('Enter');
  await expect(chips).toHaveText([
    '30 days before',
    '14 days before',
    '7 days before',
    '1 day before',
    'At expiry',
  ]);
  await reminders.getByRole('button', { name: 'Remove the reminder 1 days before' }).click();
  await expect
    .poll(async () =>
      (await host.core.handlers.getSettings(undefined)).reminderThresholdsDays.sort((a, b) => a - b),
    )
    .toEqual([0, 7, 14, 30]);

  await reminders.getByRole('checkbox', { name: 'Pause all reminders' }).check();
  await expect.poll(async () => (await host.core.handlers.getSettings(undefined)).remindersPaused).toBe(true);

  const clipboard = app.getByRole('region', { name: 'Clipboard' });
  const delay = clipboard.getByLabel('Clear a copied secret after (seconds)');
  // Saved as you go, as the page says: no Save button, the value goes when the field is left.
  await expect(clipboard.getByRole('button', { name: 'Save' })).toHaveCount(0);
  await delay.fill('2');
  await delay.press('Enter');
  await expect(clipboard.getByText('Enter a whole number of seconds from 5 to 600.')).toBeVisible();
  await delay.fill('45');
  await delay.blur();
  await expect
    .poll(async () => (await host.core.handlers.getSettings(undefined)).clipboardClearSeconds)
    .toBe(45);

  const window_ = app.getByRole('region', { name: 'Start-up and window' });
  await window_.getByRole('checkbox', { name: 'Start Tokenkeeper when I log in' }).check();
  await expect.poll(() => host.fakes.system.startAtLogin).toBe(true);
  const tray = window_.getByRole('checkbox', { name: 'Keep running in the tray when the window is closed' });
  const before = (await host.core.handlers.getSettings(undefined)).closeToTray;
  await tray.setChecked(!before);
  await expect.poll(async () => (await host.core.handlers.getSettings(undefined)).closeToTray).toBe(!before);
});

test('theme: follows the system, or the choice made here', async ({ app, host }) => {
  await app.emulateMedia({ colorScheme: 'dark' });
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const html = app.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await app.emulateMedia({ colorScheme: 'light' });
  await expect(html).toHaveAttribute('data-theme', 'light');

  await app.getByRole('radio', { name: 'Dark' }).check();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => host.fakes.system.theme).toBe('dark');
  await app.getByRole('radio', { name: 'System' }).check();
  await expect(html).toHaveAttribute('data-theme', 'light');
});

test('where the data lives, and the exports (metadata as CSV and JSON, calendar)', async ({ app, host }) => {
  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, { name: 'Exported token', last4: 'e1e1' });
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const data = app.getByRole('region', { name: 'Data and security' });
  await expect(data).toContainText(host.core.context.deps.dataDir);
  await expect(data).toContainText('test-keychain');
  await data.getByRole('button', { name: 'Open data folder' }).click();
  await expect.poll(() => host.fakes.system.opened).toContain(host.core.context.deps.dataDir);

  const exports = app.getByRole('region', { name: 'Export' });
  await exports.getByRole('button', { name: 'Export CSV' }).click();
  await expect(exports.getByRole('status')).toContainText('Saved 1 token to');
  const csv = host.fakes.system.saved.at(-1)!;
  expect(csv.path.endsWith('.csv')).toBe(true);
  expect(fs.readFileSync(csv.path, 'utf8')).toContain('Exported token');

  await exports.getByRole('button', { name: 'Export JSON' }).click();
  await expect.poll(() => host.fakes.system.saved.at(-1)?.path.endsWith('.json')).toBe(true);
  const json = JSON.parse(fs.readFileSync(host.fakes.system.saved.at(-1)!.path, 'utf8')) as {
    tokens: { name: string }[];
  };
  expect(json.tokens.map((t) => t.name)).toEqual(['Exported token']);

  host.fakes.system.cancelNextSave = true;
  await exports.getByRole('button', { name: 'Export CSV' }).click();
  await expect(exports.getByRole('status')).toHaveText('Export cancelled.');

  await exports.getByRole('button', { name: 'Export expiry calendar (.ics)' }).click();
  await expect(exports.getByRole('status')).toContainText('Saved 1 expiry date to');
  expect(fs.readFileSync(host.fakes.system.saved.at(-1)!.path, 'utf8')).toContain('BEGIN:VCALENDAR');
});

test('an .ics file kept up to date for calendar subscription follows new tokens and reminder times', async ({
  app,
  host,
}) => {
  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, { name: 'Subscribed token', expiresAt: host.clock.now() + 20 * DAY });
  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const exports = app.getByRole('region', { name: 'Export' });
  const keep = exports.getByRole('checkbox', {
    name: 'Keep an expiry calendar (.ics) up to date for calendar subscription',
  });
  await expect(keep).not.toBeChecked();

  // Cancelling the save dialog keeps it off.
  host.fakes.system.cancelNextSave = true;
  await keep.click();
  await expect.poll(() => host.fakes.system.cancelNextSave).toBe(false);
  await expect(keep).not.toBeChecked();
  expect(host.core.context.settings.get().calendarFilePath).toBeNull();

  // The box follows what main kept (after its save dialog), so it is clicked, not `check()`ed.
  await keep.click();
  await expect(keep).toBeChecked();
  const file = host.fakes.system.saved.at(-1)!.path;
  await expect(exports).toContainText(`Kept up to date at ${file}`);
  expect(host.core.context.settings.get().calendarFilePath).toBe(file);
  const ics = () => fs.readFileSync(file, 'utf8');
  expect(ics()).toContain('Subscribed token token expires');

  // A token added later, then a new reminder time: the file follows each (debounced).
  await trackToken(host, connection.id, { name: 'Added later', expiresAt: host.clock.now() + 40 * DAY });
  await expect.poll(ics, { timeout: 10_000 }).toContain('Added later token expires');
  const reminders = app.getByRole('region', { name: 'Reminders' });
  await reminders.getByLabel('Add a reminder (days before expiry)').fill('14');
  await reminders.getByRole('button', { name: 'Add' }).click();
  await expect.poll(ics, { timeout: 10_000 }).toContain('TRIGGER:-P14D');
  // Rewritten through a temporary file and a rename: the folder holds the file alone.
  expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);

  await eachLook(app, host, async (look) => {
    await exports.scrollIntoViewIfNeeded();
    await screenshot(app, `settings-calendar-file-${look}`);
  });

  await keep.click();
  await expect(keep).not.toBeChecked();
  expect(host.core.context.settings.get().calendarFilePath).toBeNull();
  await expect(exports).not.toContainText('Kept up to date at');
  const before = ics();
  await trackToken(host, connection.id, { name: 'After turning off' });
  await app.waitForTimeout(2_500);
  expect(ics()).toBe(before);
});

test('an extra CA certificate is checked when it is saved, and a wrong one is said next to the field', async ({
  app,
  host,
}) => {
  const dir = host.core.context.deps.dataDir;
  const notPem = path.join(dir, 'notes.txt');
  fs.writeFileSync(notPem, 'not a certificate');
  const pem = path.join(dir, 'corporate-ca.pem');
  fs.copyFileSync(path.join(import.meta.dirname, '../unit/http/fixtures/ca.pem'), pem);

  await app.getByRole('button', { name: 'Settings', exact: true }).click();
  const data = app.getByRole('region', { name: 'Data and security' });
  const field = data.getByRole('textbox', { name: /Extra CA certificate/ });
  await expect(data.getByRole('button', { name: 'Save' })).toHaveCount(0);
  const save = { click: () => field.press('Enter') };
  const saved = () => host.core.context.settings.get().caCertificatePath;

  // A missing file, a folder and a file that is no certificate get the same message, so the
  // answer says nothing about which paths exist.
  const notReadablePem =
    'That is not a readable PEM certificate file. Check the path, that the file can be read, and that it holds a certificate (a block that begins with -----BEGIN CERTIFICATE-----).';
  for (const [value, message] of [
    ['corporate-ca.pem', 'Enter the full path of the certificate file.'],
    [path.join(dir, 'missing.pem'), notReadablePem],
    [dir, notReadablePem],
    [notPem, notReadablePem],
  ] as const) {
    await field.fill(value);
    await save.click();
    await expect(field).toHaveAccessibleDescription(new RegExp(escapeRegExp(message)));
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(saved()).toBeNull();
  }
  // The relative path was refused before main asked anything; each absolute one was asked about.
  expect(host.fakes.confirm.asked.map((q) => q.title)).toEqual(
    Array(3).fill('Trust an extra certificate authority?'),
  );

  // Declined in main's own dialog: nothing saved, the field back to what is saved, no error.
  host.fakes.confirm.answer = false;
  await field.fill(pem);
  await save.click();
  await expect(field).toHaveValue('');
  await expect(field).not.toHaveAttribute('aria-invalid');
  expect(saved()).toBeNull();
  expect(host.fakes.confirm.asked.at(-1)?.message).toContain(pem);

  host.fakes.confirm.answer = true;
  await field.fill(pem);
  await field.press('Enter');
  await expect(
    app.getByText('Extra CA certificate saved: connections to providers now trust it.'),
  ).toBeVisible();
  await expect(field).not.toHaveAttribute('aria-invalid');
  expect(saved()).toBe(pem);
  expect(host.fakes.confirm.asked).toHaveLength(5);

  // Trusting nothing extra weakens nothing: no question.
  await field.fill('');
  await save.click();
  await expect(app.getByText('Extra CA certificate removed.')).toBeVisible();
  expect(saved()).toBeNull();
  expect(host.fakes.confirm.asked).toHaveLength(5);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
