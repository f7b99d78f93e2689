/**
 * GitHub through the real renderer against its simulator. GitHub's API cannot list, create or
 * rotate personal access tokens, so the connection is tracked: a token pasted once into "Check a
 * pasted token" is recorded with its owner, last 4, expiry and scopes as GitHub reports them (the
 * field cleared, the value kept nowhere); an expired or revoked token gets a clear message and
 * nothing is recorded; a leaked token is revoked by value from its detail, and several at once
 * from the connection. A canary scan of the page, its stores and storage, and every file the app
 * wrote finds no pasted value. Screens at 1280x800 and 960x640, light and dark.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Connection } from '../../src-preload/contract';
import { makeCanary, scanPaths, scanText } from '../security/canary';
import { seedGitHub, startGitHub, type GitHubSeed, type GitHubSimulator } from '../simulators/github';
import type { TestHost } from '../host/server';
import {
  DAY,
  eachLook,
  expect,
  expectAccessible,
  openToken,
  rendererState,
  screenshot,
  test,
  tokenRows,
} from './fixtures';

let sim: GitHubSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function startSim(host: TestHost): Promise<{ sim: GitHubSimulator; seed: GitHubSeed }> {
  sim = await startGitHub({ now: () => host.clock.now() });
  return { sim, seed: seedGitHub(sim) };
}

async function trackedGitHub(host: TestHost, baseUrl: string): Promise<Connection> {
  const core = host.core.handlers;
  const label = 'GitHub (octocat)';
  const draft = await core.beginConnection({
    provider: 'github',
    mode: 'tracked',
    label,
    baseUrl,
    fields: {},
  });
  return core.completeConnection({ draftId: draft.draftId, label, accountIds: [] });
}

/** From the sidebar's Track a token, through the offer, to the check dialog. */
async function openCheck(app: Page, look?: string) {
  await app.getByRole('button', { name: 'Track a token' }).first().click();
  const track = app.getByRole('dialog', { name: 'Track a token' });
  await expect(track.getByText('Paste a GitHub token once')).toBeVisible();
  if (look !== undefined) await screenshot(app, `github-track-${look}`);
  await track.getByRole('button', { name: 'Check a pasted token' }).click();
  return app.getByRole('dialog', { name: 'Check a pasted token' });
}

