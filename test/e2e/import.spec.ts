/**
 * Import and restore through the real renderer: a CSV chosen in the (fake) native dialog is
 * previewed with its guessed column mapping, a column re-mapped, and imported with its
 * annotations; bad inputs (a secret in a cell, a malformed row, a 10 MB file) import nothing and
 * say why; the JSON export restores the tracked tokens into a fresh database, and gives API tokens
 * their annotations (at once when the token is here, else at its sync), saying how many. Screens at
 * 1280x800 and 960x640, light and dark.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { TestHost } from '../host/server';
import {
  addTrackedConnection,
  connectMailtrap,
  eachLook,
  expect,
  screenshot,
  setTheme,
  test,
  tokenRows,
} from './fixtures';

const CSV = [
  'Token name,Expires,Account,Remarks,Tags,Owner,Used by',
  'CRM export,2027-01-31,Acme,"Nightly, via cron",crm;nightly,data@acme.test,cron on db-1; vault/kv/crm',
  'Billing hook,2027-03-01,Acme,,billing,,',
].join('\r\n');

const count = (host: TestHost) =>
  (host.core.context.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;

async function openImport(app: Page) {
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('button', { name: 'Import or restore tracked tokens…' }).click();
  return app.getByRole('dialog', { name: /tracked tokens$/ });
}

test('Import: CSV preview and mapping, bad inputs import nothing, restore of an export into a fresh database', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  await addTrackedConnection(host, 'Hand-tracked', 'mailtrap');
  await app.reload();

  // Bad inputs first: each one says why, and nothing is written.
  const dialog = await openImport(app);
  const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
  host.fakes.system.nextOpenFile = {
    name: 'leaky.csv',
    content: `${CSV}\r\nLeaky,2027-01-01,Acme,${secret},,,`,
  };
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Row 4 holds a value shaped like a token secret (column “Remarks”). Tokenkeeper keeps no secrets, so nothing was imported',
  );
  await expect(dialog).not.toContainText(secret);
  host.fakes.system.nextOpenFile = { name: 'huge.csv', content: `name\r\n${'x'.repeat(10 * 1024 * 1024)}` };
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Tokenkeeper imports files up to 10.0 MB. Nothing was imported.',
  );
  host.fakes.system.nextOpenFile = { name: 'ragged.csv', content: `${CSV}\r\nShort row,2027-01-01` };
  await dialog.getByRole('button', { name: 'Choose a file…' }).click();
  await dialog.getByRole('button', { name: 'Import 3 tokens' }).click();
  await expect(dialog.getByRole('list', { name: 'Rows with problems' })).toHaveText(
    'Row 4: It has 2 fields; the header has 7.',
  );
  await screenshot(app, 'import-row-errors-1280x800-light');
  expect(count(host)).toBe(0);

  // The good file: preview, the guessed mapping, one column re-mapped (Remarks → Note), import.
  host.fakes.system.nextOpenFile = { name: 'tokens.csv', content: CSV };
  await dialog.getByRole('button', { name: 'Choose another file…' }).click();
  await expect(dialog.getByRole('table', { name: 'Preview' }).getByRole('row')).toHaveCount(3);
  await expect(dialog.getByLabel('Name', { exact: true })).toHaveValue('Token name');
  await expect(dialog.getByLabel('Note', { exact: true })).toHaveValue('');
  await dialog.getByLabel('Note', { exact: true }).selectOption('Remarks');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `import-preview-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await dialog.getByRole('button', { name: 'Import 2 tokens' }).click();
  await expect(app.getByText('Imported 2 tracked tokens.')).toBeVisible();
  expect(count(host)).toBe(2);
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^crm/ }).click();
  await expect(tokenRows(app, 'CRM export')).toHaveCount(1);
  await expect(tokenRows(app, 'Billing hook')).toHaveCount(0);

  // Export, then restore into a fresh database.
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export JSON' }).click();
  await expect.poll(() => host.fakes.system.saved.at(-1)?.path.endsWith('.json')).toBe(true);
  const exported = fs.readFileSync(host.fakes.system.saved.at(-1)!.path, 'utf8');
  host.core.context.db.exec('DELETE FROM tokens');
  expect(count(host)).toBe(0);
  const restore = await openImport(app);
  host.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content: exported };
  await restore.getByRole('button', { name: 'Choose a file…' }).click();
  await expect(app.getByRole('dialog', { name: 'Restore tracked tokens' })).toBeVisible();
  await screenshot(app, 'import-restore-1280x800-light');
  await app
    .getByRole('dialog', { name: 'Restore tracked tokens' })
    .getByRole('button', { name: 'Import 2 tokens' })
    .click();
  await expect(app.getByText('Imported 2 tracked tokens.')).toBeVisible();
  expect(count(host)).toBe(2);
  const owners = host.core.context.db
    .prepare('SELECT owner, note, tags FROM token_annotations ORDER BY tags')
    .all();
  expect(owners).toEqual([
    { owner: null, note: null, tags: '["billing"]' },
    { owner: 'data@acme.test', note: 'Nightly, via cron', tags: '["crm","nightly"]' },
  ]);

  // The same export restored again doubles nothing, and says so.
  const again = await openImport(app);
  host.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content: exported };
  await again.getByRole('button', { name: 'Choose a file…' }).click();
  await app
    .getByRole('dialog', { name: 'Restore tracked tokens' })
    .getByRole('button', { name: 'Import 2 tokens' })
    .click();
  await expect(
    app.getByText('Imported 0 tracked tokens. 2 were already here and were left as they were.'),
  ).toBeVisible();
  expect(count(host)).toBe(2);
});

test('Restore: API tokens get their annotations back by remote id, and the import says how many', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims, 'Acme Mailtrap');
  await addTrackedConnection(host, 'Hand-tracked', 'mailtrap');
  await app.reload();
  const ci = sim.findByName('CI deploy')[0]!;
  const row = (extra: Record<string, unknown>) => ({
    provider: 'mailtrap',
    connection: 'Acme Mailtrap',
    account: 'Acme Mail',
    origin: 'synced',
    note: null,
    owner: null,
    used_by: [],
    ...extra,
  });
  const content = JSON.stringify({
    exportedAt: '2026-12-01T00:00:00.000Z',
    note: 'Token metadata only. Tokenkeeper never stores token secrets.',
    tokens: [
      row({ name: 'CI deploy', remote_id: String(ci.id), tags: ['ci'], used_by: ['GitHub Actions'] }),
      row({ name: 'Gone for now', remote_id: '987654', tags: ['spare'] }),
      row({ name: 'Hand key', origin: 'tracked', remote_id: null, expires_at: '2027-01-01', tags: [] }),
    ],
  });
  const restore = await openImport(app);
  host.fakes.system.nextOpenFile = { name: 'tokenkeeper-metadata.json', content };
  await restore.getByRole('button', { name: 'Choose a file…' }).click();
  await app
    .getByRole('dialog', { name: 'Restore tracked tokens' })
    .getByRole('button', { name: 'Import 1 token' })
    .click();
  await expect(
    app.getByText(
      'Imported 1 tracked token. Attached 1 annotation to API tokens here. 1 annotation waits for a sync to bring its token.',
    ),
  ).toBeVisible();
  await screenshot(app, 'import-restore-annotations');
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All tokens/ })
    .click();
  await tokenRows(app, 'CI deploy').click();
  const notes = app.getByRole('region', { name: 'Notes and ownership' });
  await expect(notes.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['ci']);
  await expect(notes.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText([
    'GitHub Actions',
  ]);
  expect(host.core.context.repos.waitingAnnotations.listAll().map((w) => w.remoteId)).toEqual(['987654']);
});
