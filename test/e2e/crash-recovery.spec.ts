/**
 * Crash recovery, with the app's core in a process of its own (test/security/host-process.ts)
 * that the test kills with SIGKILL, then starts again on the same data folder:
 * - killed right after Mailtrap answered a reset (the process is frozen before the answer is
 *   written and killed once it has been sent, so it never reads it): the next start shows that
 *   token's interrupted rotation and what to do;
 * - killed after the core had recorded the reset, while its answer was on its way to the window
 *   (before the copy-once dialog): the same, saying the new secret is lost;
 * - a damaged database is moved aside (kept byte for byte), the connections come back and their
 *   tokens are fetched again, and the window says so;
 * - a database from a newer Tokenkeeper is refused with the message the shell shows, and the file
 *   is left untouched (same hash, nothing created beside it).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import BetterSqlite3 from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../src-main/core/db/migrations';
import { killHard, newKeychainKey, startChildHost, stopGently, type ChildHost } from '../security/child-host';
import {
  type MailtrapSeed,
  type MailtrapSimulator,
  seedMailtrap,
  startMailtrap,
} from '../simulators/mailtrap';
import { expect, FAST_HTTP, screenshot, test } from './fixtures';

const RESET = 'POST /api/accounts/:accountId/api_tokens/:id/reset';
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const grid = (page: Page) => page.getByRole('grid', { name: 'Tokens' });
const rows = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

interface Run {
  dataDir: string;
  key: string;
  sim: MailtrapSimulator;
  seed: MailtrapSeed;
  hosts: ChildHost[];
}

let run: Run | null = null;
test.beforeEach(async () => {
  const sim = await startMailtrap();
  run = {
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-crash-')),
    key: newKeychainKey(),
    sim,
    seed: seedMailtrap(sim),
    hosts: [],
  };
});
test.afterEach(async () => {
  if (run === null) return;
  for (const host of run.hosts)
    if (host.process.exitCode === null && host.process.signalCode === null) await stopGently(host);
  await run.sim.close();
  fs.rmSync(run.dataDir, { recursive: true, force: true });
  run = null;
});

async function startApp(r: Run): Promise<ChildHost & { pageUrl: string }> {
  const host = await startChildHost({ dataDir: r.dataDir, keyHex: r.key, http: FAST_HTTP });
  r.hosts.push(host);
  if (host.first.type !== 'ready') throw new Error(`the host refused to start: ${host.first.message}`);
  return Object.assign(host, { pageUrl: host.first.pageUrl });
}

/** The Mailtrap connection, made through the page's own API (the dialog is not what these tests are about). */
async function connectMailtrap(page: Page, r: Run): Promise<void> {
  await page.evaluate(
    async ({ url, credential, account }) => {
      const draft = await window.tokenkeeper.beginConnection({
        provider: 'mailtrap',
        mode: 'api',
        label: 'Acme Mailtrap',
        baseUrl: url,
        fields: { apiToken: credential },
      });
      if (!draft.ok) throw new Error(draft.error.message);
      const done = await window.tokenkeeper.completeConnection({
        draftId: draft.value.draftId,
        label: 'Acme Mailtrap',
        accountIds: [account],
      });
      if (!done.ok) throw new Error(done.error.message);
    },
    { url: r.sim.url, credential: r.seed.credential, account: String(r.seed.accounts.acme) },
  );
  await expect(rows(page, 'Production SMTP')).toBeVisible();
}

