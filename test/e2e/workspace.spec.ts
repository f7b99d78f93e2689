/**
 * The workspace with the demo data (issue 20): how many rows a window shows, nothing cut off or
 * scrolled sideways, the details beside the list or in its place, every shortcut, every menu
 * command, the command palette, focus order, a toast and a marked row after a change, and the
 * expiry timeline.
 */
import type { Page } from '@playwright/test';
import { COMMAND_CATALOGUE, COMMAND_IDS, type CommandId } from '../../src-preload/commands';
import { flattenMenu } from '../../src-main/core/menu/application-menu';
import { applyDemoPlan } from '../../src-main/core/services/demo-connections';
import { startDemoSimulators, type DemoSimulators } from '../host/demo';
import type { TestHost } from '../host/server';
import { expect, indexReady, openToken, test, tokenRows } from './fixtures';

const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

let demo: DemoSimulators | null = null;
test.afterEach(async () => {
  await demo?.close();
  demo = null;
});

/** How many tokens the demo holds, every provider's simulator seeded (test/host/demo.ts). */
const DEMO_TOKENS = '61 tokens';

/** The demo's connections and tokens (npm run preview:web -- --demo), through the core. */
async function withDemo(host: TestHost, page: Page): Promise<void> {
  demo = await startDemoSimulators({ now: () => host.clock.now() });
  const sims = demo;
  host.fakes.sessions.login = async () => ({
    headers: { Cookie: await sims.mirox.login(sims.miroxSeed.email, sims.miroxSeed.password) },
  });
  await applyDemoPlan(host.core, demo.plan, host.core.context.log);
  // Every demo connection synced: rows arriving later would move the one a test clicks.
  await host.core.services.sync.whenIdle();
  await expect(grid(page).getByRole('gridcell', { name: 'Timesheet bot' })).toBeVisible();
  await indexReady(page);
}

/** Rows wholly inside the list's visible box. */
function visibleRows(page: Page): Promise<number> {
  return grid(page).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const head = el.querySelector('.grid-head')?.getBoundingClientRect().bottom ?? box.top;
    return [...el.querySelectorAll('.token-row:not(.loading-row)')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= head - 1 && r.bottom <= box.bottom + 1;
    }).length;
  });
}

/** Badges whose right edge passes their cell's or the list's: none may. */
function cutOffBadges(page: Page): Promise<string[]> {
  return grid(page).evaluate((el) => {
    const gridRight = el.getBoundingClientRect().right;
    return [...el.querySelectorAll('.token-row .badge')]
      .filter((badge) => {
        const cell = badge.closest('.grid-cell')?.getBoundingClientRect();
        const b = badge.getBoundingClientRect();
        return cell === undefined || b.right > cell.right + 0.5 || b.right > gridRight;
      })
      .map((badge) => badge.textContent ?? '');
  });
}

test('the demo data fills the window: 14 rows compact and 10 comfortable at 1280×800, 8 at 960×640, nothing cut off or scrolled sideways', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  await withDemo(host, app);
  for (const [width, height, density, atLeast] of [
    [1280, 800, 'compact', 14],
    [1280, 800, 'comfortable', 10],
    [960, 640, 'compact', 8],
    [960, 640, 'comfortable', 8],
  ] as const) {
    await app.setViewportSize({ width, height });
    await host.core.handlers.updateSettings({ density });
    await expect(app.locator('.app')).toHaveClass(new RegExp(`density-${density}`));
    const label = `${width}×${height} ${density}`;
    await expect.poll(() => visibleRows(app), label).toBeGreaterThanOrEqual(atLeast);
    expect(await cutOffBadges(app), label).toEqual([]);
    // The page itself never scrolls sideways; the status column is in view.
    expect(await app.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), label).toBe(
      true,
    );
    await expect(grid(app).getByRole('columnheader', { name: 'Status' })).toBeInViewport();
    // A cell too narrow for its value has all of it on hover.
    const clipped = await grid(app).evaluate((el) =>
      [
        ...el.querySelectorAll<HTMLElement>(
          '.token-row .token-name, .token-row .line-primary, .token-row .clip',
        ),
      ]
        .filter((node) => node.scrollWidth > node.clientWidth + 1)
        .filter((node) => {
          const hover = node.getAttribute('title') ?? node.closest('[title]')?.getAttribute('title') ?? '';
          return !hover.includes(node.textContent ?? '');
        })
        .map((node) => node.textContent),
    );
    expect(clipped, label).toEqual([]);
  }
  // A pending rotation is one line above the list, never a banner that pushes it down.
  const strip = app.getByRole('region', { name: 'Needs your attention' });
  await expect(strip.getByTestId('open-operation')).toContainText('Rotation of “Legacy import” is waiting');
  expect((await strip.boundingBox())?.height ?? 0).toBeLessThanOrEqual(48);
});

