import { defineConfig } from '@playwright/test';

/**
 * Browser tests drive the real renderer through the test host in Debian's Chromium
 * (`apt-get install chromium`); Playwright's own browser download is never used.
 */
export const CHROMIUM_PATH = process.env.TOKENKEEPER_CHROMIUM ?? '/usr/bin/chromium';

/** Chromium's switches for the browser tests and the renderer benchmark (test/bench/renderer.ts). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
