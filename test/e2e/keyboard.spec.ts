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
  // The sidebar is one stop (its arrows move inside it); hidden columns are not stops.
  expect(stops.map((s) => `${s.role}: ${s.name}`)).toEqual([
    'button: Search or run a command…Ctrl+K',
    'button: Track a token',
    'button: All tokens3',
    'input: Search tokens',
    'button: Filters',
    'select: Group by',
    'grid: Tokens',
    ...['Provider', 'Account', 'Name', 'Last 4', 'Last used', 'Expires', 'Status'].map(
      (column) => `button: ${column}`,
    ),
  ]);
  for (const stop of stops) {
    expect(stop.focusVisible, `${stop.name} shows focus`).toBe(true);
    expect(stop.inView, `${stop.name} is in view`).toBe(true);
  }

  // No trap: the next Tab starts over at the top, and Shift+Tab goes back one stop at a time.
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Search or run a command…' })).toBeFocused();
  await app.getByRole('searchbox', { name: 'Search tokens' }).focus();
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: /^All tokens/ })).toBeFocused();
  // Inside the sidebar the arrows move from view to view.
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('button', { name: /^Needs attention/ })).toBeFocused();
  await app.keyboard.press('End');
  await expect(app.getByRole('button', { name: 'Settings', exact: true })).toBeFocused();
  await app.keyboard.press('Home');
  await expect(app.getByRole('button', { name: /^All tokens/ })).toBeFocused();

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
  // Focus starts on the dialog's first field, not on its close button.
  expect(
    await dialog.evaluate((d) => {
      const first = d.querySelector('.dialog-body input, .dialog-body select, .dialog-body textarea');
      return first !== null && first === document.activeElement;
    }),
  ).toBe(true);

  // The window behind a modal <dialog> is inert, and Tab goes round the dialog's own controls.
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
    // Never out of the dialog, not even to nothing.
    expect(await where(), `Tab ${i + 1}`).toBe('dialog');
    names.add((await focused(app))?.name ?? '');
  }
  expect(names.size).toBeGreaterThan(3); // it went round the dialog's controls, not stuck on one
  for (let i = 0; i < 25; i++) {
    await app.keyboard.press('Shift+Tab');
    expect(await where(), `Shift+Tab ${i + 1}`).toBe('dialog');
  }

  // Escape closes it wherever focus is, even when it is on nothing (tabbed out to the browser).
  await dialog.getByRole('textbox', { name: 'Name' }).focus();
  await app.evaluate(() => (document.activeElement as HTMLElement).blur());
  expect(await where()).toBe('none');
  await app.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});
