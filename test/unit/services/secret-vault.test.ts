import { describe, expect, it } from 'vitest';
import { SecretVault } from '../../../src-main/core/services/secret-vault';
import { ManualClock } from '../../host/clock';
import { FakeClipboard } from '../../host/fakes';

const SECRET = 'mt_new_secret_1f2e3d4c5b6a79880716f5e4';

function setup(delaySeconds = 30) {
  const clock = new ManualClock();
  const clipboard = new FakeClipboard();
  const protection: boolean[] = [];
  let cleared = 0;
  const vault = new SecretVault({
    clock,
    clipboard,
    clearDelaySeconds: () => delaySeconds,
    setContentProtection: (on) => protection.push(on),
    onClipboardCleared: () => (cleared += 1),
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
});
