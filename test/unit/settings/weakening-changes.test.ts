/**
 * Settings that weaken security change only through main's own confirmation (the `Confirmer`
 * port: a native dialog in the shell). Through the contract, as a compromised renderer would
 * call it: a declined question changes nothing, turning a weakening off needs no question, and
 * the extra CA path is looked at only after the user confirmed, with one message for every way a
 * path can fail to be a readable PEM file (no file-existence oracle).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_A_PEM_FILE } from '../../../src-main/core/settings/weakening-changes';
import { makeCore, type TestCore } from '../helpers';

const CA_FIXTURE = path.resolve('test/unit/http/fixtures/ca.pem');

let t: TestCore;
afterEach(() => t.close());

const update = (patch: unknown) => t.core.call('updateSettings', patch);

describe('settings that weaken security', () => {
  it('accepts weaker storage only when the user confirms in main, and drops it without asking', async () => {
    t = makeCore();
    t.fakes.confirm.answer = false;
    expect(await update({ weakStorageAccepted: true })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Weaker storage was not accepted, so nothing was changed.' },
    });
    expect(t.core.context.settings.get().weakStorageAccepted).toBe(false);
    expect(t.fakes.confirm.asked.map((q) => q.confirmLabel)).toEqual(['Accept weaker storage']);

    t.fakes.confirm.answer = true;
    expect((await update({ weakStorageAccepted: true, theme: 'dark' })).ok).toBe(true);
    expect(t.core.context.settings.get()).toMatchObject({ weakStorageAccepted: true, theme: 'dark' });
    // Already accepted, and then turned off: no more questions.
    expect((await update({ weakStorageAccepted: true })).ok).toBe(true);
    expect((await update({ weakStorageAccepted: false })).ok).toBe(true);
    expect(t.fakes.confirm.asked).toHaveLength(2);
  });

  it('a declined question leaves the rest of the same change unsaved too', async () => {
    t = makeCore();
    t.fakes.confirm.answer = false;
    const result = await update({ weakStorageAccepted: true, clipboardClearSeconds: 90 });
    expect(result.ok).toBe(false);
    expect(t.core.context.settings.get().clipboardClearSeconds).toBe(30);
  });

  it('asks before an extra CA is trusted, and reads the file only after the user said yes', async () => {
    t = makeCore();
    t.fakes.confirm.answer = false;
    const missing = path.join(t.dataDir, 'no-such-file.pem');
    // Declined: the same answer whether or not the file exists.
    for (const candidate of [missing, CA_FIXTURE]) {
      const result = await update({ caCertificatePath: candidate });
      expect(result.ok ? null : result.error.code).toBe('cancelled');
    }
    expect(t.fakes.confirm.asked.at(-1)?.message).toContain(CA_FIXTURE);
    expect(t.core.context.settings.get().caCertificatePath).toBeNull();

    t.fakes.confirm.answer = true;
    expect((await update({ caCertificatePath: CA_FIXTURE })).ok).toBe(true);
    expect(t.core.context.settings.get().caCertificatePath).toBe(CA_FIXTURE);
    // The same path again, or none: nothing is weakened, nothing asked.
    const asked = t.fakes.confirm.asked.length;
    expect((await update({ caCertificatePath: CA_FIXTURE })).ok).toBe(true);
    expect((await update({ caCertificatePath: null })).ok).toBe(true);
    expect(t.fakes.confirm.asked).toHaveLength(asked);
  });

  it('says the same for every path that is not a readable PEM file', async () => {
    t = makeCore();
    const notPem = path.join(t.dataDir, 'notes.txt');
    fs.writeFileSync(notPem, 'not a certificate');
    const unreadable = path.join(t.dataDir, 'locked.pem');
    fs.copyFileSync(CA_FIXTURE, unreadable);
    fs.chmodSync(unreadable, 0o000);
    const candidates = [path.join(t.dataDir, 'missing.pem'), t.dataDir, notPem];
    // Root reads a 0000 file anyway; elsewhere it is one more kind of unreadable.
    if (process.platform !== 'win32' && process.getuid?.() !== 0) candidates.push(unreadable);
    if (fs.existsSync('/dev/zero')) candidates.push('/dev/zero');
    for (const candidate of candidates) {
      expect({ candidate, result: await update({ caCertificatePath: candidate }) }).toEqual({
        candidate,
        result: {
          ok: false,
          error: { code: 'invalid_input', message: NOT_A_PEM_FILE, field: 'caCertificatePath' },
        },
      });
    }
    expect(t.core.context.settings.get().caCertificatePath).toBeNull();
  });

  it('refuses a relative path from its text alone, before asking or reading anything', async () => {
    t = makeCore();
    const result = await update({ caCertificatePath: 'ca.pem' });
    expect(result.ok ? null : result.error.message).toBe('Enter the full path of the certificate file.');
    expect(t.fakes.confirm.asked).toHaveLength(0);
  });
});
