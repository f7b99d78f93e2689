/**
 * Electron's safeStorage for tests that really encrypts: AES-256-GCM under a key that exists only
 * in memory (as the OS keychain's key does not live in the app's files). A value
 * written through it is ciphertext in the file; a wrong key fails to decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStorageLike } from '../../src-main/shell/credential-store';

export class EncryptingSafeStorage implements SafeStorageLike {
  /** `key`: the same 32 bytes in two processes stand for the same OS keychain (crash tests restart the app). */
  constructor(private key: Buffer = randomBytes(32)) {}

  backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']> = 'gnome_libsecret';

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return true;
  }
  getSelectedStorageBackend(): ReturnType<SafeStorageLike['getSelectedStorageBackend']> {
    return this.backend;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    const decipher = createDecipheriv('aes-256-gcm', this.key, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    const result = Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString(
      'utf8',
    );
    return { shouldReEncrypt: false, result };
  }
  /** The keychain was reset or the profile moved: old values no longer decrypt. */
  forgetKey(): void {
    this.key = randomBytes(32);
  }
}
