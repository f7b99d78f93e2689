/**
 * GitLab through the real renderer against its simulator (a self-managed address): connect with a
 * personal access token, its tokens in the one list with scope, last use and expiry; create (a
 * non-admin's self_rotate token), rotate (the old secret stops at once; the family rule said in the
 * dialog), rotate the app's own token (credential swapped), revoke, and a rotation whose answer
 * was lost: reconciled by listing, never retried. Then projects and groups: chosen when connecting
 * (with the filter), their tokens listed with role and scopes, a project token created (role no
 * higher than the user's), rotated (GitLab's one-week default shown in the dialog) and revoked, and
 * a lost project-token rotation reconciled. Service accounts of a top-level group: offered one by
 * one when connecting, their tokens listed, one created (no role), rotated and revoked through the
 * service-account endpoints. Screens at 1280x800 and 960x640, light and dark.
 */
import type { Locator, Page } from '@playwright/test';
import {
  seedGitLab,
  seedServiceAccounts,
  startGitLab,
  type GitLabSeed,
  type GitLabSimulator,
} from '../simulators/gitlab';
import {
  copySecretAndClose,
  eachLook,
  expect,
  expectAccessible,
  screenshot,
  setTheme,
  test,
  openToken,
  tokenRows as rows,
} from './fixtures';

const ROTATE = 'POST /api/v4/personal_access_tokens/:id/rotate';

let sim: GitLabSimulator | null = null;
test.afterEach(async () => {
  await sim?.close();
  sim = null;
});

/** Fills in the Add GitLab form for the simulator and checks the token: the places step opens. */
async function startConnect(app: Page, gitlab: GitLabSimulator, seed: GitLabSeed): Promise<Locator> {
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
  await form.getByRole('button', { name: 'Check token' }).click();
  return app.getByRole('dialog', { name: 'Choose projects and groups' });
}

/**
 * Adds the connection; in the "Choose projects and groups" step keeps only the places whose names
 * match `keep` (personal tokens by default).
 */
async function connect(
  app: Page,
  gitlab: GitLabSimulator,
  seed: GitLabSeed,
  keep: RegExp = /^Personal access tokens/,
  expected = 'CI deploy',
): Promise<void> {
  const choose = await startConnect(app, gitlab, seed);
  await expect(choose.getByRole('checkbox').first()).toBeVisible();
  for (const box of await choose.getByRole('checkbox').all()) {
    const name = (await box.evaluate((el) => el.closest('label')?.textContent ?? '')).trim();
    if (keep.test(name)) await box.check();
    else await box.uncheck();
  }
  await choose.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);
  await expect(rows(app, expected)).toBeVisible();
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
  await dialog.getByLabel('Project or group').selectOption({ label: 'Personal access tokens (jane)' });
  await dialog.getByLabel('Name').fill('Rotator');
  await dialog.getByRole('checkbox', { name: 'self_rotate' }).check();
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

const PROJECT_ROTATE = 'POST /api/v4/projects/:resource/access_tokens/:tokenId/rotate';

