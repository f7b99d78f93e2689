/**
 * In-memory fakes for the shell's ports, used by the test host and unit tests. They record what
 * the core asked for so tests can assert on it (a notification shown, a file saved, the window
 * protected from capture).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../src-main/core/errors';
import type {
  ClipboardPort,
  ConfirmRequest,
  Confirmer,
  CredentialStorageStatus,
  CredentialStore,
  NotificationAction,
  NotificationRequest,
  Notifier,
  OpenedFile,
  OpenFileRequest,
  ChoosePathRequest,
  SaveFileRequest,
  SessionProvider,
  SessionRequest,
  SystemIntegration,
  TrayModel,
  TrayPort,
  WebSession,
} from '../../src-main/core/ports';
import type { UpdateMode, UpdaterPort } from '../../src-main/core/updates/update-service';
import type { Theme } from '../../src-preload/contract';

export class MemoryCredentialStore implements CredentialStore {
  readonly values = new Map<string, string>();
  backend: CredentialStorageStatus = { backend: 'test-keychain', weak: false, available: true };
  /** Keys whose stored value should fail to decrypt. */
  readonly unreadable = new Set<string>();

  async status(): Promise<CredentialStorageStatus> {
    return this.backend;
  }
  async has(key: string): Promise<boolean> {
    return this.values.has(key);
  }
  async get(key: string): Promise<string | null> {
    if (this.unreadable.has(key)) {
      throw new AppError(
        'credential_unreadable',
        'The stored credential can no longer be read (the system keychain changed). Re-enter this credential.',
      );
    }
    return this.values.get(key) ?? null;
  }
  async set(key: string, value: string, options: { allowWeak: boolean }): Promise<void> {
    if (this.backend.weak && !options.allowWeak) {
      throw new AppError(
        'weak_storage_refused',
        'No keyring is available, so the credential was not saved. Accept weaker storage in Settings or unlock a keyring.',
      );
    }
    this.unreadable.delete(key);
    this.values.set(key, value);
  }
  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.unreadable.delete(key);
  }
}

export class FakeNotifier implements Notifier {
  readonly shown: (NotificationRequest & {
    click: () => void;
    /** Presses the button with this id, as the OS would. */
    press: (action: NotificationAction['id']) => void;
  })[] = [];
  show(
    notification: NotificationRequest,
    onClick: () => void,
    onAction?: (action: NotificationAction['id']) => void,
  ): void {
    this.shown.push({ ...notification, click: onClick, press: (action) => onAction?.(action) });
  }
}

export class FakeClipboard implements ClipboardPort {
  text = '';
  concealedWrites = 0;
  async writeSecret(text: string): Promise<void> {
    this.text = text;
    this.concealedWrites++;
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
  }
}

export class FakeSystem implements SystemIntegration {
  readonly opened: string[] = [];
  readonly saved: { path: string; request: SaveFileRequest }[] = [];
  startAtLogin = false;
  theme: Theme = 'system';
  contentProtected = false;
  /** Set to make the next save dialog "cancelled". */
  cancelNextSave = false;

