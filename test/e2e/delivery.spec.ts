/**
 * Rotation that updates its consumers, through the UI against the Mailtrap simulator: a token
 * with a `.env` target and a command target (added in Used by, paths from main's dialog) rotates
 * in one flow. A failing command stops the rotation with the old token alive and the dialog says
 * which target has the new token; Retry finishes it: the file holds the new value, the command
 * got it on stdin, and the old token is deleted only then. A scheduled rotation runs when the
 * host clock passes its time, with its notification.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  connectMailtrap,
  DAY,
  eachLook,
  expect,
  openToken,
  rendererState,
  screenshot,
  test,
} from './fixtures';

const RECORDER = path.resolve('test/fixtures/delivery/record-stdin.mjs');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function workFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-e2e-delivery-'));
  const envFile = path.join(dir, '.env');
  fs.writeFileSync(envFile, '# mail\nMAILTRAP_TOKEN=old-value\n', { mode: 0o640 });
  return { dir, envFile, recorded: path.join(dir, 'recorded.json'), control: path.join(dir, 'control') };
}

test('a token with a .env and a command target rotates in one flow; a failing target stops it, Retry finishes it', async ({
  app,
  host,
  sims,
}) => {
  const { sim } = await connectMailtrap(host, sims);
  const old = sim.findByName('Production SMTP')[0]!;
  const { envFile, recorded, control } = workFolder();
  await openToken(app, 'Production SMTP');

  // The .env target: its file from main's dialog, its key typed.
  const kind = app.getByRole('combobox', { name: 'Kind of target' });
  await kind.selectOption({ label: 'File on this computer' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const fileForm = app.getByRole('form', { name: 'File on this computer target' });
  host.fakes.system.nextPaths.push(envFile);
  await fileForm.getByRole('button', { name: 'Choose…' }).click();
  await expect(fileForm.getByRole('textbox', { name: 'File' })).toHaveValue(envFile);
  await fileForm.getByRole('textbox', { name: 'Key' }).fill('MAILTRAP_TOKEN');
  await fileForm.getByRole('button', { name: 'Save target' }).click();
  const list = app.getByRole('list', { name: 'Delivery targets' });
  await expect(list).toContainText(`MAILTRAP_TOKEN in ${envFile}`);

  // The command target: the program from the dialog, its arguments one per line.
  await kind.selectOption({ label: 'Command' });
  await app.getByRole('button', { name: 'Add target' }).click();
  const commandForm = app.getByRole('form', { name: 'Command target' });
  host.fakes.system.nextPaths.push(process.execPath);
  await commandForm.getByRole('button', { name: 'Choose…' }).click();
  await commandForm
    .getByRole('textbox', { name: /Arguments/ })
    .fill([RECORDER, recorded, control].join('\n'));
  await commandForm.getByRole('button', { name: 'Save target' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  // Scheduled rotation is offered once the token has targets, and is off by default.
  await expect(app.getByRole('combobox', { name: /Rotate on a schedule/ })).toHaveValue('off');
  await eachLook(app, host, async (look) => {
    await list.scrollIntoViewIfNeeded();
    await screenshot(app, `delivery-targets-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });

  // The consumer refuses the first time: the rotation stops, the old token still works.
  fs.writeFileSync(control, 'fail');
  await app.getByRole('button', { name: 'Rotate' }).click();
  const plan = app.getByRole('dialog', { name: 'Rotate “Production SMTP”' });
  await expect(plan).toContainText('Targets it will update, in order');
  await expect(plan.getByRole('list', { name: 'Delivery targets' }).getByRole('listitem')).toHaveCount(2);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `delivery-rotate-plan-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });
  await plan.getByRole('button', { name: 'Rotate and update 2 targets' }).click();
  const stopped = app.getByRole('dialog', { name: 'Rotation of “Production SMTP” stopped' });
  await expect(stopped).toContainText(`Have the new token: “MAILTRAP_TOKEN in ${envFile}”.`);
  await expect(stopped).toContainText('Still have the old token:');
  await expect(stopped).toContainText('The old token “Production SMTP” was kept and still works.');
  await expect(stopped).toContainText('the consumer refused the token');
  expect(sim.authenticates(old.secret)).toBe(true);
  expect(sim.tokens.get(old.id)?.deleted).toBe(false);
  await eachLook(app, host, async (look) => {
    await screenshot(app, `delivery-rotate-stopped-${look}`);
  });
  await app.setViewportSize({ width: 1280, height: 800 });

  // Retry with the secret main still holds: every target verified, then the old token goes.
  fs.writeFileSync(control, 'ok');
  await stopped.getByRole('button', { name: 'Retry' }).click();
  const done = app.getByRole('dialog', { name: 'Rotated “Production SMTP”' });
  await expect(done).toContainText('Every target has the new token and it works at Mailtrap');
  await expect(done).toContainText('the old token “Production SMTP” was deleted at Mailtrap');
  await eachLook(app, host, async (look) => {
    await screenshot(app, `delivery-rotate-done-${look}`);
  });
  const secret = sim.findByName('Production SMTP')[0]!.secret;
  expect(sim.tokens.get(old.id)?.deleted).toBe(true);
  expect(fs.readFileSync(envFile, 'utf8')).toBe(`# mail\nMAILTRAP_TOKEN=${secret}\n`);
  expect(fs.statSync(envFile).mode & 0o777).toBe(0o640);
  expect(fs.readdirSync(path.dirname(envFile)).sort()).toEqual(['.env', 'control', 'recorded.json']);
  const seen = JSON.parse(fs.readFileSync(recorded, 'utf8')) as {
    sha256: string;
    argv: string[];
    env: object;
  };
  expect(seen.sha256).toBe(sha256(secret));
  expect(JSON.stringify([seen.argv, seen.env])).not.toContain(secret);
  // Canary: the new token never reached the window (its DOM, stores, storage).
  const state = await rendererState(app);
  expect(JSON.stringify(state)).not.toContain(secret);
});

test.describe('on a schedule', () => {
  test.use({ manualClock: true });

  test('a scheduled rotation runs when the host clock passes its time, with its notification', async ({
    host,
    sims,
  }) => {
    const { sim } = await connectMailtrap(host, sims);
    const { envFile } = workFolder();
    const page = await host.core.handlers.listTokens({ offset: 0, limit: 500 });
    const token = page.rows.find((r) => r.name === 'Production SMTP')!;
    host.fakes.system.nextPaths.push(envFile);
    await host.core.handlers.chooseDeliveryPath({ purpose: 'file' });
    await host.core.handlers.setDeliveryTargets({
      tokenId: token.id,
      targets: [{ kind: 'file', config: { path: envFile, format: 'env', key: 'MAILTRAP_TOKEN' } }],
    });
    const schedule = await host.core.handlers.setRotationSchedule({
      tokenId: token.id,
      rule: 'every',
      days: 30,
    });
    expect(schedule.nextRunAt).toBe(host.clock.now() + 30 * DAY);
    (host.clock as unknown as { advance(ms: number): void }).advance(30 * DAY + 60 * 60_000);
    await expect
      .poll(() => host.fakes.notifier.shown.map((n) => n.title))
      .toContain('Rotated “Production SMTP” on schedule');
    const secret = sim.findByName('Production SMTP')[0]!.secret;
    expect(fs.readFileSync(envFile, 'utf8')).toBe(`# mail\nMAILTRAP_TOKEN=${secret}\n`);
  });
});
