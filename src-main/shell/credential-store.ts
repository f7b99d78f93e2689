/**
 * The credential store: values encrypted with Electron's `safeStorage` (Keychain on macOS,
 * DPAPI on Windows, the Secret Service or KWallet on Linux), kept as base64 ciphertext in
 * electron-store. Plain text never reaches the file.
 *
 * On Linux with no keyring, `safeStorage` falls back to `basic_text`, a hard-coded key: that is
 * obfuscation, not protection. Saving is then refused unless the user has explicitly accepted
 * weaker storage (settings.weakStorageAccepted) after the window explained it.
 *
 * A value that no longer decrypts (the keychain was reset, the profile moved to another
 * machine) surfaces as `credential_unreadable` so the UI can ask to re-enter it.
 *
 * Electron objects arrive through the two small interfaces below, so this file is unit-tested
 * with fakes; only `type` imports from `electron` appear here.
 */
import type { SafeStorage } from 'electron';
import { AppError } from '../core/errors';
import type { CredentialStorageStatus, CredentialStore } from '../core/ports';

export type SafeStorageLike = Pick<
  SafeStorage,
  'encryptStringAsync' | 'decryptStringAsync' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend'
>;

/** The part of electron-store this needs (also easy to fake). */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  has(key: string): boolean;
}

const PREFIX = 'credentials.';

export class SafeStorageCredentialStore implements CredentialStore {
  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly file: KeyValueFile,
    private readonly platform: NodeJS.Platform,
  ) {}

  async status(): Promise<CredentialStorageStatus> {
    const available = await this.safeStorage.isAsyncEncryptionAvailable();
    const backend =
      this.platform === 'linux'
        ? this.safeStorage.getSelectedStorageBackend()
        : this.platform === 'darwin'
          ? 'keychain'
          : this.platform === 'win32'
            ? 'dpapi'
            : 'unknown';
    return { backend, weak: backend === 'basic_text', available };
  }

  async has(key: string): Promise<boolean> {
    return this.file.has(PREFIX + key);
  }

  async get(key: string): Promise<string | null> {
    const stored = this.file.get(PREFIX + key);
    if (stored === undefined) return null;
    if (typeof stored !== 'string') throw unreadable();
    try {
      const { result, shouldReEncrypt } = await this.safeStorage.decryptStringAsync(
        Buffer.from(stored, 'base64'),
      );
      if (shouldReEncrypt) {
        const again = await this.safeStorage.encryptStringAsync(result);
        this.file.set(PREFIX + key, again.toString('base64'));
      }
      return result;
    } catch {
      throw unreadable();
    }
  }

  async set(key: string, value: string, options: { allowWeak: boolean }): Promise<void> {
    const status = await this.status();
    if (!status.available) {
      throw new AppError(
        'weak_storage_refused',
        'Your system offers no secure storage for credentials right now, so Tokenkeeper did not save it.',
      );
    }
    if (status.weak && !options.allowWeak) {
      throw new AppError(
        'weak_storage_refused',
        'No keyring (such as GNOME Keyring or KWallet) is available, so the credential could only be stored with weak, ' +
          'reversible encryption. Tokenkeeper did not save it. Install or unlock a keyring, or accept weaker storage in Settings.',
      );
    }
    const encrypted = await this.safeStorage.encryptStringAsync(value);
    this.file.set(PREFIX + key, encrypted.toString('base64'));
  }

  async delete(key: string): Promise<void> {
    this.file.delete(PREFIX + key);
  }
}

function unreadable(): AppError {
  return new AppError(
    'credential_unreadable',
    'The stored credential can no longer be read (the system keychain changed). Re-enter this credential.',
  );
}
