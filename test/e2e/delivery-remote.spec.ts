/**
 * Rotation that updates a remote consumer too, through the UI: a Mailtrap token with a `.env`
 * target, a GitHub Actions secret target (through a GitHub delivery connection pointing at the
 * GitHub Actions simulator, picked in the target's form) and a command target rotates in one
 * flow; each target holds the new value and the old token is deleted only after all verified.
 * A half-filled target form keeps what was typed when the window crosses the narrow width and back.
 * A delivery connection whose token may only read secrets (403) stops the rotation with the old
 * token alive and the dialog says which target has the new token. Canary: the secret is nowhere
 * in the page, its stores, or the data folder.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestHost } from '../host/server';
import { connectMailtrap, eachLook, expect, openToken, rendererState, screenshot, test } from './fixtures';

const RECORDER = path.resolve('test/fixtures/delivery/record-stdin.mjs');
const REPO = { owner: 'jane', repo: 'app' };
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function workFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-delivery-remote-'));
  const envFile = path.join(dir, '.env');
  fs.writeFileSync(envFile, '# mail\nMAILTRAP_TOKEN=old-value\n', { mode: 0o600 });
  return { envFile, recorded: path.join(dir, 'recorded.json'), control: path.join(dir, 'control') };
}

/** Every file in the data folder, as one string to search. */
function dataFolderText(host: TestHost): string {
  host.core.context.db.pragma('wal_checkpoint(TRUNCATE)');
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else texts.push(fs.readFileSync(full).toString('latin1'));
    }
  };
  walk(host.core.context.deps.dataDir);
  return texts.join('\n');
}

