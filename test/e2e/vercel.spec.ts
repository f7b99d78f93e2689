/**
 * Vercel through the real renderer against its simulator: connect with a full-account token;
 * the list with last use and the leaked token's red badge in Vercel's words, and its details;
 * create with an expiry preset; replace (rotate: a successor with the same name, then the old
 * token deleted once confirmed); revoke; a team-scoped token connected read-only says why it
 * cannot create, and nothing is sent. The secrets handed out (the connection's token, the
 * created and rotated ones) are canaries: none is in the page, its stores or any file the run
 * wrote. Screens at 1280x800 and 960x640, light and dark.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeCanary, scanPaths, scanText, type CanaryHit } from '../security/canary';
import { seedVercel, startVercel, type VercelSimulator } from '../simulators/vercel';
import type { TestHost } from '../host/server';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  rendererState,
  screenshot,
  setTheme,
  test,
  tokenRows as rows,
} from './fixtures';

const CREATE = 'POST /v3/user/tokens';

let sim: VercelSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(host: TestHost, canaries: string[] = []) {
  const started = await startVercel({ now: () => host.clock.now() });
  sim = started;
  // The first minted secret is the connection's own token's (the seed makes it first).
  started.queueSecrets(...canaries);
  return { sim: started, seed: seedVercel(started) };
}

async function connect(app: Page, vercel: VercelSimulator, token: string, label = 'Vercel (ada)') {
  await app.getByRole('button', { name: 'Add connection' }).first().click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /Vercel/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add Vercel' });
  await form.getByLabel('Connection name').fill(label);
  await form.getByRole('textbox', { name: 'Access token' }).fill(token);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(vercel.url);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(rows(app, 'CI deploy')).toBeVisible();
}

async function openToken(app: Page, name: string) {
  await rows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

async function resetLook(app: Page, host: TestHost) {
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
}

/** The first test's data folder, its own so the canary scan can read every file the run wrote. */
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-vercel-'));
test.afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

