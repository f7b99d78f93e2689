/**
 * Bulk actions in the token list, against the Mailtrap simulator: Ctrl-click, Shift-click, Space
 * and Ctrl+A pick rows (a selection bar counts them); revoke asks once, listing every token with
 * its provider and leaving out the connection's own credential with the reason; one revoke that
 * Mailtrap refuses is reported beside its token while the others are revoked; snooze and export
 * take exactly the picked tokens; a new view starts with nothing picked.
 */
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { connectMailtrap, eachLook, expect, screenshot, test, tokenRows } from './fixtures';

const bar = (app: Page) => app.getByRole('region', { name: 'Selection' });
const picked = (app: Page) => app.getByRole('grid', { name: 'Tokens' }).locator('[data-picked="true"]');

test('pick tokens, revoke them in one confirmation with a partial failure reported per token', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims, 'Acme Mailtrap');
  await app.reload();
  await expect(tokenRows(app, 'Production SMTP')).toBeVisible();

  await tokenRows(app, 'Production SMTP').click({ modifiers: ['ControlOrMeta'] });
  await tokenRows(app, 'CI deploy').click({ modifiers: ['ControlOrMeta'] });
  await tokenRows(app, 'Tokenkeeper').click({ modifiers: ['ControlOrMeta'] });
  await expect(bar(app)).toContainText('3 tokens selected');
  await expect(picked(app)).toHaveCount(3);
  // Ctrl-click again unpicks.
  await tokenRows(app, 'Tokenkeeper').click({ modifiers: ['ControlOrMeta'] });
  await expect(bar(app)).toContainText('2 tokens selected');
  await tokenRows(app, 'Tokenkeeper').click({ modifiers: ['ControlOrMeta'] });
  await eachLook(app, host, async (look) => {
    await screenshot(app, `bulk-selection-${look}`);
  });

  // The first revoke is refused by Mailtrap (403); the other goes through.
  sim.inject({
    route: 'DELETE /api/accounts/:accountId/api_tokens/:id',
    fault: { kind: 'status', status: 403 },
  });
  await bar(app).getByRole('button', { name: 'Revoke…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Revoke 2 tokens?' });
  const toRevoke = dialog.getByRole('list', { name: 'Tokens to revoke' });
  await expect(toRevoke.getByRole('listitem')).toHaveCount(2);
  await expect(toRevoke.getByRole('listitem').nth(0)).toContainText('Production SMTP');
  await expect(toRevoke.getByRole('listitem').nth(0)).toContainText('Mailtrap · Acme Mailtrap');
  await expect(toRevoke.getByRole('listitem').nth(1)).toContainText('CI deploy');
  const leftOut = dialog.getByRole('list', { name: 'Left out' });
  await expect(leftOut.getByRole('listitem')).toHaveCount(1);
  await expect(leftOut).toContainText('Tokenkeeper’s own credential for “Acme Mailtrap”');
  await screenshot(app, 'bulk-revoke-confirm');
  await dialog.getByRole('button', { name: 'Revoke 2 tokens' }).click();
  await expect(toRevoke.getByRole('listitem').nth(0)).toContainText('Not revoked:');
  await expect(toRevoke.getByRole('listitem').nth(1)).toContainText('Revoked');
  await screenshot(app, 'bulk-revoke-partial');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // findByName lists the tokens Mailtrap still holds.
  expect(sim.findByName('CI deploy')).toHaveLength(0);
  expect(sim.findByName('Production SMTP')).toHaveLength(1);
  expect(sim.findByName('Tokenkeeper')).toHaveLength(1);
  // Each revoke went through the journal (the one refused is recorded as failed).
  const ops = host.core.context.repos.operations.listRecent().filter((o) => o.kind === 'revoke');
  expect(ops.map((o) => [o.tokenName, o.state]).sort()).toEqual(
    [
      ['CI deploy', 'succeeded'],
      ['Production SMTP', 'failed'],
    ].sort(),
  );
  await expect(bar(app)).toHaveCount(0);
});

