import { describe, expect, it } from 'vitest';
import {
  SafeStorageCredentialStore,
  type KeyValueFile,
  type SafeStorageLike,
} from '../../../src-main/shell/credential-store';

/** A fake safeStorage: XOR "encryption" under a key that can be changed to simulate a new keychain. */
class FakeSafeStorage implements SafeStorageLike {
  key = 0x5a;
  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret';
  available = true;
  async isAsyncEncryptionAvailable() {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  async encryptStringAsync(plain: string) {
    const bytes = Buffer.from(`ok:${plain}`, 'utf8');
    return Buffer.from(bytes.map((b) => b ^ this.key));
  }
  async decryptStringAsync(encrypted: Buffer) {
    const text = Buffer.from(encrypted.map((b) => b ^ this.key)).toString('utf8');
    if (!text.startsWith('ok:'))
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return { result: text.slice(3), shouldReEncrypt: false };
  }
}

class MapFile implements KeyValueFile {
  readonly data = new Map<string, unknown>();
  get(key: string) {
    return this.data.get(key);
  }
  set(key: string, value: unknown) {
    this.data.set(key, value);
  }
  delete(key: string) {
    this.data.delete(key);
  }
  has(key: string) {
    return this.data.has(key);
  }
}

const SECRET = 'mt_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('SafeStorageCredentialStore', () => {
  it('round-trips a credential and keeps only ciphertext in the file', async () => {
    const file = new MapFile();
    const store = new SafeStorageCredentialStore(new FakeSafeStorage(), file, 'linux');
    await store.set('connection:c_1', SECRET, { allowWeak: false });
    expect(await store.has('connection:c_1')).toBe(true);
    expect(await store.get('connection:c_1')).toBe(SECRET);
    const stored = JSON.stringify([...file.data]);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain(Buffer.from(SECRET).toString('base64'));
    await store.delete('connection:c_1');
    expect(await store.get('connection:c_1')).toBeNull();
  });

  it('refuses to save on Linux basic_text unless weaker storage was accepted', async () => {
    const safe = new FakeSafeStorage();
    safe.backend = 'basic_text';
    const file = new MapFile();
    const store = new SafeStorageCredentialStore(safe, file, 'linux');
    expect(await store.status()).toEqual({ backend: 'basic_text', weak: true, available: true });
    await expect(store.set('connection:c_1', SECRET, { allowWeak: false })).rejects.toMatchObject({
      code: 'weak_storage_refused',
      message: expect.stringMatching(/No keyring .* did not save it/) as unknown,
    });
    expect(file.data.size).toBe(0);
    await store.set('connection:c_1', SECRET, { allowWeak: true });
    expect(await store.get('connection:c_1')).toBe(SECRET);
  });

  it('refuses to save when no encryption is available at all', async () => {
    const safe = new FakeSafeStorage();
    safe.available = false;
    const store = new SafeStorageCredentialStore(safe, new MapFile(), 'darwin');
    await expect(store.set('k', SECRET, { allowWeak: true })).rejects.toMatchObject({
      code: 'weak_storage_refused',
    });
  });

  it('reports a value that no longer decrypts as "re-enter this credential", not a crash', async () => {
    const safe = new FakeSafeStorage();
    const store = new SafeStorageCredentialStore(safe, new MapFile(), 'win32');
    await store.set('connection:c_1', SECRET, { allowWeak: false });
    safe.key = 0x33; // the keychain changed
    await expect(store.get('connection:c_1')).rejects.toMatchObject({
      code: 'credential_unreadable',
      message:
        'The stored credential can no longer be read (the system keychain changed). Re-enter this credential.',
    });
  });

  it('treats a non-string value in the file as unreadable', async () => {
    const file = new MapFile();
    file.set('credentials.connection:c_1', { hacked: true });
    const store = new SafeStorageCredentialStore(new FakeSafeStorage(), file, 'darwin');
    await expect(store.get('connection:c_1')).rejects.toMatchObject({ code: 'credential_unreadable' });
  });

  it('names the OS backend', async () => {
    expect(
      (await new SafeStorageCredentialStore(new FakeSafeStorage(), new MapFile(), 'darwin').status()).backend,
    ).toBe('keychain');
    expect(
      (await new SafeStorageCredentialStore(new FakeSafeStorage(), new MapFile(), 'win32').status()).backend,
    ).toBe('dpapi');
  });
});