async function startRotationOf(page: Page, name: string): Promise<void> {
  await rows(page, name).first().click();
  await expect(page.getByRole('heading', { name, exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Rotate' }).click();
  await page
    .getByRole('dialog', { name: `Rotate “${name}”` })
    .getByRole('button', { name: 'Rotate now' })
    .click();
}

test('killed right after Mailtrap answered a reset: the next start shows that token’s interrupted rotation and what to do', async ({
  page,
}) => {
  const r = run!;
  const first = await startApp(r);
  await page.goto(first.pageUrl);
  await connectMailtrap(page, r);

  // Mailtrap does the reset; the app is frozen before the answer goes out and killed once it has.
  r.sim.watchAnswers({
    route: RESET,
    beforeAnswer: () => first.process.kill('SIGSTOP'),
    afterAnswer: () => first.process.kill('SIGKILL'),
  });
  await startRotationOf(page, 'Production SMTP');
  expect((await first.exited).signal).toBe('SIGKILL');
  expect(r.sim.count(RESET)).toBe(1);
  expect(r.sim.findByName('Production SMTP')).toHaveLength(2); // the old one (in its grace period) and the new one

  const second = await startApp(r);
  await page.goto(second.pageUrl);
  const banner = page.getByTestId('open-operation');
  await expect(banner).toContainText('An operation on “Production SMTP” was interrupted');
  await expect(banner).toContainText(
    'Tokenkeeper stopped while rotating “Production SMTP”. The provider may already have issued a new secret that was never shown. Sync, check the token at the provider, and rotate it again if you do not have the new secret.',
  );
  await screenshot(page, 'crash-interrupted-rotation-banner');
  await banner.getByRole('button', { name: 'Open token' }).click();
  await expect(page.getByRole('heading', { name: 'Production SMTP', exact: true })).toBeVisible();
  await expect(page.getByText('Rotate: interrupted')).toBeVisible();
  await screenshot(page, 'crash-interrupted-rotation-token');

  // Doing what it says: a sync shows what Mailtrap holds, the old token in its grace period and the new one. Nothing was sent again.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: /^All tokens/ })
    .click();
  await expect(rows(page, 'Production SMTP')).toHaveCount(2);
  await expect(rows(page, 'Production SMTP').filter({ hasText: 'Grace period' })).toHaveCount(1);
  expect(r.sim.count(RESET)).toBe(1);
});

test('killed after the core recorded the reset, before the copy-once dialog: the next start says the new secret is lost and what to do', async ({
  page,
}) => {
  const r = run!;
  const first = await startApp(r);
  // Hold back the core's answer to startRotation on its way to the window, and kill the app then.
  let armed = true;
  await page.routeWebSocket(/\/__tk\/ws$/, (ws) => {
    const server = ws.connectToServer();
    const rotations = new Set<number>();
    ws.onMessage((message) => {
      const data = JSON.parse(String(message)) as { type?: string; id?: number; channel?: string };
      if (data.type === 'call' && data.channel === 'startRotation' && typeof data.id === 'number')
        rotations.add(data.id);
      server.send(message);
    });
    server.onMessage((message) => {
      const data = JSON.parse(String(message)) as { type?: string; id?: number };
      if (armed && data.type === 'result' && typeof data.id === 'number' && rotations.has(data.id)) {
        armed = false;
        void killHard(first);
        return;
      }
      ws.send(message);
    });
  });
  await page.goto(first.pageUrl);
  await connectMailtrap(page, r);
  await startRotationOf(page, 'Production SMTP');
  expect((await first.exited).signal).toBe('SIGKILL');
  await expect(page.getByRole('dialog', { name: /Copy the secret/ })).toHaveCount(0);
  expect(r.sim.count(RESET)).toBe(1);

  const second = await startApp(r);
  await page.goto(second.pageUrl);
  const banner = page.getByTestId('open-operation');
  await expect(banner).toContainText('An operation on “Production SMTP” was interrupted');
  await expect(banner).toContainText(
    'Tokenkeeper stopped after the provider reset “Production SMTP”, before showing you the new secret, which is now lost. The old token works only until its grace period ends: reset the new token to get a secret you can use.',
  );
  await banner.getByRole('button', { name: 'Open token' }).click();
  await expect(page.getByText('Rotate: interrupted')).toBeVisible();
  await expect(page.getByText('In grace period (replaced; still works for a short time)')).toBeVisible();
  await screenshot(page, 'crash-lost-secret-token');
  await page.getByTestId('open-operation').getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByTestId('open-operation')).toHaveCount(0);
});

test('a damaged database is kept aside, the connections come back and their tokens are fetched again, and the window says so', async ({
  page,
}) => {
  const r = run!;
  const first = await startApp(r);
  await page.goto(first.pageUrl);
  await connectMailtrap(page, r);
  await stopGently(first);

  const file = path.join(r.dataDir, 'tokenkeeper.db');
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 0);
  fs.closeSync(fd);
  const damaged = sha(file);

  const second = await startApp(r);
  await page.goto(second.pageUrl);
  const notice = page
    .getByRole('alert')
    .filter({ hasText: 'The token cache was damaged and has been rebuilt' });
  await expect(notice).toContainText(
    'Tokenkeeper restored your 1 connection and is fetching its tokens from the providers again',
  );
  const kept = fs
    .readdirSync(r.dataDir)
    .find((f) => /^tokenkeeper\.db\.corrupt-[^-]/.test(f) && !/-(wal|shm)$/.test(f));
  expect(kept).toBeDefined();
  await expect(notice).toContainText(path.join(r.dataDir, kept!));
  expect(sha(path.join(r.dataDir, kept!))).toBe(damaged);
  await expect(rows(page, 'Production SMTP')).toBeVisible();
  await expect(rows(page, 'CI deploy')).toBeVisible();
  await screenshot(page, 'crash-rebuilt-cache');
});

test('a database from a newer Tokenkeeper is refused with the message, and the file is left untouched', async () => {
  const r = run!;
  const file = path.join(r.dataDir, 'tokenkeeper.db');
  const newer = new BetterSqlite3(file);
  newer.exec('CREATE TABLE from_the_future (x INTEGER)');
  newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
  newer.close();
  const before = sha(file);

  const host = await startChildHost({ dataDir: r.dataDir, keyHex: r.key, http: FAST_HTTP });
  r.hosts.push(host);
  expect(host.first).toEqual({
    type: 'refused',
    title: 'Tokenkeeper cannot open its data',
    message: `This data was written by a newer version of Tokenkeeper (schema ${LATEST_SCHEMA_VERSION + 7}; this app knows up to ${LATEST_SCHEMA_VERSION}). Install the newer version to open it. The file was not changed.`,
  });
  expect((await host.exited).code).toBe(1);
  expect(sha(file)).toBe(before);
  expect(
    fs.readdirSync(r.dataDir).filter((f) => f.startsWith('tokenkeeper.db') || f === 'connections.json'),
  ).toEqual(['tokenkeeper.db']);
});
