/**
 * Playwright fixtures: each test gets its own test host (fresh data folder, real core, fakes)
 * and a page opened on it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { startHost, type HostOptions, type TestHost } from '../host/server';

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

interface Fixtures {
  hostOptions: Partial<HostOptions>;
  host: TestHost;
  app: Page;
}

export const test = base.extend<Fixtures>({
  hostOptions: [{}, { option: true }],
  host: async ({ hostOptions }, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-'));
    const host = await startHost({ dataDir, ...hostOptions });
    await use(host);
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, host }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(host.pageUrl);
    await use(page);
    if (errors.length > 0) throw new Error(`The page logged errors:\n${errors.join('\n')}`);
  },
});

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export { expect } from '@playwright/test';