  constructor(private readonly exportDir: string) {}

  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
  async openPath(target: string): Promise<void> {
    this.opened.push(target);
  }
  /** What the next open dialog answers (a test sets it; null: the user cancelled). */
  nextOpenFile: OpenedFile | null = null;
  readonly openRequests: OpenFileRequest[] = [];
  async openFile(request: OpenFileRequest): Promise<OpenedFile | null> {
    this.openRequests.push(request);
    const file = this.nextOpenFile;
    this.nextOpenFile = null;
    if (file === null || 'tooLarge' in file) return file;
    // As the shell does: a file over the limit is not read.
    const bytes = Buffer.byteLength(file.content, 'utf8');
    return bytes > request.maxBytes ? { name: file.name, tooLarge: true, bytes } : file;
  }
  /** The paths the next delivery-path dialogs answer with, in order (none left: cancelled). */
  readonly nextPaths: string[] = [];
  readonly pathRequests: ChoosePathRequest[] = [];
  async choosePath(request: ChoosePathRequest): Promise<string | null> {
    this.pathRequests.push(request);
    return this.nextPaths.shift() ?? null;
  }
  async saveFile(request: SaveFileRequest): Promise<string | null> {
    if (this.cancelNextSave) {
      this.cancelNextSave = false;
      return null;
    }
    fs.mkdirSync(this.exportDir, { recursive: true });
    const target = path.join(this.exportDir, request.defaultName);
    fs.writeFileSync(target, request.content, { mode: 0o600 });
    this.saved.push({ path: target, request });
    return target;
  }
  setStartAtLogin(enabled: boolean): void {
    this.startAtLogin = enabled;
  }
  setTheme(theme: Theme): void {
    this.theme = theme;
  }
  setContentProtection(enabled: boolean): void {
    this.contentProtected = enabled;
  }
}

export class FakeTray implements TrayPort {
  model: TrayModel | null = null;
  readonly updates: TrayModel[] = [];
  update(model: TrayModel): void {
    this.model = model;
    this.updates.push(model);
  }
}

/**
 * Web sessions for tests: `signIn` calls the function the test supplies (for Mirox, a login
 * against the simulator) instead of opening a sign-in window.
 */
export class FakeSessions implements SessionProvider {
  readonly sessions = new Map<string, WebSession>();
  login: (request: SessionRequest) => Promise<WebSession> = () =>
    Promise.reject(new AppError('needs_sign_in', 'No sign-in is configured for this test.'));

  async signIn(request: SessionRequest): Promise<WebSession> {
    const session = await this.login(request);
    this.sessions.set(request.connectionId, session);
    return session;
  }
  async current(request: { connectionId: string }): Promise<WebSession | null> {
    return this.sessions.get(request.connectionId) ?? null;
  }
  async signOut(connectionId: string): Promise<void> {
    this.sessions.delete(connectionId);
  }
}

/**
 * The native confirmation dialog main shows before a setting that weakens security changes. It
 * answers like a user who clicks the confirm button, unless a test sets `answer` to false; every
 * question asked is kept.
 */
export class FakeConfirmer implements Confirmer {
  readonly asked: ConfirmRequest[] = [];
  answer = true;
  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.asked.push(request);
    return this.answer;
  }
}

/**
 * The self-updater (electron-updater in the app). `available` is what the next check finds;
 * `downloadFails` makes the download (or its verification) fail; installs are counted.
 */
export class FakeUpdater implements UpdaterPort {
  mode: UpdateMode = 'install';
  available: string | null = null;
  downloadFails = false;
  checks = 0;
  downloads = 0;
  installs = 0;
  async check(): Promise<{ version: string } | null> {
    this.checks++;
    return this.available === null ? null : { version: this.available };
  }
  async download(): Promise<void> {
    this.downloads++;
    if (this.downloadFails) throw new Error('sha512 checksum mismatch');
  }
  installAndRestart(): void {
    this.installs++;
  }
}

/** One of each fake, for one core. */
export interface Fakes {
  credentials: MemoryCredentialStore;
  notifier: FakeNotifier;
  clipboard: FakeClipboard;
  system: FakeSystem;
  tray: FakeTray;
  sessions: FakeSessions;
  confirm: FakeConfirmer;
  updater: FakeUpdater;
}

/** Fresh fakes for a core whose data folder is `dataDir` (saved files go to its `exports`). */
export function makeFakes(dataDir: string): Fakes {
  return {
    credentials: new MemoryCredentialStore(),
    notifier: new FakeNotifier(),
    clipboard: new FakeClipboard(),
    system: new FakeSystem(path.join(dataDir, 'exports')),
    tray: new FakeTray(),
    sessions: new FakeSessions(),
    confirm: new FakeConfirmer(),
    updater: new FakeUpdater(),
  };
}