test('a .env, a GitHub Actions secret and a command target rotate in one flow', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  const { sim: github, seed } = await sims.githubActions();
  const old = sim.findByName('Production SMTP')[0]!;
  const { envFile, recorded, control } = workFolder();
  fs.writeFileSync(control, 'ok');
  await openToken(app, 'Production SMTP');
  const kind = app.getByRole('combobox', { name: 'Kind of target' });
  const list = app.getByRole('list', { name: 'Delivery targets' });

  // The .env target.
  await kind.selectOption({ label: 'File on this computer' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const fileForm = app.getByRole('form', { name: 'File on this computer target' });
  host.fakes.system.nextPaths.push(envFile);
  await fileForm.getByRole('button', { name: 'Choose…' }).click();
  await fileForm.getByRole('textbox', { name: 'Key' }).fill('MAILTRAP_TOKEN');
  await fileForm.getByRole('button', { name: 'Save target' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);

  // The GitHub Actions target: without a delivery connection the form says where to add one.
  await kind.selectOption({ label: 'GitHub Actions secret' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const remoteForm = app.getByRole('form', { name: 'GitHub Actions secret target' });
  await expect(remoteForm).toContainText('No GitHub delivery connection yet.');
  await expect(remoteForm.getByRole('button', { name: 'Open Settings' })).toBeVisible();
  await remoteForm.getByRole('button', { name: 'Cancel' }).click();
  await host.core.handlers.addDeliveryConnection({
    kind: 'github',
    label: 'CI secrets',
    baseUrl: github.apiUrl,
    token: seed.writer,
  });
  await kind.selectOption({ label: 'GitHub Actions secret' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const picker = remoteForm.getByRole('combobox', { name: 'GitHub delivery connection' });
  await expect(picker).toContainText('CI secrets (jane)');
  const owner = remoteForm.getByRole('textbox', { name: /Repository owner/ });
  const repository = remoteForm.getByRole('textbox', { name: /^Repository/ }).last();
  await owner.fill(REPO.owner);
  await repository.fill(REPO.repo);
  // Half-filled, across the narrow width (SIDE_BY_SIDE_MIN_PX, 1100) and back: the details move
  // from beside the list to in place of it and back, and the form keeps what was typed.
  const pane = app.getByRole('complementary', { name: 'Token details' });
  const chosen = await picker.inputValue();
  for (const width of [900, 1280]) {
    await app.setViewportSize({ width, height: 800 });
    await expect(pane).toHaveCount(width < 1100 ? 0 : 1);
    await expect(remoteForm).toBeVisible();
    await expect(owner).toHaveValue(REPO.owner);
    await expect(repository).toHaveValue(REPO.repo);
    await expect(picker).toHaveValue(chosen);
  }
  await remoteForm.getByRole('textbox', { name: 'Secret name' }).fill('MAILTRAP_TOKEN');
  await eachLook(app, host, async (look) => {
    await remoteForm.scrollIntoViewIfNeeded();
    await screenshot(app, `delivery-remote-target-form-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await remoteForm.getByRole('button', { name: 'Save target' }).click();
  await expect(list).toContainText('MAILTRAP_TOKEN in GitHub Actions (jane/app)');

  // The command target.
  await kind.selectOption({ label: 'Command' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const commandForm = app.getByRole('form', { name: 'Command target' });
  host.fakes.system.nextPaths.push(process.execPath);
  await commandForm.getByRole('button', { name: 'Choose…' }).click();
  await commandForm
    .getByRole('textbox', { name: /Arguments/ })
    .fill([RECORDER, recorded, control].join('\n'));
  await commandForm.getByRole('button', { name: 'Save target' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(3);

  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Production SMTP”' });
  await plan.getByRole('button', { name: 'Rotate and update 3 targets' }).click();
  const done = app.getByRole('dialog', { name: 'Rotated “Production SMTP”' });
  await expect(done).toContainText('Every target has the new token and it works at Mailtrap');
  await expect(done).toContainText('the old token “Production SMTP” was deleted at Mailtrap');

  const secret = sim.findByName('Production SMTP')[0]!.secret;
  expect(sim.tokens.get(old.id)?.deleted).toBe(true);
  expect(fs.readFileSync(envFile, 'utf8')).toBe(`# mail\nMAILTRAP_TOKEN=${secret}\n`);
  expect(github.secretValue(REPO, 'MAILTRAP_TOKEN')).toBe(secret);
  const seen = JSON.parse(fs.readFileSync(recorded, 'utf8')) as { sha256: string };
  expect(seen.sha256).toBe(sha256(secret));

  // Canary: neither the new token nor the delivery connection's token is in the window or the data folder.
  const state = JSON.stringify(await rendererState(app));
  const stored = dataFolderText(host);
  for (const value of [secret, seed.writer]) {
    expect(state).not.toContain(value);
    expect(stored).not.toContain(value);
  }
});

test('a delivery connection that may not write secrets (403) stops the rotation with the old token alive', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  const { sim: github, seed } = await sims.githubActions();
  const old = sim.findByName('Production SMTP')[0]!;
  const { envFile, recorded, control } = workFolder();
  fs.writeFileSync(control, 'ok');
  const connection = await host.core.handlers.addDeliveryConnection({
    kind: 'github',
    label: 'Read-only CI',
    baseUrl: github.apiUrl,
    token: seed.reader,
  });
  const page = await host.core.handlers.listTokens({ offset: 0, limit: 500 });
  const token = page.rows.find((r) => r.name === 'Production SMTP')!;
  host.fakes.system.nextPaths.push(envFile);
  await host.core.handlers.chooseDeliveryPath({ purpose: 'file' });
  host.fakes.system.nextPaths.push(process.execPath);
  await host.core.handlers.chooseDeliveryPath({ purpose: 'program' });
  await host.core.handlers.setDeliveryTargets({
    tokenId: token.id,
    targets: [
      { kind: 'file', config: { path: envFile, format: 'env', key: 'MAILTRAP_TOKEN' } },
      {
        kind: 'github_actions',
        config: { connectionId: connection.id, scope: 'repository', ...REPO, secretName: 'MAILTRAP_TOKEN' },
      },
      { kind: 'command', config: { file: process.execPath, args: [RECORDER, recorded, control] } },
    ],
  });

  await openToken(app, 'Production SMTP');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Production SMTP”' });
  await plan.getByRole('button', { name: 'Rotate and update 3 targets' }).click();
  const stopped = app.getByRole('dialog', { name: 'Rotation of “Production SMTP” stopped' });
  await expect(stopped).toContainText(`Have the new token: “MAILTRAP_TOKEN in ${envFile}”.`);
  await expect(stopped).toContainText('Still have the old token:');
  await expect(stopped).toContainText('the token needs Secrets: write on jane/app');
  await expect(stopped).toContainText('The old token “Production SMTP” was kept and still works.');
  expect(sim.authenticates(old.secret)).toBe(true);
  expect(sim.tokens.get(old.id)?.deleted).toBe(false);
  expect(github.secretValue(REPO, 'MAILTRAP_TOKEN')).toBeNull();
  // The command after the failing target was not run.
  expect(fs.existsSync(recorded)).toBe(false);
});

test('without a delivery connection the form says where to add one, and its button opens Settings there', async ({
  app,
  host,
  sims,
}) => {
  await connectMailtrap(host, sims);
  await openToken(app, 'Production SMTP');
  const kind = app.getByRole('combobox', { name: 'Kind of target' });
  const remoteForm = app.getByRole('form', { name: 'GitHub Actions secret target' });
  // The 1Password kind needs no delivery connection (it runs the local `op`): its own fields only.
  const opForm = app.getByRole('form', { name: '1Password item field target' });
  const openForm = async (label: string, form: typeof remoteForm) => {
    if (await form.isVisible()) return;
    await kind.selectOption({ label });
    await app.getByRole('button', { name: 'Add target' }).click();
    await expect(form).toBeVisible();
  };
  await eachLook(app, host, async (look) => {
    await openForm('1Password item field', opForm);
    await expect(opForm.getByRole('combobox')).toHaveCount(0);
    await expect(opForm.getByRole('textbox', { name: 'Vault' })).toHaveAttribute(
      'placeholder',
      'Engineering',
    );
    await opForm.scrollIntoViewIfNeeded();
    await screenshot(app, `delivery-onepassword-target-form-${look}`);
    await opForm.getByRole('button', { name: 'Cancel' }).click();
    await openForm('GitHub Actions secret', remoteForm);
    await expect(remoteForm).toContainText(
      'No GitHub delivery connection yet. Add one in Settings › Delivery connections',
    );
    await remoteForm.scrollIntoViewIfNeeded();
    await screenshot(app, `delivery-remote-target-form-empty-${look}`);
    await remoteForm.getByRole('button', { name: 'Cancel' }).click();
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await openForm('GitHub Actions secret', remoteForm);
  await remoteForm.getByRole('button', { name: 'Open Settings' }).click();
  await expect(app.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(app.getByRole('region', { name: 'Delivery connections' })).toBeInViewport();
});