test('the details stand beside the list, resize from the keyboard, and replace the list in a narrow window; Esc and Alt+Left go back', async ({
  app,
  host,
}) => {
  await withDemo(host, app);
  await openToken(app, 'Timesheet bot');
  const pane = app.getByRole('complementary', { name: 'Token details' });
  await expect(pane.getByRole('heading', { name: 'Timesheet bot' })).toBeVisible();
  await expect(grid(app)).toBeVisible();
  await expect(grid(app).getByRole('row', { name: /Timesheet bot/ })).toHaveAttribute('aria-current', 'true');

  const divider = app.getByRole('separator', { name: 'Resize the token details' });
  await expect(divider).toHaveAttribute('aria-valuenow', '420');
  await divider.focus();
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('ArrowLeft');
  await expect(divider).toHaveAttribute('aria-valuenow', '468');
  await expect.poll(() => host.core.context.settings.get().detailPaneWidth).toBe(468);
  expect(Math.round((await pane.boundingBox())?.width ?? 0)).toBe(468);

  await grid(app).focus();
  await app.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(grid(app).getByRole('row', { name: /Timesheet bot/ })).toHaveClass(/highlighted/);

  await app.setViewportSize({ width: 960, height: 640 });
  await grid(app).getByRole('gridcell', { name: 'Timesheet bot' }).click();
  await expect(grid(app)).toHaveCount(0);
  await expect(app.getByRole('heading', { level: 1, name: 'Timesheet bot' })).toBeVisible();
  await app.keyboard.press('Alt+ArrowLeft');
  await expect(grid(app)).toBeVisible();
  await grid(app).getByRole('gridcell', { name: 'Timesheet bot' }).click();
  await app.getByRole('button', { name: 'Back to the list' }).click();
  await expect(grid(app)).toBeVisible();

  // With the pane turned off (View › Details beside the list), a wide window does the same.
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.keyboard.press('Control+Shift+D');
  await expect.poll(() => host.core.context.settings.get().detailPaneCollapsed).toBe(true);
  await grid(app).getByRole('gridcell', { name: 'Timesheet bot' }).click();
  await expect(grid(app)).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(grid(app)).toBeVisible();
});

