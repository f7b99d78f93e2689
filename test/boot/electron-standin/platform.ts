/**
 * The OS services: `safeStorage` (really encrypts, with test/security's AES-256-GCM fake under
 * a key that lives only in memory, as a keychain's key is not in the app's files), `clipboard`
 * and `ClipboardItem` (one atomic write of several formats), `dialog`, `shell`, `nativeTheme`,
 * `powerMonitor` and `Notification`. Their effects land in `world` for the tests to read.
 */
import { EventEmitter } from 'node:events';
import type {
  Clipboard,
  DecryptStringAsyncReturnValue,
  Dialog,
  NativeTheme,
  Notification,
  NotificationConstructorOptions,
  SafeStorage,
  SaveDialogOptions,
  SaveDialogReturnValue,
  Shell,
} from 'electron';
import { EncryptingSafeStorage } from '../../security/fake-safe-storage';
import { raw, recorded, requireReady } from './recorder';
import { world } from './world';

export class StandinSafeStorage implements Pick<
  SafeStorage,
  | 'isEncryptionAvailable'
  | 'isAsyncEncryptionAvailable'
  | 'encryptStringAsync'
  | 'decryptStringAsync'
  | 'getSelectedStorageBackend'
> {
  /** The same encrypting fake the security tests use, with a key that lives only in memory. */
  private keychain = new EncryptingSafeStorage();

  isEncryptionAvailable(): boolean {
    return world.config.encryptionAvailable;
  }
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return world.config.encryptionAvailable;
  }
  async encryptStringAsync(plainText: string): Promise<Buffer> {
    requireReady('safeStorage.encryptStringAsync()');
    if (!world.config.encryptionAvailable) throw new Error('Encryption is not available.');
    return this.keychain.encryptStringAsync(plainText);
  }
  async decryptStringAsync(encrypted: Buffer): Promise<DecryptStringAsyncReturnValue> {
    requireReady('safeStorage.decryptStringAsync()');
    return this.keychain.decryptStringAsync(encrypted);
  }
  getSelectedStorageBackend(): ReturnType<SafeStorage['getSelectedStorageBackend']> {
    return world.config.storageBackend;
  }
  /** A new keychain (control.ts, per boot). */
  reset(): void {
    this.keychain = new EncryptingSafeStorage();
  }
}

type ClipboardItemData = ConstructorParameters<typeof Electron.ClipboardItem>[0];

export class StandinClipboardItem implements Pick<Electron.ClipboardItem, 'types'> {
  constructor(readonly items: ClipboardItemData) {}
  get types(): string[] {
    return Object.keys(this.items);
  }
}

export class StandinClipboard implements Pick<
  Clipboard,
  'write' | 'writeText' | 'readText' | 'clear' | 'has'
> {
  async write(data: Electron.ClipboardItem[]): Promise<void> {
    const formats: Record<string, string | Blob> = {};
    for (const given of data) {
      const item = raw(given) as unknown;
      if (!(item instanceof StandinClipboardItem))
        throw new TypeError('clipboard.write expects ClipboardItem objects');
      for (const [type, value] of Object.entries(item.items)) {
        const resolved = await value;
        if (typeof resolved === 'string' || resolved instanceof Blob) formats[type] = resolved;
      }
    }
    const text = formats['text/plain'];
    world.clipboard = { formats, text: typeof text === 'string' ? text : '' };
  }
  async writeText(text: string): Promise<void> {
    world.clipboard = { formats: { 'text/plain': text }, text };
  }
  async readText(): Promise<string> {
    return world.clipboard.text;
  }
  async has(mimetype: string): Promise<boolean> {
    return mimetype in world.clipboard.formats;
  }
  clear(): void {
    world.clipboard = { formats: {}, text: '' };
  }
}

export class StandinDialog implements Pick<Dialog, 'showErrorBox' | 'showSaveDialog'> {
  showErrorBox(title: string, content: string): void {
    world.errorBoxes.push({ title, content });
  }
  showSaveDialog(windowOrOptions: unknown, maybeOptions?: SaveDialogOptions): Promise<SaveDialogReturnValue> {
    void windowOrOptions;
    void maybeOptions;
    const answer = world.config.saveDialog;
    return Promise.resolve({ canceled: answer.canceled, filePath: answer.filePath ?? '' });
  }
}

export class StandinShell implements Pick<Shell, 'openExternal' | 'openPath'> {
  async openExternal(url: string): Promise<void> {
    world.openedExternal.push(url);
  }
  async openPath(target: string): Promise<string> {
    world.openedPaths.push(target);
    return '';
  }
}

export class StandinNativeTheme
  extends EventEmitter
  implements Pick<NativeTheme, 'themeSource' | 'shouldUseDarkColors'>
{
  themeSource: NativeTheme['themeSource'] = 'system';
  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'dark';
  }
}

/** Emits what the OS tells Electron: 'suspend', 'resume', 'lock-screen', 'unlock-screen'. */
export class StandinPowerMonitor extends EventEmitter {}

export const notifications: StandinNotification[] = [];
let nextNotification = 1;

export class StandinNotification
  extends EventEmitter
  implements Pick<Notification, 'show' | 'close' | 'title' | 'body'>
{
  title: string;
  body: string;
  shown = false;
  readonly proxy: StandinNotification;

  constructor(readonly options: NotificationConstructorOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    notifications.push(this);
    this.proxy = recorded(`Notification#${nextNotification++}`, this);
  }
  static isSupported(): boolean {
    return world.config.notificationsSupported;
  }
  show(): void {
    this.shown = true;
    this.emit('show', {});
  }
  close(): void {
    this.emit('close', {});
  }
}
