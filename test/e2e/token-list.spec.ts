/**
 * The one list of every token: columns, counts, badges, search (with stale answers dropped),
 * filters, sorting, grouping, keyboard, and the empty, error and offline states.
 */
import type { Page } from '@playwright/test';
import { AppError } from '../../src-main/core/errors';
import type { TestHost } from '../host/server';
import {
  addTrackedConnection,
  DAY,
  expect,
  indexReady,
  insertApiConnection,
  insertTokens,
  test,
  trackToken,
} from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

/** Waits until every answer already sent to the page has been handled. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await window.tokenkeeper.getSettings();
    await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
  });
}

async function seedMixed(host: TestHost) {
  const now = host.clock.now();
  const acme = await addTrackedConnection(host, 'Acme workspace');
  await trackToken(host, acme.id, {
    name: 'CRM Integration - Production',
    accountName: 'Acme',
    last4: 'a1b2',
    expiresAt: now + 5 * DAY,
  });
  await trackToken(host, acme.id, {
    name: 'Reporting dashboard',
    accountName: 'Acme',
    last4: 'Zx9Q',
    expiresAt: now - 2 * DAY,
  });
  await trackToken(host, acme.id, {
    name: 'Billing webhook',
    accountName: 'Acme',
    expiresAt: now + 20 * DAY,
  });
  const legacyMail = await addTrackedConnection(host, 'Mail relay', 'mailtrap');
  await trackToken(host, legacyMail.id, { name: 'Relay forever', accountName: 'Ops', expiresAt: null });
  // Tokens a Mirox sync would have left: synced, with usage reported by the provider.
  const mirox = insertApiConnection(host, { provider: 'mirox', label: 'Mirox production' });
  insertTokens(host, mirox, 2, (i) => ({
    id: `mirox-${i}`,
    name: i === 0 ? 'Park sensor feed' : 'Unused exporter',
    origin: 'synced',
    accountName: 'Mirox GmbH',
    createdBy: 'ops@acme.test',
    lastUsedAt: i === 0 ? now - 3 * DAY : null,
    expiresAt: now + 200 * DAY,
    scopeKind: 'permission_group',
    scopeSummary: i === 0 ? 'Reporting' : 'Full Access',
    broadScope: i === 1,
  }));
  host.core.context.emit('tokensChanged', { connectionIds: [mirox] });
  return { acme, mirox };
}

test('shows every column, the sidebar counts and the status badges', async ({ app, host }) => {
  // Wide enough for every column; narrower windows leave some out (tested in workspace.spec.ts).
  await app.setViewportSize({ width: 1600, height: 900 });
  await seedMixed(host);
  const crm = row(app, 'CRM Integration - Production');
  await expect(crm).toBeVisible();
  await expect(crm.getByRole('gridcell', { name: 'smenso' })).toBeVisible();
  await expect(crm.getByRole('gridcell', { name: 'Acme Acme workspace' })).toBeVisible();
  await expect(crm.getByRole('gridcell', { name: 'a1b2' })).toBeVisible();
  await expect(crm.getByRole('gridcell', { name: 'Not reported' })).toBeVisible();
  await expect(crm.getByRole('gridcell', { name: /^in 5 days/ })).toBeVisible();
  await expect(crm.getByText('Expires ≤ 7 days')).toBeVisible();

  await expect(row(app, 'Reporting dashboard').getByText('Expired', { exact: true })).toBeVisible();
  await expect(
    row(app, 'Relay forever').getByRole('gridcell', { name: 'Never expires', exact: true }),
  ).toBeVisible();

  const used = row(app, 'Park sensor feed');
  await expect(used.getByRole('gridcell', { name: /3 days ago/ })).toBeVisible();
  await expect(used.getByRole('gridcell', { name: /by ops@acme\.test/ })).toBeVisible();
  await expect(used.getByRole('gridcell', { name: 'Reporting', exact: true })).toBeVisible();
  const unused = row(app, 'Unused exporter');
  await expect(unused.getByRole('gridcell', { name: 'Never used', exact: true })).toBeVisible();
  await expect(unused.getByText('Broad scope')).toBeVisible();

  // The sidebar counts what each view holds; "38 active" never counts an expired token twice.
  const views = app.getByRole('navigation', { name: 'Views' });
  const entry = (name: RegExp) => views.getByRole('button', { name });
  await expect(entry(/^All tokens/)).toHaveText(/All tokens\s*6$/);
  await expect(entry(/^Needs attention/)).toHaveText(/Needs attention\s*3$/);
  await expect(entry(/^Expiring in 30 days/)).toHaveText(/Expiring in 30 days\s*3$/);
  await expect(entry(/^Never expires/)).toHaveText(/Never expires\s*1$/);
  await expect(entry(/^Tracked by hand/)).toHaveText(/Tracked by hand\s*4$/);
  await expect(entry(/^Mirox production/)).toContainText('Synced 2 hours ago');
  await expect(app.getByTestId('attention-status')).toHaveText(/3 need attention/);

  // A view filters the list to what it counts.
  await entry(/^Expiring in 30 days/).click();
  await expect(app.getByRole('heading', { name: 'Expiring in 30 days' })).toBeVisible();
  await expect(grid(app).getByRole('row')).toHaveCount(4);
  await expect(row(app, 'Reporting dashboard')).toBeVisible();
  await entry(/^Mirox production/).click();
  await expect(grid(app).getByRole('row')).toHaveCount(3);
});

test('searches in the window once it holds the index: no call to the core per key, and changes from the core follow', async ({
  app,
  host,
  wire,
}) => {
  const connection = await addTrackedConnection(host);
  for (const name of ['Alpha one', 'Alpha two', 'Beta three'])
    await trackToken(host, connection.id, { name });
  // New tokens make the reminders re-plan a second later, and the list then refreshes its badges
  // with the search it has: done now and the page opened afresh, so that refresh cannot land in
  // the middle of the typing below and be counted as a search.
  host.core.reminders.replanNow();
  await app.reload();
  await expect(row(app, 'Beta three')).toBeVisible();
  await indexReady(app);
  const before = wire.callsTo('listTokens').length;
  const search = app.getByRole('searchbox', { name: 'Search tokens' });
  await search.pressSequentially('alpha t');
  await expect(row(app, 'Alpha two')).toBeVisible();
  await expect(row(app, 'Alpha one')).toHaveCount(0);
  await expect(app.getByTestId('match-count')).toHaveText('1 of 3 tokens');
  await settle(app);
  expect(wire.callsTo('listTokens').length).toBe(before);

  // A token added in the core reaches the list through tokensChanged, for that connection only.
  const indexCalls = wire.callsTo('listTokenIndex').length;
  await trackToken(host, connection.id, { name: 'Alpha three' });
  await search.fill('alpha');
  await expect(row(app, 'Alpha three')).toBeVisible();
  const refetch = wire.callsTo('listTokenIndex').slice(indexCalls) as { connectionIds?: string[] }[];
  expect(refetch.length).toBeGreaterThan(0);
  expect(refetch.every((q) => JSON.stringify(q.connectionIds) === JSON.stringify([connection.id]))).toBe(
    true,
  );

  await search.fill('zzz');
  await expect(app.getByRole('heading', { name: 'No tokens match' })).toBeVisible();
  await app.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(search).toHaveValue('');
  await expect(grid(app).getByRole('row')).toHaveCount(5);
});

test('before the index is read, a search goes to the core: keys pressed while it answers go as one search, and an older answer never overwrites a newer one', async ({
  app,
  host,
  wire,
}) => {
  const connection = await addTrackedConnection(host);
  for (const name of ['Alpha one', 'Alpha two', 'Beta three'])
    await trackToken(host, connection.id, { name });
  // The window never gets its index in this test: the core answers every query.
  wire.block((channel) => channel === 'listTokenIndex');
  await app.reload();
  await expect(row(app, 'Beta three')).toBeVisible();
  const searched = () =>
    wire
      .callsTo('listTokens')
      .map((p) => (p as { search?: string }).search)
      .filter((s) => s !== undefined);

  const search = app.getByRole('searchbox', { name: 'Search tokens' });
  const heldAlpha = (channel: string, payload: unknown) => {
    const query = payload as { search?: string; sort: { column: string } };
    return channel === 'listTokens' && query.search === 'alpha' && query.sort.column === 'expiresAt';
  };
  wire.hold(heldAlpha);
  await search.fill('alpha');
  await expect.poll(searched).toEqual(['alpha']);
  // Two more keys, at typing pace, while the core is still on "alpha": only the box changes.
  await search.fill('alpha t');
  await app.waitForTimeout(150);
  await search.fill('alpha two');
  await app.waitForTimeout(150);
  await expect(search).toHaveValue('alpha two');
  // (A refresh may ask the same query again; a key's text never goes while one is answered.)
  expect([...new Set(searched())]).toEqual(['alpha']);
  wire.release();
  // Then the box's latest text goes, once; "alpha t" is never asked for.
  await expect(row(app, 'Alpha two')).toBeVisible();
  await expect(row(app, 'Alpha one')).toHaveCount(0);
  await expect(app.getByTestId('match-count')).toHaveText('1 of 3 tokens');
  await settle(app);
  expect([...new Set(searched())]).toEqual(['alpha', 'alpha two']);

  // An answer for an older query arriving after a newer one's is dropped: "alpha" in the
  // default order is held while the list is sorted by name, descending.
  await search.fill('alpha');
  await expect(row(app, 'Alpha one')).toBeVisible();
  wire.hold(heldAlpha);
  await search.fill('alph');
  await search.fill('alpha');
  await expect.poll(() => searched().at(-1)).toBe('alpha');
  const nameHeader = grid(app).getByRole('button', { name: 'Name' });
  await nameHeader.click();
  await nameHeader.click();
  await expect(grid(app).getByRole('row').filter({ hasText: 'Alpha' })).toHaveText([
    /Alpha two/,
    /Alpha one/,
  ]);
  wire.release();
  await settle(app);
  await expect(grid(app).getByRole('row').filter({ hasText: 'Alpha' })).toHaveText([
    /Alpha two/,
    /Alpha one/,
  ]);
});

test('filters by provider, connection, status and expiry window', async ({ app, host }) => {
  await seedMixed(host);
  await expect(row(app, 'Relay forever')).toBeVisible();
  await app.getByRole('button', { name: 'Filters' }).click();
  const filters = app.getByRole('region', { name: 'Filters' });

  await filters.getByRole('checkbox', { name: 'Mailtrap', exact: true }).check();
  await expect(grid(app).getByRole('row')).toHaveCount(2);
  await expect(row(app, 'Relay forever')).toBeVisible();
  await filters.getByRole('checkbox', { name: 'Mailtrap', exact: true }).uncheck();

  await filters.getByRole('checkbox', { name: /Mirox production/ }).check();
  await expect(grid(app).getByRole('row')).toHaveCount(3);
  await filters.getByRole('checkbox', { name: /Mirox production/ }).uncheck();

  await filters.getByRole('checkbox', { name: 'Never used' }).check();
  await expect(grid(app).getByRole('row')).toHaveCount(2);
  await expect(row(app, 'Unused exporter')).toBeVisible();
  await filters.getByRole('checkbox', { name: 'Never used' }).uncheck();

  await filters.getByLabel('Expiring within').selectOption('7');
  await expect(grid(app).getByRole('row')).toHaveCount(3);
  await expect(row(app, 'CRM Integration - Production')).toBeVisible();
  await expect(row(app, 'Reporting dashboard')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Filters (1)' })).toBeVisible();
  await app.getByRole('button', { name: 'Clear filters' }).click();
  await expect(grid(app).getByRole('row')).toHaveCount(7);
});

test('sorts by any column from its header, and says so with aria-sort', async ({ app, host }) => {
  await app.setViewportSize({ width: 1600, height: 900 });
  await seedMixed(host);
  const names = () => grid(app).locator('.token-name').allTextContents();
  await expect(row(app, 'Relay forever')).toBeVisible();
  const expires = app.getByRole('columnheader', { name: 'Expires' });
  await expect(expires).toHaveAttribute('aria-sort', 'ascending');
  expect((await names())[0]).toBe('Reporting dashboard');

  const nameHeader = app.getByRole('columnheader', { name: 'Name' });
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(expires).toHaveAttribute('aria-sort', 'none');
  await expect
    .poll(names)
    .toEqual([
      'Billing webhook',
      'CRM Integration - Production',
      'Park sensor feed',
      'Relay forever',
      'Reporting dashboard',
      'Unused exporter',
    ]);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await names())[0]).toBe('Unused exporter');

  for (const column of ['Provider', 'Account', 'Last 4', 'Created', 'Last used', 'Scope', 'Status']) {
    const header = app.getByRole('columnheader', { name: column });
    await header.getByRole('button').click();
    await expect(header).toHaveAttribute('aria-sort', 'ascending');
  }
  // Status sorts what needs the user first.
  await expect.poll(async () => (await names())[0]).toBe('Reporting dashboard');
});

test('groups by provider and by connection, with a heading and count per group', async ({ app, host }) => {
  await seedMixed(host);
  await expect(row(app, 'Relay forever')).toBeVisible();
  await app.getByLabel('Group by').selectOption('provider');
  const headings = () => grid(app).locator('.group-label').allTextContents();
  await expect.poll(headings).toEqual(['Mailtrap', 'Mirox', 'smenso']);
  await expect(grid(app).locator('.group-row').filter({ hasText: 'smenso' })).toContainText('3');

  await app.getByLabel('Group by').selectOption('connection');
  await expect
    .poll(headings)
    .toEqual(['Acme workspace · smenso', 'Mail relay · Mailtrap', 'Mirox production · Mirox']);
  // Each token sits under its own connection's heading.
  const order = await grid(app).locator('.group-label, .token-name').allTextContents();
  expect(order.indexOf('Relay forever')).toBeGreaterThan(order.indexOf('Mail relay · Mailtrap'));
  expect(order.indexOf('Relay forever')).toBeLessThan(order.indexOf('Mirox production · Mirox'));
});

test('moves through the list with the keyboard and opens a token with Enter', async ({ app, host }) => {
  await seedMixed(host);
  await app.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect.poll(() => grid(app).locator('.token-name').first().textContent()).toBe('Billing webhook');
  await grid(app).focus();
  const active = () => grid(app).locator('[aria-selected="true"] .token-name').textContent();
  await expect.poll(active).toBe('Billing webhook');
  await app.keyboard.press('ArrowDown');
  await expect.poll(active).toBe('CRM Integration - Production');
  await app.keyboard.press('End');
  await expect.poll(active).toBe('Unused exporter');
  await app.keyboard.press('ArrowUp');
  await expect.poll(active).toBe('Reporting dashboard');
  await app.keyboard.press('Home');
  await expect.poll(active).toBe('Billing webhook');
  await expect(grid(app)).toHaveAttribute('aria-activedescendant', /token-item-0/);
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'CRM Integration - Production', exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(grid(app)).toBeVisible();
});

test('with connections but no tokens, says so and offers the next steps', async ({ app, host }) => {
  await addTrackedConnection(host);
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  await expect(app.getByRole('main').getByRole('button', { name: 'Track a token' })).toHaveCount(1);
  await expect(app.getByRole('navigation', { name: 'Views' })).toBeVisible();
});

test('a failed load shows the error and can be retried', async ({ app, host, wire }) => {
  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, { name: 'Kept token' });
  await expect(row(app, 'Kept token')).toBeVisible();
  const original = { list: host.core.handlers.listTokens, index: host.core.handlers.listTokenIndex };
  const busy = () => {
    throw new AppError('busy', 'The token cache is busy. Try again in a moment.');
  };
  host.core.handlers.listTokens = busy;
  host.core.handlers.listTokenIndex = busy;
  await app.reload();
  await expect(app.getByRole('alert')).toContainText('The token cache is busy. Try again in a moment.');
  // Try again asks the core again; while it still fails, the error stays.
  const asked = wire.callsTo('listTokens').length;
  await app.getByRole('button', { name: 'Try again' }).click();
  await expect.poll(() => wire.callsTo('listTokens').length).toBeGreaterThan(asked);
  await expect(app.getByRole('alert')).toContainText('The token cache is busy. Try again in a moment.');
  host.core.handlers.listTokens = original.list;
  // Once the core answers, the list is back (by Try again, or by the next refresh if it came first).
  await app
    .getByRole('button', { name: 'Try again' })
    .click({ timeout: 3_000 })
    .catch(() => undefined);
  await expect(row(app, 'Kept token')).toBeVisible();
  // The index is read again at the next change once the core answers.
  host.core.handlers.listTokenIndex = original.index;
  await trackToken(host, connection.id, { name: 'Kept too' });
  await indexReady(app);
  await expect(row(app, 'Kept too')).toBeVisible();
});

test('offline: keeps showing the cached tokens with the time of the last sync', async ({ app, host }) => {
  const now = host.clock.now();
  const id = insertApiConnection(host, {
    provider: 'mirox',
    label: 'Mirox production',
    lastSyncAt: now - 3 * 3_600_000,
  });
  insertTokens(host, id, 1, () => ({ id: 'mx-1', name: 'Cached token', origin: 'synced' }));
  host.core.context.emit('tokensChanged', { connectionIds: [id] });
  await expect(row(app, 'Cached token')).toBeVisible();
  await expect(app.getByTestId('offline-banner')).toHaveCount(0);

  await app.evaluate(() => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    window.dispatchEvent(new Event('offline'));
  });
  const banner = app.getByTestId('offline-banner');
  await expect(banner).toContainText('You are offline.');
  await expect(banner).toContainText('Showing tokens from the last sync');
  await expect(row(app, 'Cached token')).toBeVisible();

  await app.evaluate(() => {
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
    window.dispatchEvent(new Event('online'));
  });
  await expect(banner).toHaveCount(0);
});

test('50,000 tokens: only what is in view is drawn, the index arrives in pages, scrolling and search still work', async ({
  app,
  host,
  wire,
}) => {
  const connection = await addTrackedConnection(host);
  insertTokens(host, connection.id, 50_000);
  host.core.context.emit('tokensChanged', { connectionIds: [connection.id] });
  await expect(app.getByTestId('match-count')).toHaveText('50,000 tokens');
  await app.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect.poll(() => grid(app).locator('.token-name').first().textContent()).toBe('Token 00000');
  expect(await grid(app).getByRole('row').count()).toBeLessThan(80);
  await expect(grid(app)).toHaveAttribute('aria-rowcount', '50001');

  await grid(app).focus();
  await app.keyboard.press('End');
  await expect(row(app, 'Token 49999')).toBeVisible();
  await expect(grid(app).locator('[aria-selected="true"] .token-name')).toHaveText('Token 49999');
  expect(await grid(app).getByRole('row').count()).toBeLessThan(80);
  // Opening a token and coming back returns to the same place in the list.
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Token 49999', exact: true })).toBeVisible();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(row(app, 'Token 49999')).toBeVisible();

  // Scroll to the middle by hand: the rows there load on demand.
  await grid(app).evaluate((el) => el.scrollTo({ top: el.scrollHeight / 2 }));
  await expect(
    grid(app)
      .locator('.token-name')
      .filter({ hasText: /Token 2[45]\d{3}/ })
      .first(),
  ).toBeVisible();

  // The first rows come from the core a page at a time; then the index, 5,000 tokens per call.
  const pages = wire
    .callsTo('listTokens')
    .reduce<number>((sum, p) => sum + (p as { limit: number }).limit, 0);
  expect(pages).toBeLessThan(5_000);
  await indexReady(app);
  const index = wire.callsTo('listTokenIndex') as { limit: number }[];
  expect(index.every((q) => q.limit === 5_000)).toBe(true);
  expect(index.length).toBeGreaterThanOrEqual(10);

  await app.getByRole('searchbox', { name: 'Search tokens' }).fill('Token 12345');
  await expect(app.getByTestId('match-count')).toHaveText('1 of 50,000 tokens');
  await expect(row(app, 'Token 12345')).toBeVisible();
});

test('while the first page loads, placeholder rows hold the space and the list says it is busy', async ({
  app,
  host,
  wire,
}) => {
  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, { name: 'Slow to arrive' });
  wire.hold((channel) => channel === 'listTokens');
  await app.reload();
  await expect(grid(app)).toHaveAttribute('aria-busy', 'true');
  await expect(grid(app).getByText('Loading…').first()).toBeAttached();
  await expect(row(app, 'Slow to arrive')).toHaveCount(0);
  wire.release();
  await expect(row(app, 'Slow to arrive')).toBeVisible();
  await expect(grid(app)).toHaveAttribute('aria-busy', 'false');
});

test('the window opens in one piece: the chosen theme from the first frame, the sidebar beside the first rows', async ({
  page,
  host,
}) => {
  const connection = await addTrackedConnection(host);
  await trackToken(host, connection.id, { name: 'Expires soon', expiresAt: host.clock.now() + 2 * DAY });
  await trackToken(host, connection.id, { name: 'Expires later' });
  host.core.context.settings.update({ theme: 'dark' });
  host.core.reminders.replanNow();

  // What the page looked like when #root first had content, and when the first real rows did.
  await page.addInitScript(() => {
    const first: { theme?: string; panelWithRows?: boolean } = {};
    (window as unknown as { __first: typeof first }).__first = first;
    new MutationObserver(() => {
      if (first.theme === undefined && (document.getElementById('root')?.childElementCount ?? 0) > 0)
        first.theme = document.documentElement.dataset.theme ?? 'none';
      if (
        first.panelWithRows === undefined &&
        document.querySelector('.token-row:not(.loading-row)') !== null
      )
        first.panelWithRows = document.querySelector('.sidebar') !== null;
    }).observe(document, { childList: true, subtree: true, attributes: true });
  });
  await page.goto(host.pageUrl);
  await expect(page.getByRole('row', { name: /Expires later/ })).toBeVisible();
  const first = await page.evaluate(() => (window as unknown as { __first: unknown }).__first);
  expect(first).toEqual({ theme: 'dark', panelWithRows: true });
});
