/**
 * The keyboard alone: Tab walks the window in reading order with every stop named, visible and
 * visibly focused, and no trap; a dialog keeps focus inside itself and gives it back on close.
 */
import type { Page } from '@playwright/test';
import { addTrackedConnection, expect, test, trackToken } from './fixtures';

interface Stop {
  name: string;
  role: string;
  focusVisible: boolean;
  inView: boolean;
}

async function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return null;
    const labelledBy = el.getAttribute('aria-labelledby');
    const name = (
      el.getAttribute('aria-label') ??
      (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
      (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
      el.closest('label')?.textContent ??
      el.textContent ??
      ''
    ).trim();
    const rect = el.getBoundingClientRect();
    return {
      name,
      role: el.getAttribute('role') ?? el.tagName.toLowerCase(),
      focusVisible: el.matches(':focus-visible'),
      inView: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight,
    };
  });
}

async function seed(host: Parameters<typeof addTrackedConnection>[0]) {
  const connection = await addTrackedConnection(host);
  for (const name of ['Alpha one', 'Alpha two', 'Beta three'])
    await trackToken(host, connection.id, { name });
}

test('Tab walks the token view in reading order, each stop named and visibly focused, and comes round again', async ({
  app,
  host,
}) => {
  await seed(host);
  await expect(app.getByRole('row', { name: /Beta three/ })).toBeVisible();

  const stops: Stop[] = [];
  for (let i = 0; i < 60; i++) {
    await app.keyboard.press('Tab');
    const stop = await focused(app);
    if (stop === null) break; // past the last stop: focus leaves the page
    stops.push(stop);
  }
  expect(stops.map((s) => `${s.role}: ${s.name}`)).toEqual([
    'button: Tokens',
    'button: Connections',
    'button: Settings',
    'button: 0 need attention',
    'button: Track a token',
    'input: Search tokens',
    'button: Filters',
    'select: Group by',
    'grid: Tokens',
    ...['Provider', 'Account', 'Name', 'Last 4', 'Created', 'Last used', 'Expires', 'Scope', 'Status'].map(
      (column) => `button: ${column}`,
    ),
  ]);
  for (const stop of stops) {
    expect(stop.focusVisible, `${stop.name} shows focus`).toBe(true);
    expect(stop.inView, `${stop.name} is in view`).toBe(true);
  }

  // No trap: the next Tab starts over at the top, and Shift+Tab goes back one stop at a time.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Tokens', exact: true })).toBeFocused();
  await app.getByRole('searchbox', { name: 'Search tokens' }).focus();
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: 'Track a token' })).toBeFocused();

  // From the grid the arrows move through rows and Enter opens one.
  await app.getByRole('grid', { name: 'Tokens' }).focus();
  await app.keyboard.press('ArrowDown');
  await app.keyboard.press('Enter');
  await expect(app.getByRole('heading', { name: 'Alpha two' })).toBeVisible();
});

test('a dialog keeps Tab inside itself, and Escape gives focus back to the button that opened it', async ({
  app,
  host,
}) => {
  await seed(host);
  await expect(app.getByRole('row', { name: /Beta three/ })).toBeVisible();
  const opener = app.getByRole('button', { name: 'Track a token' });
  await opener.focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog');
  await expect(dialog).toBeVisible();

  // The window behind a modal <dialog> is inert: focus goes round the dialog's controls, leaving
  // the page only where a browser has its own toolbar to visit (an Electron window has none).
  const where = () =>
    dialog.evaluate((d) =>
      d.contains(document.activeElement)
        ? 'dialog'
        : document.activeElement === document.body
          ? 'none'
          : 'window',
    );
  const names = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await app.keyboard.press('Tab');
    expect(await where(), `Tab ${i + 1}`).not.toBe('window');
    names.add((await focused(app))?.name ?? '');
  }
  expect(names.size).toBeGreaterThan(3); // it went round the dialog's controls, not stuck on one
  for (let i = 0; i < 25; i++) {
    await app.keyboard.press('Shift+Tab');
    expect(await where(), `Shift+Tab ${i + 1}`).not.toBe('window');
  }

  // Escape closes it wherever focus is, even when it is on nothing (tabbed out to the browser).
  await dialog.getByRole('textbox', { name: 'Name' }).focus();
  await app.evaluate(() => (document.activeElement as HTMLElement).blur());
  expect(await where()).toBe('none');
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});
