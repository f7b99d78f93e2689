/**
 * The tray menu, looked at: the real core (on a ManualClock, through the test host) produces the
 * tray model, the shell's own `trayMenuTemplate` turns it into menu items, and this page draws
 * them (labels, separators, disabled rows, the checkbox, the tooltip and the chosen icon) so a
 * person can see what Electron will be given. Saved as test-results/screenshots/tray-menu.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TrayModel } from '../../src-main/core/ports';
import { trayIconFile, trayMenuTemplate, type TrayMenuItem } from '../../src-main/shell/tray';
import { ManualClock } from '../host/clock';
import { addTrackedConnection, expect, pinTimeZone, screenshot, test } from './fixtures';

const DAY = 86_400_000;
const ICON_DIR = path.resolve('resources/tray');
const clock = new ManualClock(Date.UTC(2026, 10, 25, 9, 0, 0));
test.use({ hostOptions: { clock } });

pinTimeZone('UTC');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
const dataUrl = (file: string) =>
  `data:image/png;base64,${fs.readFileSync(path.join(ICON_DIR, file)).toString('base64')}`;

function menuPage(model: TrayModel, items: TrayMenuItem[]): string {
  const rows = items
    .map((item) => {
      if (item.type === 'separator') return '<li role="separator" class="sep"></li>';
      const checkbox = item.type === 'checkbox';
      const mark = checkbox ? (item.checked === true ? '✓' : '') : '';
      const attrs = [
        checkbox ? 'role="menuitemcheckbox"' : 'role="menuitem"',
        checkbox ? `aria-checked="${String(item.checked === true)}"` : '',
        item.enabled === false ? 'aria-disabled="true" class="disabled"' : '',
        `data-id="${escapeHtml(item.id ?? '')}"`,
      ].join(' ');
      return `<li ${attrs}><span class="check">${mark}</span>${escapeHtml(item.label ?? '')}</li>`;
    })
    .join('\n');
  const icon = trayIconFile('linux', model.attentionCount > 0 ? 'attention' : 'normal');
  const icons = (['linux', 'darwin'] as const)
    .flatMap((platform) =>
      (['normal', 'attention'] as const).map((state) => {
        const file = trayIconFile(platform, state).replace('.png', '@2x.png');
        return `<figure><img src="${dataUrl(file)}" width="22" height="22" alt=""><figcaption>${platform} ${state}</figcaption></figure>`;
      }),
    )
    .join('');
  return `<!doctype html><html><head><style>
    body { font: 13px system-ui, sans-serif; background: #dfe3e8; margin: 0; padding: 16px; }
    .bar { display: flex; justify-content: flex-end; align-items: center; gap: 8px; background: #1f2328; color: #fff; padding: 4px 12px; border-radius: 6px; width: 440px; }
    .bar img { width: 22px; height: 22px; background: #3a3f45; border-radius: 4px; padding: 2px; }
    .tooltip { background: #fffbe6; color: #1f2328; border: 1px solid #c9b458; border-radius: 4px; padding: 3px 8px; }
    ul[role=menu] { list-style: none; margin: 6px 0 0 120px; padding: 4px 0; width: 340px; background: #fff; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.25); }
    li[role^=menuitem] { padding: 5px 12px 5px 4px; display: flex; gap: 4px; }
    li .check { width: 18px; text-align: center; }
    li.disabled { color: #8c959f; }
    li.sep { height: 1px; background: #d0d7de; margin: 4px 0; }
    .icons { display: flex; gap: 16px; margin-top: 16px; }
    figure { margin: 0; text-align: center; font-size: 11px; }
    figure img { background: #fff; border: 1px solid #ccc; padding: 4px; }
    .dark img { background: #1f2328; }
  </style></head><body>
    <div class="bar"><span class="tooltip" role="tooltip">${escapeHtml(model.tooltip)}</span><img src="${dataUrl(icon.replace('.png', '@2x.png'))}" alt="tray icon: ${icon}"></div>
    <ul role="menu" aria-label="Tokenkeeper tray menu">${rows}</ul>
    <div class="icons">${icons}</div>
  </body></html>`;
}

test('the tray menu for the current attention state', async ({ page, host }) => {
  const core = host.core.handlers;
  const connection = await addTrackedConnection(host, 'Mailtrap prod', 'mailtrap');
  const now = clock.now();
  const add = (name: string, expiresAt: number) =>
    core.addTrackedToken({
      connectionId: connection.id,
      name,
      accountName: 'Acme',
      last4: null,
      createdAt: now - 400 * DAY,
      expiresAt,
      note: null,
    });
  await add('CI deploy', now + 7 * DAY);
  await add('Staging SMTP', now - 2 * DAY);
  await add('Webhook relay', now + 21 * DAY);
  await add('Nightly backup', now + 120 * DAY);
  clock.advance(1000);

  const model = host.fakes.tray.model;
  if (model === null) throw new Error('the core never updated the tray');
  const actions = { open() {}, openToken() {}, syncNow() {}, setPaused() {}, quit() {} };
  await page.setContent(menuPage(model, trayMenuTemplate(model, actions)));

  const menu = page.getByRole('menu', { name: 'Tokenkeeper tray menu' });
  await expect(page.getByRole('tooltip')).toHaveText('Tokenkeeper: 3 tokens need attention');
  await expect(page.getByAltText('tray icon: tray-attention.png')).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Open Tokenkeeper',
    'Sync now',
    '3 tokens need attention',
    'Mailtrap · Staging SMTP — Expired Nov 23',
    'Mailtrap · CI deploy — Expires Dec 2',
    'Mailtrap · Webhook relay — Expires Dec 16',
    'Mailtrap · Nightly backup — Expires Mar 25, 2027',
    'Quit Tokenkeeper',
  ]);
  await expect(menu.getByRole('menuitemcheckbox', { name: 'Pause reminders' })).toHaveAttribute(
    'aria-checked',
    'false',
  );
  await expect(menu.getByRole('separator')).toHaveCount(3);
  await screenshot(page, 'tray-menu');
});
