/**
 * The small interfaces through which the core reaches the outside world. The Electron shell
 * implements them with Electron APIs; the test host and unit tests implement them with fakes.
 * Nothing in the core imports `electron`.
 */
import type { EventName, EventPayload, Theme } from '../../src-preload/contract';

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CredentialStorageStatus {
  /** e.g. "keychain", "dpapi", "gnome_libsecret", "basic_text". */
  backend: string;
  /** True when the OS offers no real protection (Linux `basic_text`). */
  weak: boolean;
  available: boolean;
}

/**
 * OS-encrypted storage for the credentials the app itself uses (never the tokens it creates).
 * `get` throws AppError `credential_unreadable` when a stored value no longer decrypts.
 * `set` throws AppError `weak_storage_refused` on a weak backend unless `allowWeak` is true.
 */
export interface CredentialStore {
  status(): Promise<CredentialStorageStatus>;
  get(key: string): Promise<string | null>;
  /** Whether a value is stored under `key`, without decrypting it (no keychain prompt). */
  has(key: string): Promise<boolean>;
  set(key: string, value: string, options: { allowWeak: boolean }): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A button on a notification; the shell shows them where the OS has them (macOS, Windows). */
export interface NotificationAction {
  id: 'snooze-day' | 'open';
  label: string;
}

export interface NotificationRequest {
  id: string;
  title: string;
  body: string;
  /** The token a click should open; null opens the token list. */
  tokenId: string | null;
  /** Buttons, in order. Where the OS has none (Linux) a click still opens, so nothing is lost. */
  actions?: readonly NotificationAction[];
}

export interface Notifier {
  /** `onAction` runs with the id of the button the user pressed. */
  show(
    notification: NotificationRequest,
    onClick: () => void,
    onAction?: (action: NotificationAction['id']) => void,
  ): void;
}

/** The clipboard. The shell marks writes as concealed / excluded from history where the OS allows. */
export interface ClipboardPort {
  writeSecret(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void;
}

/** A signed-in web session (Mirox): headers to send with management calls. */
export interface WebSession {
  headers: Record<string, string>;
}

export interface SessionRequest {
  connectionId: string;
  provider: string;
  baseUrl: string;
  /** The origin the connection's session is bound to (its `credentialOrigin`): the window goes nowhere else. */
  origin: string;
}

export interface SessionProvider {
  /** Opens (in the app) a sign-in window with its own persistent partition; resolves when signed in. */
  signIn(request: SessionRequest): Promise<WebSession>;
  /** The current session, if the partition still holds one. */
  current(request: SessionRequest): Promise<WebSession | null>;
  signOut(connectionId: string): Promise<void>;
}

export interface SaveFileRequest {
  defaultName: string;
  content: string;
  filters: { name: string; extensions: string[] }[];
}

export interface OpenFileRequest {
  filters: { name: string; extensions: string[] }[];
  /** A larger file is not read: the answer says so instead. */
  maxBytes: number;
}

/** The file the user chose: its name (not its folder) and its text, or that it was too large to read. */
export type OpenedFile = { name: string; content: string } | { name: string; tooLarge: true; bytes: number };

export interface ChoosePathRequest {
  title: string;
  purpose: 'file' | 'program';
}

/** OS integration the core asks for but cannot do itself. */
export interface SystemIntegration {
  openExternal(url: string): Promise<void>;
  openPath(path: string): Promise<void>;
  /** Shows a save dialog and writes the file; resolves to the path, or null when cancelled. */
  saveFile(request: SaveFileRequest): Promise<string | null>;
  /** Shows an open dialog and reads the chosen file as UTF-8; resolves to null when cancelled. */
  openFile(request: OpenFileRequest): Promise<OpenedFile | null>;
  /**
   * Shows an open dialog for a delivery target's file, or the program a command target runs;
   * resolves to the chosen path (nothing is read), or null when cancelled.
   */
  choosePath(request: ChoosePathRequest): Promise<string | null>;
  setStartAtLogin(enabled: boolean): void;
  setTheme(theme: Theme): void;
  /** Excludes the window from screen capture while a secret is on screen. */
  setContentProtection(enabled: boolean): void;
}

/**
 * A question main asks the user itself (a native dialog in the shell), for changes the window
 * alone must not be able to make: a compromised or confused renderer can call the contract, but
 * cannot click a native dialog. Resolves true only when the user confirmed.
 */
export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirmLabel: string;
}

export interface Confirmer {
  confirm(request: ConfirmRequest): Promise<boolean>;
}

export interface TrayModel {
  attentionCount: number;
  tooltip: string;
  paused: boolean;
  upcoming: { tokenId: string; label: string }[];
}

export interface TrayPort {
  update(model: TrayModel): void;
}

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