test('GitLab: choose a project and a group, see their tokens; create, rotate and revoke a project token', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  sim = await startGitLab({ now: () => host.clock.now() });
  const seed = seedGitLab(sim);
  // Enough projects that the choice needs its filter.
  for (const [i, name] of ['docs', 'infra', 'mobile', 'design'].entries())
    sim.resources.add({ kind: 'project', id: 200 + i, name, path: `acme/${name}`, members: { 41: 40 } });

  const choose = await startConnect(app, sim, seed);
  // Offered: personal tokens, the group Jane owns, the projects she maintains or owns (with her role).
  await expect(choose.getByRole('checkbox', { name: /acme \(group\)/ })).toBeChecked();
  await expect(choose.getByRole('checkbox', { name: /acme\/api \(project\)/ })).toBeVisible();
  await expect(choose.getByRole('checkbox', { name: /sam\/notes/ })).toHaveCount(0);
  for (const box of await choose.getByRole('checkbox').all()) await box.uncheck();
  const filter = choose.getByRole('searchbox', { name: 'Filter projects and groups' });
  await filter.fill('web');
  await expect(choose.getByRole('checkbox')).toHaveCount(1);
  await choose.getByRole('checkbox', { name: /acme\/web \(project\)/ }).check();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-choose-${look}`);
  });
  await expectAccessible(app, 'gitlab choose projects and groups');
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await filter.fill('acme');
  await choose.getByRole('checkbox', { name: /^acme \(group\)/ }).check();
  await filter.fill('');
  await choose.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);

  // Their tokens in the one list: role and scopes, last use, expiry; no personal tokens (not chosen).
  await expect(rows(app, 'Deploy web')).toContainText('Maintainer · api, write_repository');
  await expect(rows(app, 'Deploy web')).toContainText('Expires ≤ 30 days');
  await expect(rows(app, 'Web registry')).toContainText('Expired');
  await expect(rows(app, 'Acme release bot')).toContainText('Developer · read_api, read_repository');
  await expect(rows(app, 'Acme release bot')).toContainText('Never used');
  await expect(rows(app, 'Web retired')).toHaveCount(0);
  await expect(rows(app, 'CI deploy')).toHaveCount(0);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-project-tokens-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');

  // Create a project token: the role no higher than Jane's (Maintainer there).
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Project or group').selectOption({ label: 'acme/web (project)' });
  await dialog.getByLabel('Name').fill('Site reader');
  // Several scopes for one token.
  await dialog.getByRole('checkbox', { name: 'read_repository' }).check();
  await dialog.getByRole('checkbox', { name: 'read_api' }).check();
  await expect(dialog.getByRole('radio', { name: /^Owner on/ })).toBeDisabled();
  await dialog.getByRole('radio', { name: /^Reporter on/ }).check();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-create-project-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Site reader');
  await expect(rows(app, 'Site reader')).toContainText('Reporter · read_api, read_repository');
  const made = [...sim.tokens.values()].find((t) => t.name === 'Site reader');
  expect(made === undefined ? null : sim.resources.entity(made)).toMatchObject({
    access_level: 20,
    resource_type: 'project',
    resource_id: seed.project.id,
  });

  // Rotate it: GitLab's one-week default is shown in the dialog and sent as a date.
  await openToken(app, 'Deploy web');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Deploy web”' });
  await expect(plan).toContainText('GitLab’s own default is one week');
  const week = new Date(host.clock.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await expect(plan.getByLabel('Expiry date')).toHaveValue(week);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-rotate-project-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  const oldSecret = [...sim.tokens.values()].find((t) => t.name === 'Deploy web')?.secret ?? '';
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Deploy web');
  await expect(app.getByRole('dialog')).toHaveCount(0);
  expect(sim.count(PROJECT_ROTATE)).toBe(1);
  expect(sim.authenticates(oldSecret)).toBe(false);
  expect([...sim.tokens.values()].find((t) => t.name === 'Deploy web' && !t.revoked)?.expiresAt).toBe(week);

  // Revoke a project token by DELETE.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Web registry');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Web registry”.' })).toBeVisible();
  expect(sim.count('DELETE /api/v4/projects/:resource/access_tokens/:tokenId')).toBe(1);
  expect([...sim.tokens.values()].find((t) => t.name === 'Web registry')?.revoked).toBe(true);
});

test('GitLab: a project-token rotation whose answer was lost is reconciled by listing, never retried', async ({
  app,
  host,
}) => {
  sim = await startGitLab({ now: () => host.clock.now() });
  const seed = seedGitLab(sim);
  await connect(app, sim, seed, /acme\/web \(project\)/, 'Deploy web');
  sim.inject({ route: PROJECT_ROTATE, fault: { kind: 'reset', afterHandling: true } });
  await openToken(app, 'Deploy web');
  await app.getByRole('button', { name: 'Rotate' }).click();
  await app
    .getByRole('dialog', { name: 'Rotate “Deploy web”' })
    .getByRole('button', { name: 'Rotate now' })
    .click();
  await expect(
    app.getByText(/GitLab rotated “Deploy web”, but the new secret never reached Tokenkeeper/),
  ).toBeVisible();
  await expect(app.getByText(/Tokenkeeper did not retry/).first()).toBeVisible();
  await screenshot(app, 'gitlab-rotate-project-lost');
  expect(sim.count(PROJECT_ROTATE)).toBe(1);
  await app
    .getByRole('dialog', { name: 'Rotate “Deploy web”' })
    .getByRole('button', { name: 'Cancel' })
    .click();
  await app.getByRole('button', { name: 'Close details' }).click();
  await expect(rows(app, 'Deploy web')).toHaveCount(1);
});

test('GitLab: a group’s service account chosen when connecting; its tokens created, rotated and revoked', async ({
  app,
  host,
}) => {
  test.setTimeout(120_000);
  sim = await startGitLab({ now: () => host.clock.now() });
  const seed = seedGitLab(sim);
  seedServiceAccounts(sim);
  const base = 'groups/:resource/service_accounts/:userId/personal_access_tokens';

  const choose = await startConnect(app, sim, seed);
  // Each service account of acme (a top-level group Jane owns) is a place of its own.
  await expect(
    choose.getByRole('checkbox', { name: /backup-bot \(service account of acme\)/ }),
  ).toBeVisible();
  for (const box of await choose.getByRole('checkbox').all()) await box.uncheck();
  await choose.getByRole('checkbox', { name: /deploy-bot \(service account of acme\)/ }).check();
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-choose-service-account-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');
  await choose.getByRole('button', { name: 'Add connection' }).click();
  await expect(app.getByRole('dialog')).toHaveCount(0);

  // Its tokens in the one list: scopes, last use, expiry; the revoked one is not listed.
  await expect(rows(app, 'Deploy pipeline')).toContainText('api');
  await expect(rows(app, 'Deploy pipeline')).toContainText('Expires ≤ 30 days');
  await expect(rows(app, 'Deploy read')).toContainText('Never used');
  await expect(rows(app, 'Deploy old')).toHaveCount(0);
  await expect(rows(app, 'CI deploy')).toHaveCount(0);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `gitlab-service-account-tokens-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await setTheme(app, host, 'light');

  // Create one for the service account: scopes and expiry, no role.
  await app.getByRole('button', { name: 'New token' }).first().click();
  const dialog = app.getByRole('dialog', { name: 'New token' });
  await dialog.getByLabel('Project or group').selectOption({ label: 'deploy-bot (service account of acme)' });
  await dialog.getByLabel('Name').fill('Nightly backup');
  await dialog.getByRole('checkbox', { name: 'read_api' }).check();
  await expect(dialog.getByRole('radio', { name: /^Reporter on/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  await copySecretAndClose(app, 'Nightly backup');
  await expect(rows(app, 'Nightly backup')).toContainText('read_api');
  expect([...sim.tokens.values()].find((t) => t.name === 'Nightly backup')?.userId).toBe(300);
  expect(sim.count(`POST /api/v4/${base}`)).toBe(1);

  // Rotate: through the service-account rotate endpoint, the old secret stops at once.
  await openToken(app, 'Deploy pipeline');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Deploy pipeline”' });
  await expect(plan).toContainText('GitLab’s own default is one week');
  const oldSecret = [...sim.tokens.values()].find((t) => t.name === 'Deploy pipeline')?.secret ?? '';
  await plan.getByRole('button', { name: 'Rotate now' }).click();
  await copySecretAndClose(app, 'Deploy pipeline');
  await expect(app.getByText('Rotated in place once')).toBeVisible();
  expect(sim.count(`POST /api/v4/${base}/:tokenId/rotate`)).toBe(1);
  expect(sim.authenticates(oldSecret)).toBe(false);

  // Revoke by DELETE.
  await app.getByRole('button', { name: 'Close details' }).click();
  await openToken(app, 'Deploy read');
  await app.getByRole('button', { name: 'Revoke' }).click();
  await app.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(app.getByTestId('toast').filter({ hasText: 'Revoked “Deploy read”.' })).toBeVisible();
  expect(sim.count(`DELETE /api/v4/${base}/:tokenId`)).toBe(1);
  expect([...sim.tokens.values()].find((t) => t.name === 'Deploy read')?.revoked).toBe(true);
});