test('adds GitHub as tracked, checks a pasted token: recorded with owner, expiry and scopes, the field cleared', async ({
  app,
  host,
  wire,
}) => {
  const { sim: github, seed } = await startSim(host);
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /GitHub/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add GitHub' });
  await expect(form.getByText('paste it once for GitHub to describe it')).toBeVisible();
  await form.getByLabel('Connection name').fill('GitHub (octocat)');
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(github.url);
  await screenshot(app, 'github-add-1280x800-light');
  await form.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('article', { name: 'GitHub (octocat)' })).toContainText('Tracked by hand');

  const check = await openCheck(app, '1280x800-light');
  const field = check.getByLabel('Token to check');
  await expect(field).toHaveAttribute('type', 'password');
  await field.fill(seed.classic.secret);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `github-check-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await check.getByRole('button', { name: 'Check token' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(
    app.getByTestId('toast').filter({ hasText: 'Tracking “Classic token (octocat)”: it expires' }),
  ).toBeVisible();
  expect(github.count('GET /user')).toBe(1);
  expect(wire.callsTo('checkPastedToken')).toHaveLength(1);

  await app.getByRole('button', { name: /All tokens/ }).click();
  await openToken(app, 'Classic token (octocat)');
  const detail = app
    .getByRole('article')
    .filter({ has: app.getByRole('heading', { name: 'Classic token (octocat)' }) });
  await expect(detail).toContainText('Classic token: repo, workflow');
  await expect(detail).toContainText(seed.classic.secret.slice(-4));
  await expect(detail).toContainText('octocat');
  const [row] = (await host.core.handlers.listTokens({ offset: 0, limit: 10 })).rows;
  expect(row).toMatchObject({
    origin: 'tracked',
    accountName: 'octocat',
    expiresAt: Math.floor(seed.classic.expiresAt! / 1000) * 1000,
  });

  // Rotation is by hand, with the token's own settings page on GitHub.
  await app.getByRole('button', { name: 'Rotate' }).click();
  const rotate = app.getByRole('dialog', { name: /Rotate/ });
  await expect(rotate).toContainText('Settings › Developer settings');
  await rotate.getByRole('button', { name: 'Cancel' }).click();

  await eachLook(app, host, async (look) => {
    await screenshot(app, `github-detail-${look}`);
  });
  await expectAccessible(app, 'GitHub token detail');
  const state = await rendererState(app);
  expect(Object.values(state).join('\n')).not.toContain(seed.classic.secret);
});

test('an expired or revoked pasted token gets a clear message, and nothing is recorded', async ({
  app,
  host,
}) => {
  const { sim: github, seed } = await startSim(host);
  await trackedGitHub(host, github.url);
  const check = await openCheck(app);
  await check.getByLabel('Token to check').fill(seed.expired.secret);
  await check.getByRole('button', { name: 'Check token' }).click();
  await expect(
    check.getByText(
      'GitHub refused this token (401): it has expired, been revoked, or was not copied whole. Nothing was recorded.',
    ),
  ).toBeVisible();
  await expect(check.getByLabel('Token to check')).toHaveValue('');
  await expect(check.getByLabel('Token to check')).toBeFocused();
  await screenshot(app, 'github-check-refused');
  // Not a GitHub token at all: refused before anything is sent.
  await check.getByLabel('Token to check').fill('hunter2');
  await check.getByRole('button', { name: 'Check token' }).click();
  await expect(check.getByText(/This is not a GitHub token/)).toBeVisible();
  expect(github.count('GET /user')).toBe(1);
  expect((await host.core.handlers.listTokens({ offset: 0, limit: 10, includeInactive: true })).matched).toBe(
    0,
  );
});

test('revokes leaked tokens by value, one from its detail and several at once; no pasted value anywhere', async ({
  app,
  host,
}) => {
  const { sim: github } = await startSim(host);
  const canaries = {
    single: `ghp_${makeCanary('UiGhSingle')}`,
    bulkA: `ghp_${makeCanary('UiGhBulkA')}`,
    bulkB: `github_pat_${makeCanary('UiGhBulkB')}`,
  };
  github.addToken({
    secret: canaries.single,
    login: 'octocat',
    expiresAt: host.clock.now() + 40 * DAY,
    scopes: ['repo'],
  });
  github.addToken({ secret: canaries.bulkA, login: 'octocat', expiresAt: null, scopes: ['gist'] });
  github.addToken({
    secret: canaries.bulkB,
    login: 'octocat',
    expiresAt: host.clock.now() + 9 * DAY,
    scopes: null,
  });
  const connection = await trackedGitHub(host, github.url);
  for (const [value, name] of [
    [canaries.single, 'Deploy key (prod)'],
    [canaries.bulkA, 'Gist bot'],
    [canaries.bulkB, 'Release workflow'],
  ] as const)
    await host.core.handlers.checkPastedToken({ connectionId: connection.id, value, name });

  // One from its detail: the value pasted again must be this token.
  await openToken(app, 'Deploy key (prod)');
  await app.getByRole('button', { name: 'Revoke by value' }).click();
  const single = app.getByRole('dialog', { name: 'Revoke “Deploy key (prod)” by value' });
  await expect(single).toContainText('tells its owner');
  await single.getByLabel('Token to revoke').fill(canaries.bulkA);
  await single.getByRole('button', { name: 'Revoke token' }).click();
  await expect(single.getByText(/does not end in/)).toBeVisible();
  expect(github.revokeCalls).toHaveLength(0);
  await single.getByLabel('Token to revoke').fill(canaries.single);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `github-revoke-one-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await single.getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(
    app.getByTestId('toast').filter({ hasText: 'GitHub accepted 1 token for revocation' }),
  ).toBeVisible();
  expect(github.revokeCalls).toEqual([[canaries.single]]);
  await expect(tokenRows(app, 'Deploy key (prod)')).toHaveCount(0);

  // Several at once, from the connection.
  await app.getByRole('button', { name: 'Connections', exact: true }).click();
  await app
    .getByRole('article', { name: 'GitHub (octocat)' })
    .getByRole('button', { name: 'Revoke leaked tokens' })
    .click();
  const bulk = app.getByRole('dialog', { name: 'Revoke leaked tokens by value' });
  await bulk.getByLabel('Tokens to revoke').fill(`${canaries.bulkA}\n${canaries.bulkB}\n`);
  await expect(bulk.getByRole('button', { name: 'Revoke 2 tokens' })).toBeVisible();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `github-revoke-bulk-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(app, 'Revoke leaked tokens');
  await bulk.getByRole('button', { name: 'Revoke 2 tokens' }).click();
  await expect(
    app
      .getByTestId('toast')
      .filter({ hasText: 'GitHub accepted 2 tokens for revocation; 2 tracked here marked revoked' }),
  ).toBeVisible();
  expect(github.revokeCalls).toEqual([[canaries.single], [canaries.bulkA, canaries.bulkB]]);
  const live = await host.core.handlers.listTokens({ offset: 0, limit: 10 });
  expect(live.matched).toBe(0);

  // The canary scan: the page, its stores and storage, and every file the app wrote.
  const state = await rendererState(app);
  const hits = [
    ...scanText(Object.values(state).join('\n'), canaries, 'renderer'),
    ...scanText(JSON.stringify(host.emitted), canaries, 'events'),
  ];
  const dataDir = host.core.context.deps.dataDir;
  host.core.context.db.pragma('wal_checkpoint(FULL)');
  const report = scanPaths([dataDir], canaries);
  expect(report.scanned.some((f) => path.basename(f) === 'tokenkeeper.db')).toBe(true);
  expect(report.scanned.some((f) => f.includes(`${path.sep}logs${path.sep}`))).toBe(true);
  expect([...hits, ...report.hits]).toEqual([]);
  expect(fs.existsSync(dataDir)).toBe(true);
});