test('every shortcut does what its menu item says', async ({ app, host }) => {
  test.setTimeout(120_000);
  await withDemo(host, app);
  const search = app.getByRole('searchbox', { name: 'Search tokens' });
  const dialog = app.getByRole('dialog');
  const closeDialog = async () => {
    await app.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };

  await app.keyboard.press('Control+n');
  await expect(app.getByRole('dialog', { name: 'New token' })).toBeVisible();
  // Focus starts on the first field, not on ✕.
  await expect(app.getByRole('dialog').getByLabel('Connection')).toBeFocused();
  await closeDialog();
  await app.keyboard.press('Control+Shift+N');
  await expect(app.getByRole('dialog', { name: 'Track a token' })).toBeVisible();
  await closeDialog();

  await grid(app).focus();
  await app.keyboard.press('/');
  await expect(search).toBeFocused();
  await search.blur();
  await app.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  // Plain keys typed in the search box are text, not shortcuts.
  await app.keyboard.type('/sync');
  await expect(search).toHaveValue('/sync');
  await search.fill('');

  await app.keyboard.press('Control+k');
  await expect(app.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await expect(app.getByRole('combobox', { name: 'Run a command or go to a token' })).toBeFocused();
  await closeDialog();

  await app.keyboard.press('Control+2');
  await expect(app.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible();
  await app.keyboard.press('Control+3');
  await expect(app.getByRole('heading', { level: 1, name: 'Upcoming' })).toBeVisible();
  await app.keyboard.press('Control+4');
  await expect(app.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible();
  await app.keyboard.press('Control+,');
  await expect(app.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await app.keyboard.press('Control+1');
  await expect(app.getByRole('heading', { level: 1, name: 'All tokens' })).toBeVisible();

  await app.keyboard.press('Control+/');
  await expect(app.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Ctrl+N');
  await closeDialog();

  const syncs = host.emitted.filter((e) => e.event === 'syncProgress').length;
  await app.keyboard.press('Control+Shift+S');
  await expect
    .poll(() => host.emitted.filter((e) => e.event === 'syncProgress').length)
    .toBeGreaterThan(syncs);
});

/** What each menu command does, seen in the window. */
const MENU_EFFECTS: Record<CommandId, (page: Page, host: TestHost) => Promise<void>> = {
  newToken: (p) => expect(p.getByRole('dialog', { name: 'New token' })).toBeVisible(),
  trackToken: (p) => expect(p.getByRole('dialog', { name: 'Track a token' })).toBeVisible(),
  addConnection: (p) => expect(p.getByRole('dialog', { name: 'Add connection' })).toBeVisible(),
  exportCsv: (_p, h) =>
    expect.poll(() => h.fakes.system.saved.some((s) => s.path.endsWith('.csv'))).toBe(true),
  exportJson: (_p, h) =>
    expect.poll(() => h.fakes.system.saved.some((s) => s.path.endsWith('.json'))).toBe(true),
  exportCalendar: (_p, h) =>
    expect.poll(() => h.fakes.system.saved.some((s) => s.path.endsWith('.ics'))).toBe(true),
  find: (p) => expect(p.getByRole('searchbox', { name: 'Search tokens' })).toBeFocused(),
  syncNow: (p) => expect(p.getByTestId('sync-status')).toHaveText(/Syncing|Synced/),
  densityCompact: async (_p, h) => {
    await expect.poll(() => h.core.context.settings.get().density).toBe('compact');
    // The menu follows: View shows the choice made as its check.
    const checked = () =>
      flattenMenu(h.shell.menu())
        .filter((i) => i.checked === true)
        .map((i) => i.id);
    expect(checked()).toContain('view.density-compact');
    expect(checked()).not.toContain('view.density-comfortable');
  },
  densityComfortable: (_p, h) => expect.poll(() => h.core.context.settings.get().density).toBe('comfortable'),
  themeSystem: (_p, h) => expect.poll(() => h.core.context.settings.get().theme).toBe('system'),
  themeLight: (p) => expect(p.locator('html')).toHaveAttribute('data-theme', 'light'),
  themeDark: (p) => expect(p.locator('html')).toHaveAttribute('data-theme', 'dark'),
  toggleDetails: (_p, h) => expect.poll(() => h.core.context.settings.get().detailPaneCollapsed).toBe(true),
  commandPalette: (p) => expect(p.getByRole('dialog', { name: 'Command palette' })).toBeVisible(),
  showTokens: (p) => expect(p.getByRole('heading', { level: 1, name: 'All tokens' })).toBeVisible(),
  showAttention: (p) => expect(p.getByRole('heading', { level: 1, name: 'Needs attention' })).toBeVisible(),
  showUpcoming: (p) => expect(p.getByRole('heading', { level: 1, name: 'Upcoming' })).toBeVisible(),
  showConnections: (p) => expect(p.getByRole('heading', { level: 1, name: 'Connections' })).toBeVisible(),
  showSettings: (p) => expect(p.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible(),
  shortcuts: (p) => expect(p.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible(),
  openDataFolder: (_p, h) =>
    expect.poll(() => h.fakes.system.opened.includes(h.core.context.deps.dataDir)).toBe(true),
  about: (p) => expect(p.getByRole('dialog', { name: 'About Tokenkeeper' })).toContainText('test-host'),
  back: (p) => expect(p.getByRole('grid', { name: 'Tokens' })).toBeVisible(),
};

test('every window command is in the application menu, and clicking it does what it says', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  await withDemo(host, app);
  // The menu the app installs (the core's template), as this platform has it.
  const items = flattenMenu(host.shell.menu()).filter((i) => i.windowCommand !== undefined);
  expect(new Set(items.map((i) => i.windowCommand))).toEqual(new Set(COMMAND_IDS));
  for (const item of items) {
    const command = item.windowCommand as CommandId;
    // The label and keys the menu shows are the window's own (its palette and shortcuts).
    expect(item.label).toBe(COMMAND_CATALOGUE[command].label);
    expect(item.accelerator ?? null).toBe(COMMAND_CATALOGUE[command].accelerator);
    await test.step(item.id, async () => {
      if (command === 'back') {
        await app.keyboard.press('Control+1');
        await grid(app).getByRole('gridcell', { name: 'Timesheet bot' }).click();
        // (Details beside the list were turned off by toggleDetails: they replace the list.)
        await expect(app.getByRole('heading', { name: 'Timesheet bot' })).toBeVisible();
        await expect(grid(app)).toHaveCount(0);
      }
      if (command === 'find') await app.keyboard.press('Control+1');
      await host.shell.clickMenu(item.id);
      await MENU_EFFECTS[command](app, host);
      if ((await app.getByRole('dialog').count()) > 0) {
        await app.keyboard.press('Escape');
        await expect(app.getByRole('dialog')).toHaveCount(0);
      }
    });
  }
});

test('the command palette runs a command and jumps to any token, connection or setting by name', async ({
  app,
  host,
}) => {
  await withDemo(host, app);
  const open = async (text: string) => {
    await app.keyboard.press('Control+k');
    const box = app.getByRole('combobox', { name: 'Run a command or go to a token' });
    await box.fill(text);
    return app.getByRole('listbox', { name: 'Results' });
  };

  let results = await open('timesheet');
  await expect(results.getByRole('option').first()).toContainText('Timesheet bot');
  await app.keyboard.press('Enter');
  await expect(
    app.getByRole('complementary', { name: 'Token details' }).getByRole('heading', { name: 'Timesheet bot' }),
  ).toBeVisible();

  results = await open('smoxy cdn');
  await results.getByRole('option', { name: /smoxy CDN/ }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'smoxy CDN' })).toBeVisible();

  results = await open('clipboard');
  await results.getByRole('option', { name: /Clipboard/ }).click();
  await expect(app.getByLabel('Clear a copied secret after (seconds)')).toBeFocused();

  results = await open('compact');
  await expect(results.getByRole('option', { selected: true })).toContainText('Compact rows');
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Enter');
  await expect.poll(() => host.core.context.settings.get().density).toBe('compact');
  await expect(app.getByRole('dialog')).toHaveCount(0);
});

test('New token is three Tabs away; after a create a message links to the new token and its row is marked', async ({
  app,
  host,
}) => {
  await withDemo(host, app);
  await app.locator('body').focus();
  for (let i = 0; i < 3; i++) await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'New token' })).toBeFocused();
  await app.keyboard.press('Enter');
  const create = app.getByRole('dialog', { name: 'New token' });
  await create.getByLabel('Connection').selectOption({ label: 'Mailtrap (Acme)' });
  await create.getByLabel('Account').selectOption({ index: 1 });
  await create.getByLabel('Name').fill('Made in the workspace');
  await create.getByRole('button', { name: 'Create token' }).click();
  const secret = app.getByRole('dialog', { name: 'Copy the secret for “Made in the workspace”' });
  await expect(secret.getByRole('button', { name: 'Copy secret' })).toBeFocused();
  await secret.getByRole('button', { name: 'Copy secret' }).click();
  await secret.getByRole('button', { name: 'Done' }).click();
  const toast = app.getByTestId('toast').filter({ hasText: 'Created “Made in the workspace”.' });
  await expect(toast).toBeVisible();
  await expect(grid(app).getByRole('row', { name: /Made in the workspace/ })).toHaveClass(/highlighted/);
  await toast.getByRole('button', { name: 'Show token' }).click();
  await expect(
    app
      .getByRole('complementary', { name: 'Token details' })
      .getByRole('heading', { name: 'Made in the workspace' }),
  ).toBeVisible();
});

test('the timeline draws every date ahead as a named mark, moves along them by keyboard and opens their token', async ({
  app,
  host,
}) => {
  await withDemo(host, app);
  await views(app).getByRole('button', { name: 'Upcoming' }).click();
  const chart = app.getByRole('group', { name: /^Expiry timeline/ });
  await expect(chart).toHaveAccessibleName('Expiry timeline, next 90 days');
  const marks = chart.getByRole('button');
  const first = await marks.count();
  expect(first).toBeGreaterThan(5);
  await expect(chart.getByRole('button', { name: /^Timesheet bot .*expires in 3 days/ })).toBeVisible();
  // Grace periods ending are drawn too.
  await expect(
    chart.getByRole('button', { name: /stops working \(end of grace period\)/ }).first(),
  ).toBeVisible();
  await app.getByRole('radio', { name: '1 year' }).click();
  await expect(chart).toHaveAccessibleName('Expiry timeline, next year');
  expect(await marks.count()).toBeGreaterThanOrEqual(first);

  // One Tab stop; arrows move in time order; Enter opens the token.
  await chart.getByRole('button').first().focus();
  const focusedName = () => app.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  const before = await focusedName();
  await app.keyboard.press('ArrowRight');
  expect(await focusedName()).not.toBe(before);
  await chart.getByRole('button', { name: /^Timesheet bot/ }).focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Timesheet bot' })).toBeVisible();
});

test('a text field has the right-click menu: Select All, Copy, Cut and Paste act on the field as Edit’s do', async ({
  app,
  host,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await withDemo(host, app);
  const search = app.getByRole('searchbox', { name: 'Search tokens' });
  await search.fill('billing');
  await expect(app.getByText(DEMO_TOKENS, { exact: true })).toHaveCount(0);
  await app.evaluate(() => navigator.clipboard.writeText('before'));
  await search.focus();
  // Right-click in the box with nothing selected: Cut and Copy are off, Select All is there.
  expect(() => host.shell.clickContextMenu({ editable: true, selection: false }, 'context.copy')).toThrow();
  host.shell.clickContextMenu({ editable: true, selection: false }, 'context.select-all');
  await expect
    .poll(() => search.evaluate((el: HTMLInputElement) => (el.selectionEnd ?? 0) - (el.selectionStart ?? 0)))
    .toBe(7);
  host.shell.clickContextMenu({ editable: true, selection: true }, 'context.copy');
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('billing');
  host.shell.clickContextMenu({ editable: true, selection: true }, 'context.cut');
  await expect(search).toHaveValue('');
  await expect(app.getByText(DEMO_TOKENS, { exact: true })).toBeVisible();
  await expect.poll(() => app.evaluate(() => navigator.clipboard.readText())).toBe('billing');
  // Paste puts it back, and the list follows the box as when typing.
  host.shell.clickContextMenu({ editable: true, selection: false }, 'context.paste');
  await expect(search).toHaveValue('billing');
  await expect(app.getByText(DEMO_TOKENS, { exact: true })).toHaveCount(0);
  await expect(tokenRows(app, 'Billing sender').first()).toBeVisible();
});
