/**
 * Annotations through the real renderer against the Mailtrap simulator: a synced token gets tags,
 * an owner, a used-by list and a note in its details; a value shaped like a secret is refused
 * under its field; a sync keeps them; the sidebar's views by tag and by owner filter the list;
 * a rotation carries them to the successor (the dialog's checkbox, on by default); the JSON
 * export holds them; the replace-and-revoke confirm step lists the old token's used-by. Screens at 1280x800 and 960x640, light and dark.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { Annotation, TokenPage } from '../../src-preload/contract';
import type { TestHost } from '../host/server';
import {
  connectMailtrap,
  connectThroughCore,
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  screenshot,
  setTheme,
  test,
  tokenRows,
} from './fixtures';

async function openToken(app: Page, name: string) {
  await tokenRows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

const panel = (app: Page) => app.getByRole('region', { name: 'Notes and ownership' });

/** Every look of the screen, then back to light at 1280x800 (the details beside the list). */
async function looks(app: Page, host: TestHost, name: string) {
  await eachLook(app, host, async (look) => {
    await screenshot(app, `${name}-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
}

async function coreCall<T>(host: TestHost, channel: string, payload: unknown): Promise<T> {
  const result = await host.core.call(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
}

test('Annotations: edit on a synced token, refused secrets, kept by sync, sidebar views, carried by rotation, exported', async ({
  app,
  host,
  sims,
}) => {
  test.setTimeout(120_000);
  const { sim } = await connectMailtrap(host, sims);
  await expect(tokenRows(app, 'CI deploy')).toBeVisible();
  await openToken(app, 'CI deploy');

  const notes = panel(app);
  const tags = notes.getByRole('textbox', { name: /^Tags/ });
  await tags.fill('Billing');
  await tags.press('Enter');
  await tags.fill('ci');
  await notes.getByRole('button', { name: 'Add the tag' }).click();
  // The same tag twice, and a comma: said under the field, nothing added.
  await tags.fill('CI');
  await tags.press('Enter');
  await expect(notes.getByText('The tag “ci” is already there.')).toBeVisible();
  await tags.fill('a,b');
  await tags.press('Enter');
  await expect(notes.getByText('A tag cannot contain a comma.')).toBeVisible();
  await tags.fill('');
  await expect(notes.getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText(['billing', 'ci']);
  await notes.getByRole('textbox', { name: /^Owner/ }).fill('platform@acme.test');
  const usedBy = notes.getByRole('textbox', { name: /^Used by/ });
  await usedBy.fill('GitHub Actions: deploy.yml');
  await usedBy.press('Enter');
  await usedBy.fill('vault/kv/mail');
  await notes.getByRole('button', { name: 'Add the place' }).click();

  // A secret pasted into the note is refused by main, under the note, and never echoed.
  const secret = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
  const note = notes.getByRole('textbox', { name: /^Note/ });
  await note.fill(`The key is ${secret}`);
  await notes.getByRole('button', { name: 'Save notes' }).click();
  await expect(notes.getByText(/The note looks like it contains a token secret/)).toBeVisible();
  // Only the field the user typed in holds it: no message, toast or other text repeats it.
  await expect(
    app.locator('.field-error, [role="status"], [role="alert"]').filter({ hasText: secret }),
  ).toHaveCount(0);
  expect(host.core.context.db.prepare('SELECT count(*) AS n FROM token_annotations').get()).toEqual({ n: 0 });

  await note.fill('Rotated by the platform team every quarter.');
  await notes.getByRole('button', { name: 'Save notes' }).click();
  await expect(app.getByText('Saved the note, tags, owner and used-by.')).toBeVisible();
  await expect(notes.getByRole('button', { name: 'Save notes' })).toBeDisabled();
  await looks(app, host, 'annotations-details');
  await expectAccessible(app, 'annotations in the details');

  // A sync (the provider renamed nothing): the annotation stays on the token.
  await coreCall(host, 'syncNow', {});
  await host.core.services.sync.whenIdle();
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'CI deploy');
  await expect(panel(app).getByRole('list', { name: 'Tags' }).getByRole('listitem')).toHaveText([
    'billing',
    'ci',
  ]);
  await expect(panel(app).getByRole('textbox', { name: /^Owner/ })).toHaveValue('platform@acme.test');
  await expect(panel(app).getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText([
    'GitHub Actions: deploy.yml',
    'vault/kv/mail',
  ]);
  await app.getByRole('button', { name: 'Close details' }).click();

  // The search finds it by its annotation; the sidebar's views by tag and by owner filter to it.
  const views = app.getByRole('navigation', { name: 'Views' });
  await views.getByRole('button', { name: /^billing/ }).click();
  await expect(tokenRows(app, 'CI deploy')).toHaveCount(1);
  await expect(tokenRows(app, 'Production SMTP')).toHaveCount(0);
  await looks(app, host, 'annotations-tag-view');
  await views.getByRole('button', { name: /^platform@acme\.test/ }).click();
  await expect(tokenRows(app, 'CI deploy')).toHaveCount(1);
  await expect(tokenRows(app, 'Production SMTP')).toHaveCount(0);
  await views.getByRole('button', { name: /^All tokens/ }).click();
  await expect(tokenRows(app, 'Production SMTP')).toHaveCount(1);

  // Rotate: the checkbox is on by default; the successor inherits the annotation.
  await openToken(app, 'CI deploy');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “CI deploy”' });
  const carry = plan.getByRole('checkbox', { name: 'Carry over note, tags, owner and used-by' });
  await expect(carry).toBeChecked();
  await looks(app, host, 'annotations-rotate');
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'CI deploy');
  // The secret dialog was the rotation's one summary: no "Rotation finished" after it.
  await expect(app.getByRole('dialog')).toHaveCount(0);
  const page = await coreCall<TokenPage>(host, 'listTokens', { offset: 0, limit: 100 });
  const pair = page.rows.filter((r) => r.name === 'CI deploy');
  expect(pair.map((r) => r.state).sort()).toEqual(['active', 'grace']);
  for (const row of pair) {
    const annotation = await coreCall<Annotation>(host, 'getAnnotation', { tokenId: row.id });
    expect(annotation).toMatchObject({ owner: 'platform@acme.test', tags: ['billing', 'ci'] });
  }
  expect(sim.findByName('CI deploy').length).toBe(2);
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(views.getByRole('button', { name: /^billing/ })).toContainText('2');

  // The JSON export holds the annotation.
  await app.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  await app.getByRole('region', { name: 'Export' }).getByRole('button', { name: 'Export JSON' }).click();
  await expect.poll(() => host.fakes.system.saved.at(-1)?.path.endsWith('.json')).toBe(true);
  const json = JSON.parse(fs.readFileSync(host.fakes.system.saved.at(-1)!.path, 'utf8')) as {
    tokens: { name: string; tags: string[]; owner: string | null; used_by: string[]; note: string | null }[];
  };
  const exported = json.tokens.filter((t) => t.name === 'CI deploy');
  expect(exported).toHaveLength(2);
  for (const t of exported)
    expect(t).toMatchObject({
      tags: ['billing', 'ci'],
      owner: 'platform@acme.test',
      used_by: ['GitHub Actions: deploy.yml', 'vault/kv/mail'],
      note: 'Rotated by the platform team every quarter.',
    });
});

test('The replace-and-revoke confirm step lists the places the old token is used by', async ({
  app,
  host,
  sims,
}) => {
  const { sim, seed } = await sims.smoxy();
  await connectThroughCore(host, 'smoxy', sim.url, { email: seed.email, password: seed.password }, 'smoxy');
  const page = await coreCall<TokenPage>(host, 'listTokens', { offset: 0, limit: 100 });
  const monitoring = page.rows.find((r) => r.name === 'Monitoring')!;
  const places = ['CI pipeline: deploy.yml', 'grafana.acme.test datasource'];
  await coreCall(host, 'setAnnotation', {
    tokenId: monitoring.id,
    annotation: { note: null, tags: [], owner: null, usedBy: places },
  });
  await openToken(app, 'Monitoring');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Monitoring”' });
  // Not carried over: the list is the old token's, not the successor's.
  await plan.getByRole('checkbox', { name: 'Carry over note, tags, owner and used-by' }).uncheck();
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Monitoring (new)');
  const confirm = app.getByRole('dialog', { name: 'Have you updated every place that used the old token?' });
  await expect(confirm).toContainText('Its notes say it is used by:');
  await expect(confirm.getByRole('list', { name: 'Used by' }).getByRole('listitem')).toHaveText(places);
  await looks(app, host, 'annotations-rotate-confirm');
  await expectAccessible(app, 'rotate confirm with used-by');
  await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect([...sim.tokens.values()].find((t) => t.name === 'Monitoring')?.deleted).toBe(true);
});
