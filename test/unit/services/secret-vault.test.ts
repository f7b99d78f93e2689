import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileClipboardMarker } from '../../../src-main/core/services/clipboard-marker';
import { RECOVERY_HOLD_MS, SecretVault } from '../../../src-main/core/services/secret-vault';
import { scanPaths } from '../../security/canary';
import { ManualClock } from '../../host/clock';
import { FakeClipboard } from '../../host/fakes';
import { tempDir } from '../helpers';

const SECRET = 'mt_new_secret_1f2e3d4c5b6a79880716f5e4';

function setup(delaySeconds = 30, markerFile?: string, clipboard = new FakeClipboard()) {
  const clock = new ManualClock();
  const protection: boolean[] = [];
  let cleared = 0;
  const vault = new SecretVault({
    clock,
    clipboard,
    clearDelaySeconds: () => delaySeconds,
    setContentProtection: (on) => protection.push(on),
    onClipboardCleared: () => (cleared += 1),
    ...(markerFile === undefined ? {} : { marker: fileClipboardMarker(markerFile) }),
  });
  return { clock, clipboard, protection, vault, cleared: () => cleared };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the secret vault behind the copy-once dialog', () => {
  it('reveals a secret exactly once', () => {
    const { vault } = setup();
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    expect(vault.reveal(id)).toEqual({ value: SECRET, tokenName: 'CI', provider: 'mailtrap' });
    expect(() => vault.reveal(id)).toThrow(/already shown once/);
  });

  it('protects the window from capture while a secret is held', () => {
    const { vault, protection } = setup();
    const a = vault.put(SECRET, { tokenName: 'A', provider: 'mailtrap' });
    const b = vault.put(`${SECRET}b`, { tokenName: 'B', provider: 'mailtrap' });
    vault.discard(a);
    expect(protection).toEqual([true, true]);
    vault.discard(b);
    expect(protection).toEqual([true, true, false]);
    expect(vault.size).toBe(0);
  });

  it('clears the clipboard after the delay when it still holds the secret', async () => {
    const { vault, clipboard, clock, cleared } = setup(30);
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    const { clearsAt } = await vault.copy(id);
    expect(clearsAt).toBe(clock.now() + 30_000);
    vault.discard(id);
    expect(clipboard.text).toBe(SECRET);
    clock.advance(29_999);
    await flush();
    expect(clipboard.text).toBe(SECRET);
    clock.advance(1);
    await flush();
    expect(clipboard.text).toBe('');
    expect(cleared()).toBe(1);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { vault, clipboard, clock, cleared } = setup(30);
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    await vault.copy(id);
    clipboard.text = 'something the user copied later';
    clock.advance(30_000);
    await flush();
    expect(clipboard.text).toBe('something the user copied later');
    expect(cleared()).toBe(0);
  });

  it('clears a copied secret on shutdown, and wipes held secrets', async () => {
    const { vault, clipboard } = setup(300);
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    await vault.copy(id);
    await vault.shutdown();
    expect(clipboard.text).toBe('');
    expect(() => vault.reveal(id)).toThrow(/no longer available/);
  });

  it('drops a secret whose dialog was never closed after the hold time', () => {
    const { vault, clock } = setup();
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    clock.advance(30 * 60_000);
    expect(() => vault.reveal(id)).toThrow(/no longer available/);
  });

  it('after the renderer is lost, lets a reopened window reveal a shown secret once more, within 60 seconds', () => {
    const { vault, clock, protection } = setup();
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    vault.reveal(id);
    expect(vault.recoverable()).toEqual([]);

    clock.advance(5_000);
    vault.rendererLost();
    expect(vault.recoverable()).toEqual([
      { secretId: id, tokenName: 'CI', provider: 'mailtrap', expiresAt: clock.now() + RECOVERY_HOLD_MS },
    ]);
    expect(vault.reveal(id).value).toBe(SECRET);
    expect(vault.recoverable()).toEqual([]);
    expect(() => vault.reveal(id)).toThrow(/already shown once/);

    // Kept for the 60 seconds only, even though the usual hold is 30 minutes.
    clock.advance(RECOVERY_HOLD_MS - 1);
    expect(vault.size).toBe(1);
    clock.advance(1);
    expect(vault.size).toBe(0);
    expect(protection.at(-1)).toBe(false);
  });

  it('a secret never claimed before the loss is offered too, and is gone if nobody claims it in time', () => {
    const { vault, clock } = setup();
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    vault.rendererLost();
    expect(vault.recoverable().map((s) => s.secretId)).toEqual([id]);
    clock.advance(RECOVERY_HOLD_MS);
    expect(vault.recoverable()).toEqual([]);
    expect(() => vault.reveal(id)).toThrow(/no longer available/);
  });

  it('a loss never keeps a secret longer than it would have been kept anyway', () => {
    const { vault, clock } = setup();
    const id = vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' });
    clock.advance(30 * 60_000 - 10_000);
    vault.rendererLost();
    expect(vault.recoverable()[0]?.expiresAt).toBe(clock.now() + 10_000);
    // A second loss within the window re-arms the reveal but does not extend the deadline.
    clock.advance(5_000);
    vault.reveal(id);
    vault.rendererLost();
    expect(vault.recoverable()[0]?.expiresAt).toBe(clock.now() + 5_000);
    clock.advance(5_000);
    expect(vault.size).toBe(0);
  });

  it('a start after a crash clears the clipboard if it still holds the copied secret, from a salted hash only', async () => {
    const dir = tempDir();
    const markerFile = path.join(dir, 'clipboard-mark.json');
    const clipboard = new FakeClipboard();
    const crashed = setup(300, markerFile, clipboard);
    await crashed.vault.copy(crashed.vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' }));
    // The process dies here: no timer, no shutdown. Only the mark is left, and it is no secret.
    expect(fs.existsSync(markerFile)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(markerFile).mode & 0o777).toBe(0o600);
    expect(scanPaths([dir], { secret: SECRET }).hits).toEqual([]);

    const next = setup(300, markerFile, clipboard);
    expect(await next.vault.clearLeftoverClipboard()).toBe(true);
    expect(clipboard.text).toBe('');
    expect(fs.existsSync(markerFile)).toBe(false);
    expect(await next.vault.clearLeftoverClipboard()).toBe(false);
  });

  it('a start after a crash leaves the clipboard alone when it holds something else by then', async () => {
    const markerFile = path.join(tempDir(), 'clipboard-mark.json');
    const clipboard = new FakeClipboard();
    const crashed = setup(300, markerFile, clipboard);
    await crashed.vault.copy(crashed.vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' }));
    clipboard.text = 'a commit hash the user copied later';

    expect(await setup(300, markerFile, clipboard).vault.clearLeftoverClipboard()).toBe(false);
    expect(clipboard.text).toBe('a commit hash the user copied later');
    expect(fs.existsSync(markerFile)).toBe(false);
  });

  it('leaves no mark once the clipboard was cleared by the timer or on shutdown', async () => {
    const markerFile = path.join(tempDir(), 'clipboard-mark.json');
    const timed = setup(30, markerFile);
    await timed.vault.copy(timed.vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' }));
    timed.clock.advance(30_000);
    await flush();
    expect(fs.existsSync(markerFile)).toBe(false);

    const quitting = setup(300, markerFile);
    await quitting.vault.copy(quitting.vault.put(SECRET, { tokenName: 'CI', provider: 'mailtrap' }));
    await quitting.vault.shutdown();
    expect(fs.existsSync(markerFile)).toBe(false);
  });
});