test('Shift-click, Space and Ctrl+A pick rows; snooze and export take exactly them', async ({
  app,
  host,
  sims,
}) => {
  await connectMailtrap(host, sims, 'Acme Mailtrap');
  await app.reload();
  const grid = app.getByRole('grid', { name: 'Tokens' });
  const rows = grid.locator('.token-row:not(.loading-row)');
  await expect(tokenRows(app, 'Production SMTP')).toBeVisible();
  const total = await rows.count();
  expect(total).toBe(6);

  // A plain click opens the first row and anchors the range; Shift-click picks through the third.
  await rows.nth(0).click();
  await rows.nth(2).click({ modifiers: ['Shift'] });
  await expect(bar(app)).toContainText('3 tokens selected');
  // Space toggles the active row (the third): unpicked.
  await grid.focus();
  await app.keyboard.press('Space');
  await expect(bar(app)).toContainText('2 tokens selected');

  // Export selected: a CSV with exactly those two.
  await bar(app).getByRole('button', { name: 'Export selected' }).click();
  await expect(app.getByText(/Saved 2 tokens to /)).toBeVisible();
  const saved = host.fakes.system.saved.at(-1);
  expect(saved?.request.content.trim().split('\n')).toHaveLength(3); // header + 2

  // Snooze a week: both are snoozed, the selection ends.
  const names = await picked(app).locator('.token-name').allTextContents();
  await bar(app).getByRole('button', { name: 'Snooze a week' }).click();
  await expect(app.getByText('Snoozed 2 tokens for a week.')).toBeVisible();
  const snoozed = host.core.context.repos.tokens
    .listByConnection(host.core.context.repos.connections.list()[0]?.id ?? '')
    .filter((t) => t.snoozedUntil !== null)
    .map((t) => t.name)
    .sort();
  expect(snoozed).toEqual([...names].sort());
  await expect(bar(app)).toHaveCount(0);

  // Ctrl+A picks every row of the view; "Export view" exports the view.
  await grid.focus();
  await app.keyboard.press('ControlOrMeta+a');
  await expect(bar(app)).toContainText(`${total} tokens selected`);
  await bar(app).getByRole('button', { name: 'Export view' }).click();
  await expect(app.getByText(new RegExp(`Saved ${total} tokens to `))).toBeVisible();
  const view = host.fakes.system.saved.at(-1);
  expect(fs.existsSync(view?.path ?? '')).toBe(true);
  expect(view?.request.content.trim().split('\n')).toHaveLength(total + 1);

  // Another view starts with nothing picked.
  await app.getByRole('button', { name: /Needs attention/ }).click();
  await expect(bar(app)).toHaveCount(0);
});

test('Tag… adds tags to every picked token, keeps their tags, and says which could not take them', async ({
  app,
  host,
  sims,
}) => {
  await connectMailtrap(host, sims, 'Acme Mailtrap');
  await app.reload();
  await expect(tokenRows(app, 'Production SMTP')).toBeVisible();
  const { repos } = host.core.context;
  const byName = (name: string) =>
    repos.tokens.listByConnection(repos.connections.list()[0]?.id ?? '').find((t) => t.name === name)!;
  const call = async (channel: string, payload: unknown) => {
    const result = await host.core.call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as { tags: string[]; owner: string | null; note: string | null; usedBy: string[] };
  };
  const blank = { note: null, owner: null, usedBy: [] };
  // Production SMTP has a tag and an owner already; CI deploy is one tag short of the most.
  await call('setAnnotation', {
    tokenId: byName('Production SMTP').id,
    annotation: { ...blank, tags: ['prod'], owner: 'ops@acme.test' },
  });
  const nineteen = Array.from({ length: 19 }, (_, i) => `t${i + 1}`);
  await call('setAnnotation', { tokenId: byName('CI deploy').id, annotation: { ...blank, tags: nineteen } });

  await tokenRows(app, 'Production SMTP').click({ modifiers: ['ControlOrMeta'] });
  await tokenRows(app, 'CI deploy').click({ modifiers: ['ControlOrMeta'] });
  await tokenRows(app, 'Tokenkeeper').click({ modifiers: ['ControlOrMeta'] });
  await bar(app).getByRole('button', { name: 'Tag…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Tag 3 tokens' });
  await expect(dialog.getByRole('list', { name: 'Tokens to tag' }).getByRole('listitem')).toHaveCount(3);
  const input = dialog.getByRole('textbox', { name: /^Tags/ });
  // A bad tag is said under the field; nothing is saved.
  await input.fill('ci, a'.padEnd(50, 'x'));
  await dialog.getByRole('button', { name: 'Add tags' }).click();
  await expect(dialog.getByText('Use at most 40 characters for a tag.')).toBeVisible();
  expect((await call('getAnnotation', { tokenId: byName('Tokenkeeper').id })).tags).toEqual([]);

  await input.fill('CI, shared, ci');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `bulk-tag-${look}`);
  });
  await dialog.getByRole('button', { name: 'Add tags' }).click();
  const items = dialog.getByRole('list', { name: 'Tokens to tag' }).getByRole('listitem');
  await expect(items.filter({ hasText: 'CI deploy' })).toContainText(
    'Not tagged: it would have 21 tags; use at most 20.',
  );
  await expect(items.filter({ hasText: 'Production SMTP' })).toContainText('Tagged');
  await expect(items.filter({ hasText: 'Tokenkeeper' })).toContainText('Tagged');
  await screenshot(app, 'bulk-tag-partial');
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Each kept what it had; the one refused is as it was.
  expect(await call('getAnnotation', { tokenId: byName('Production SMTP').id })).toEqual({
    ...blank,
    owner: 'ops@acme.test',
    tags: ['prod', 'ci', 'shared'],
  });
  expect((await call('getAnnotation', { tokenId: byName('Tokenkeeper').id })).tags).toEqual(['ci', 'shared']);
  expect((await call('getAnnotation', { tokenId: byName('CI deploy').id })).tags).toEqual(nineteen);
  // The sidebar's view by tag holds the two tagged.
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^shared/ })
    .click();
  await expect(tokenRows(app, 'Production SMTP')).toHaveCount(1);
  await expect(tokenRows(app, 'Tokenkeeper')).toHaveCount(1);
  await expect(tokenRows(app, 'CI deploy')).toHaveCount(0);
});