test.describe('with its data folder scanned', () => {
  test.use({ hostOptions: { dataDir: DATA_DIR } });

  test('Vercel: connect, last use and the leaked badge, create, replace and revoke; no secret left behind', async ({
    app,
    host,
  }) => {
    test.setTimeout(150_000);
    const C = {
      credential: makeCanary('UiVercelCredential'),
      create: makeCanary('UiVercelCreate'),
      rotate: makeCanary('UiVercelRotate'),
    };
    const { sim: v, seed } = await start(host, [C.credential]);
    expect(seed.credential).toBe(C.credential);
    const pageHits: CanaryHit[] = [];
    const checkPage = async (after: string) => {
      await expect(app.getByRole('dialog')).toHaveCount(0);
      for (const [part, text] of Object.entries(await rendererState(app)))
        pageHits.push(...scanText(text, C, `${part} after ${after}`));
    };
    await connect(app, v, C.credential);
    await checkPage('connecting');

    // The list: last use from activeAt, scope words, and the leaked token in Vercel's words.
    await expect(rows(app, 'CI deploy')).toContainText('Full account');
    await expect(rows(app, 'CI deploy')).toContainText('Expires ≤ 7 days');
    const leakedBadge = rows(app, 'Old laptop').locator('.badge', { hasText: 'Leaked' });
    await expect(leakedBadge).toHaveAttribute('title', 'Vercel reports this token leaked');
    await expect(rows(app, 'Old laptop')).toContainText('Vercel reports this token leaked');
    await expect(rows(app, 'Acme preview bot')).toContainText(/Team team_\w+ \(or a project in it\)/);
    await eachLook(app, host, async (look) => {
      await screenshot(app, `vercel-list-${look}`);
    });
    await expectAccessible(app, 'vercel list');
    await resetLook(app, host);

    // The leaked token's details: the badge and what to do, with when Vercel reported it.
    await openToken(app, 'Old laptop');
    const banner = app.getByRole('alert').filter({ hasText: 'Vercel found this token in a public place' });
    await expect(banner).toContainText('Vercel reports this token leaked');
    await expect(banner).toContainText('Reported');
    await eachLook(app, host, async (look) => {
      await screenshot(app, `vercel-leaked-detail-${look}`);
    });
    await expectAccessible(app, 'vercel leaked detail');
    await resetLook(app, host);
    await app.getByRole('button', { name: 'Close details' }).click();

    // Create with the form's starting expiry (90 days): the secret once.
    v.queueSecrets(C.create);
    await app.getByRole('button', { name: 'New token' }).first().click();
    const dialog = app.getByRole('dialog', { name: 'New token' });
    await dialog.getByLabel('Name').fill('Preview deploy');
    await eachLook(app, host, async (look) => {
      await screenshot(app, `vercel-create-${look}`);
    });
    await resetLook(app, host);
    await dialog.getByRole('button', { name: 'Create token' }).click();
    await copySecretAndClose(app, 'Preview deploy');
    await expect(rows(app, 'Preview deploy')).toContainText('Full account');
    const made = [...v.tokens.values()].find((t) => t.name === 'Preview deploy');
    expect(made?.secret).toBe(C.create);
    // 90 days ahead (the form picks a calendar day): sent as milliseconds.
    expect(Math.round(((made?.expiresAt ?? 0) - host.clock.now()) / 86_400_000)).toBe(90);
    await checkPage('a create');

    // Replace: a successor with the same name, then the old token deleted once confirmed.
    v.queueSecrets(C.rotate);
    await openToken(app, 'CI deploy');
    const oldId = [...v.tokens.values()].find((t) => t.name === 'CI deploy')?.id ?? '';
    await app.getByRole('button', { name: 'Rotate' }).click();
    const plan = app.getByRole('dialog', { name: 'Rotate “CI deploy”' });
    await expect(plan).toContainText('Confirm, and the old token is deleted at Vercel');
    await eachLook(app, host, async (look) => {
      await screenshot(app, `vercel-rotate-plan-${look}`);
    });
    await resetLook(app, host);
    await plan.getByRole('button', { name: 'Rotate now' }).click();
    await copySecretAndClose(app, 'CI deploy');
    const confirm = app.getByRole('dialog', {
      name: 'Have you updated every place that used the old token?',
    });
    expect(v.tokens.has(oldId)).toBe(true);
    await confirm.getByRole('button', { name: 'Yes, finish rotation' }).click();
    await expect(app.getByTestId('toast').filter({ hasText: /Rotated “CI deploy”/ })).toBeVisible();
    expect(v.tokens.has(oldId)).toBe(false);
    expect([...v.tokens.values()].filter((t) => t.name === 'CI deploy').map((t) => t.secret)).toEqual([
      C.rotate,
    ]);
    await app.getByRole('button', { name: 'Close details' }).click();
    await expect(rows(app, 'CI deploy')).toHaveCount(1);
    await checkPage('a replacement');

    // Revoke.
    await openToken(app, 'Unused test');
    await app.getByRole('button', { name: 'Revoke' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Unused test”.' })).toBeVisible();
    expect([...v.tokens.values()].some((t) => t.name === 'Unused test')).toBe(false);
    await checkPage('a revoke');

    // Nothing the run wrote holds a canary (database, its -wal, logs).
    const scan = scanPaths([DATA_DIR], C);
    expect(scan.scanned.some((file) => file.endsWith('.db'))).toBe(true);
    expect(scan.hits).toEqual([]);
    expect(pageHits).toEqual([]);
  });
});

test('Vercel: a team-scoped token connects read-only and says why it cannot create', async ({
  app,
  host,
}) => {
  test.setTimeout(90_000);
  const { sim: v, seed } = await start(host);
  await connect(app, v, seed.teamCredential, 'Vercel (Acme team)');
  await expect(rows(app, 'Old laptop')).toContainText('Vercel reports this token leaked');
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Name').fill('Team deploy');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await expect(dialog).toContainText('This connection is read-only');
  await expect(dialog).toContainText('Vercel lets only a full-account token create tokens');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `vercel-read-only-create-${look}`);
  });
  await resetLook(app, host);
  expect(v.count(CREATE)).toBe(0);
});
