/**
 * The one test of the real Electron app: the window opens, the contract answers through the
 * preload, and the database file is created. It needs Electron's binary, which cannot be
 * downloaded on every machine, so it runs wherever the binary is installed and skips elsewhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const electronDir = path.join(root, 'node_modules/electron');

/** Reads where the binary would be without requiring `electron` (which would try to download it). */
function installedElectron(): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const executable = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(executable) ? executable : null;
}

const executablePath = installedElectron();

test('the Electron app opens its window and answers through the contract', async () => {
  test.skip(
    executablePath === null,
    'Electron binary is not installed on this machine (it cannot be downloaded here)',
  );
  const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-electron-'));
  const app = await electron.launch({
    executablePath: executablePath!,
    args: [root],
    env: { ...process.env, TOKENKEEPER_USER_DATA: userData, ELECTRON_RENDERER_URL: '' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle('Tokenkeeper');
    const info = await page.evaluate(() => window.tokenkeeper.getAppInfo());
    expect(info.ok).toBe(true);
    expect(fs.existsSync(path.join(userData, 'tokenkeeper.db'))).toBe(true);
    // The page cannot reach Node or raw IPC.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => Object.keys(window.tokenkeeper).includes('invoke'))).toBe(false);
  } finally {
    await app.close();
    fs.rmSync(userData, { recursive: true, force: true });
  }
});
