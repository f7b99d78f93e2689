/**
 * GitLab through the real renderer against its simulator (a self-managed address): connect with a
 * personal access token, its tokens in the one list with scope, last use and expiry; create (a
 * non-admin's self_rotate token), rotate (the old secret stops at once; the family rule said in the
 * dialog), rotate the app's own token (credential swapped), revoke, and a rotation whose answer
 * was lost: reconciled by listing, never retried. Screens at 1280x800 and 960x640, light and dark.
 */
import type { Page } from '@playwright/test';
import { seedGitLab, startGitLab, type GitLabSeed, type GitLabSimulator } from '../simulators/gitlab';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  screenshot,
  setTheme,
  test,
  tokenRows as rows,
} from './fixtures';

const ROTATE = 'POST /api/v4/personal_access_tokens/:id/rotate';

let sim: GitLabSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function connect(app: Page, gitlab: GitLabSimulator, seed: GitLabSeed): Promise<void> {
  await app.getByRole('button', { name: 'Add connection' }).click();
  await app
    .getByRole('dialog', { name: 'Add connection' })
    .getByRole('button', { name: /GitLab/ })
    .click();
  const form = app.getByRole('dialog', { name: 'Add GitLab' });
  await form.getByLabel('Connection name').fill('GitLab (example)');
  await form.getByRole('textbox', { name: 'Personal access token' }).fill(seed.credential);
  await form.getByRole('button', { name: 'Use a different server address' }).click();
  await form.getByLabel('Server address').fill(gitlab.url);
  await form.getByRole('button', { name: 'Connect' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(rows(app, 'CI deploy')).toBeVisible();
}

async function openToken(app: Page, name: string) {
  await rows(app, name).first().click();
  await expect(app.getByRole('heading', { name, exact: true })).toBeVisible();
}

test('GitLab: connect, the list, create, rotate (also the app’s own token) and revoke', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  sim = await startGitLab({ now: () => host.clock.now() });
  const seed = seedGitLab(sim);
  await connect(app, sim, seed);

  // The one list: scope, last use and expiry; the revoked token is not listed.
  await expect(rows(app, 'CI deploy')).toContainText('GitLab');
  await expect(rows(app, 'CI deploy')).toContainText('api, write_repository');
  await expect(rows(app, 'CI deploy')).toContainText('Expires ≤ 7 days');
  await expect(rows(app, 'Docs bot')).toContainText('Never used');
  await expect(rows(app, 'Leaked once')).toHaveCount(0);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-list-${look}`);
  });
  await expectAccessible(app, 'gitlab list');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');

  // Create: a non-administrator may give an API-made token the self_rotate scope.
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Name').fill('Rotator');
  await dialog.getByLabel('Permission group').selectOption('self_rotate');
  await screenshot(app, 'gitlab-create');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Rotator');
  await expect(rows(app, 'Rotator')).toContainText('self_rotate');

  // Rotate: the plan says the old secret stops at once and explains the family rule.
  await openToken(app, 'CI deploy');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “CI deploy”' });
  await expect(plan.getByRole('heading', { name: 'What will happen at GitLab' })).toBeVisible();
  await expect(plan).toContainText('The old secret stops working immediately');
  await expect(plan).toContainText('GitLab treats it as a leaked secret and revokes the whole family');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-rotate-plan-${look}`);
  });
  await expectAccessible(app, 'gitlab rotate plan');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  const oldSecret = [...sim.tokens.values()].find((t) => t.name === 'CI deploy')?.secret ?? '';
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await expect(app.getByRole('dialog', { name: 'Copy the secret for “CI deploy”' })).toContainText(
    'stopped working just now',
  );
  await copySecretAndClose(app, 'CI deploy');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(sim.authenticates(oldSecret)).toBe(false);
  expect(sim.count(ROTATE)).toBe(1);

  // The app's own token: self/rotate, and the connection now signs in with the new secret.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Tokenkeeper');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Tokenkeeper”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  const own = app.getByRole('dialog', { name: 'Copy the secret for “Tokenkeeper”' });
  await expect(own).toContainText('it now uses the new one');
  await screenshot(app, 'gitlab-rotate-own');
  await copySecretAndClose(app, 'Tokenkeeper');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(sim.count('POST /api/v4/personal_access_tokens/:id/rotate')).toBe(2);
  expect(sim.requests.some((r) => r.path === '/api/v4/personal_access_tokens/self/rotate')).toBe(true);
  expect(sim.authenticates(seed.credential)).toBe(false);

  // Revoke.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Docs bot');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Docs bot”.' })).toBeVisible();
  expect([...sim.tokens.values()].find((t) => t.name === 'Docs bot')?.revoked).toBe(true);
});

test('GitLab: a rotation whose answer was lost is reconciled by listing and never retried', async ({
  app,
  host,
}) => {
  sim = await startGitLab({ now: () => host.clock.now() });
  const seed = seedGitLab(sim);
  await connect(app, sim, seed);
  sim.inject({ route: ROTATE, fault: { kind: 'reset', afterHandling: true } });
  await openToken(app, 'Registry pull');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Registry pull”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  await expect(
    app.getByText(/GitLab rotated “Registry pull”, but the new secret never reached Tokenkeeper/),
  ).toBeVisible();
  await expect(app.getByText(/Tokenkeeper did not retry/).first()).toBeVisible();
  await screenshot(app, 'gitlab-rotate-lost');
  expect(sim.count(ROTATE)).toBe(1);
  await app
    .getByRole('dialog', { name: 'Rotate “Registry pull”' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  // One row, following the successor GitLab issued.
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(rows(app, 'Registry pull')).toHaveCount(1);
});
