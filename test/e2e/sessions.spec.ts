/**
 * A smoxy sign-in survives a restart: the app's core runs in a process of its own with a
 * keychain that outlives it (test/security/child-host.ts), is stopped and started again on the
 * same data folder, and the smoxy connection is still signed in. When the session's JWT expires,
 * the connection says once, as its status, to sign in again: no toast per sync.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { newKeychainKey, startChildHost, stopGently, type ChildHost } from '../security/child-host';
import { type SmoxySeed, type SmoxySimulator, seedSmoxy, startSmoxy } from '../simulators/smoxy';
import { expect, FAST_HTTP, screenshot, test } from './fixtures';

interface Run {
  dataDir: string;
  key: string;
  hosts: ChildHost[];
  sim: SmoxySimulator | null;
}

let run: Run;
test.beforeEach(() => {
  run = {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-session-')),
    key: newKeychainKey(),
    hosts: [],
    sim: null,
  };
});
test.afterEach(async () => {
  for (const host of run.hosts)
    if (host.process.exitCode === null && host.process.signalCode === null) await stopGently(host);
  await run.sim?.close();
  fs.rmSync(run.dataDir, { recursive: true, force: true });
});

async function startApp(page: Page): Promise<ChildHost> {
  const host = await startChildHost({ dataDir: run.dataDir, keyHex: run.key, http: FAST_HTTP });
  run.hosts.push(host);
  if (host.first.type !== 'ready') throw new Error(`the host refused to start: ${host.first.message}`);
  await page.goto(host.first.pageUrl);
  return host;
}

/** The smoxy connection, made through the page's own API (the dialog is not what this is about). */
async function connectSmoxy(page: Page, sim: SmoxySimulator, seed: SmoxySeed): Promise<void> {
  await page.evaluate(
    async ({ url, email, password }) => {
      const draft = await window.tokenkeeper.beginConnection({
        provider: 'smoxy',
        mode: 'api',
        label: 'Ops smoxy',
        baseUrl: url,
        fields: { email, password },
      });
      if (!draft.ok) throw new Error(draft.error.message);
      const done = await window.tokenkeeper.completeConnection({
        draftId: draft.value.draftId,
        label: 'Ops smoxy',
        accountIds: [],
      });
      if (!done.ok) throw new Error(done.error.message);
    },
    { url: sim.url, email: seed.email, password: seed.password },
  );
  await expect(page.getByRole('grid', { name: 'Tokens' }).getByText('CI/CD pipeline')).toBeVisible();
}

const card = (page: Page) => page.getByRole('article', { name: 'Ops smoxy' });

test('a smoxy connection is still signed in after a restart', async ({ page }) => {
  run.sim = await startSmoxy();
  const seed = seedSmoxy(run.sim);
  const first = await startApp(page);
  await connectSmoxy(page, run.sim, seed);
  await stopGently(first);

  await startApp(page);
  const logins = run.sim.count('POST /api/auth/login');
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  await expect(card(page)).toContainText('Signed in');
  await expect(card(page)).not.toContainText('Needs sign-in');
  await expect(page.getByTestId('connection-problem')).toHaveCount(0);
  await card(page).getByRole('button', { name: 'Sync' }).click();
  await expect(card(page)).toContainText('Up to date');
  expect(run.sim.count('POST /api/auth/login')).toBe(logins);
  await screenshot(page, 'session-after-restart');
});

test('an expired smoxy session asks once to sign in again, with no toast per sync', async ({ page }) => {
  // The simulator's clock runs an hour minus a few seconds behind: its one-hour JWTs expire soon.
  const behind = 60 * 60_000 - 12_000;
  run.sim = await startSmoxy({ now: () => Date.now() - behind });
  const seed = seedSmoxy(run.sim);
  const first = await startApp(page);
  await connectSmoxy(page, run.sim, seed);
  const signedInAt = Date.now();
  await stopGently(first);

  await startApp(page);
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  await expect(card(page)).toContainText('Signed in');

  // Past the JWT's expiry: syncing three times shows one "sign in again" and not one toast.
  await page.waitForTimeout(Math.max(0, signedInAt + 13_000 - Date.now()));
  const listed = run.sim.count('GET /api/api-tokens');
  for (let i = 0; i < 3; i++) {
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(card(page)).toContainText('Needs sign-in');
  }
  await expect(card(page)).toContainText('Signed out');
  await expect(page.getByTestId('connection-problem')).toHaveCount(1);
  await expect(page.getByTestId('connection-problem')).toContainText('sign in again');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect(run.sim.count('GET /api/api-tokens')).toBe(listed);
  await screenshot(page, 'session-expired');

  // Signing in again brings it back.
  await card(page).getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in to smoxy' });
  await dialog.getByLabel('Password').fill(seed.password);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(card(page)).toContainText('Signed in');
});
