/**
 * Updates: checks for a newer release (at start, then daily, and from Help › Check for Updates),
 * downloads it where the platform's updater can verify what it downloaded, and says so: a notice
 * in the window and the Help menu's item ("Restart to Install Version x"). The shell implements
 * the port with electron-updater (shell/updates.ts); tests use a fake.
 *
 * What "verified" means per platform (docs/release.md): Windows checks the downloaded installer's
 * Authenticode signature against the publisher the running app was signed by; macOS (Squirrel)
 * checks the new app's code signature against the running app's designated requirement; both
 * also check the SHA-512 in the signed release's metadata. Linux packages are not signed, so
 * there an update is only announced (`notify`), never installed by the app.
 */
import type { Logger } from '../log/logger';
import type { UpdateMenuState } from '../menu/application-menu';
import type { Clock } from '../ports';
import type { NoticeBoard } from '../context';

export type UpdateMode =
  /** Downloads and installs, the download verified by the platform's updater. */
  | 'install'
  /** Only says that a version exists: nothing can verify a download here (Linux). */
  | 'notify'
  /** Development, or a build that cannot update itself. */
  | 'none';

export interface UpdaterPort {
  readonly mode: UpdateMode;
  /** The newer version available, or null when this one is the latest. */
  check(): Promise<{ version: string } | null>;
  /** Downloads the version `check` found; resolves once it is downloaded and verified. */
  download(): Promise<void>;
  /** Quits and installs the downloaded version. */
  installAndRestart(): void;
}

/** Said in a native box after a check the user asked for (the shell shows it). */
export interface UpdateFeedback {
  title: string;
  message: string;
}

export const UPDATE_CHECK_DELAY_MS = 30_000;
export const UPDATE_CHECK_INTERVAL_MS = 24 * 3_600_000;
export const DOWNLOAD_PAGE = 'https://tokenkeeper.io/download';

export const noUpdater: UpdaterPort = {
  mode: 'none',
  check: async () => null,
  download: async () => undefined,
  installAndRestart: () => undefined,
};

export interface UpdateServiceOptions {
  updater: UpdaterPort;
  appName: string;
  version: string;
  clock: Clock;
  notices: NoticeBoard;
  log: Logger;
}

export class UpdateService {
  private current: UpdateMenuState;
  private readonly listeners = new Set<(state: UpdateMenuState) => void>();
  private timer: unknown = null;
  private running: Promise<UpdateFeedback> | null = null;

  constructor(private readonly options: UpdateServiceOptions) {
    this.current = options.updater.mode === 'none' ? { kind: 'unsupported' } : { kind: 'idle' };
  }

  get state(): UpdateMenuState {
    return this.current;
  }

  onChange(listener: (state: UpdateMenuState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks soon after start and then once a day (only builds that can update). */
  start(): void {
    if (this.options.updater.mode === 'none') return;
    const schedule = (ms: number) => {
      this.timer = this.options.clock.setTimeout(() => {
        void this.check().finally(() => schedule(UPDATE_CHECK_INTERVAL_MS));
      }, ms);
    };
    schedule(UPDATE_CHECK_DELAY_MS);
  }

  stop(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One check (and download where allowed); a check already under way is joined, not repeated. */
  check(): Promise<UpdateFeedback> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  /** Help › Restart to Install: only once a verified download is ready. */
  install(): void {
    if (this.current.kind !== 'ready') return;
    this.options.log.info('installing the downloaded update', { version: this.current.version });
    this.options.updater.installAndRestart();
  }

  private set(state: UpdateMenuState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  private async run(): Promise<UpdateFeedback> {
    const { updater, appName, version, log, notices } = this.options;
    if (updater.mode === 'none') {
      return {
        title: 'Updates are not available in this build',
        message: `${appName} ${version} is a development build. Installed releases check for updates themselves.`,
      };
    }
    if (this.current.kind === 'ready') return this.readyFeedback(this.current.version);
    const before = this.current;
    this.set({ kind: 'checking' });
    let found: { version: string } | null;
    try {
      found = await updater.check();
    } catch (error) {
      log.warn('update check failed', { error });
      this.set(before.kind === 'checking' ? { kind: 'idle' } : before);
      return {
        title: 'Could not check for updates',
        message: `${appName} could not reach its update server. Check your network and try again later.`,
      };
    }
    if (found === null) {
      this.set({ kind: 'idle' });
      return { title: `${appName} is up to date`, message: `${appName} ${version} is the latest version.` };
    }
    log.info('an update is available', { version: found.version, mode: updater.mode });
    if (updater.mode === 'notify') {
      this.set({ kind: 'idle' });
      notices.add({
        id: 'update-available',
        level: 'info',
        title: `${appName} ${found.version} is available`,
        message: `Download it from ${DOWNLOAD_PAGE}. This package cannot verify an update by itself, so ${appName} does not install one on its own.`,
      });
      return {
        title: `${appName} ${found.version} is available`,
        message: `Download it from ${DOWNLOAD_PAGE} and install it over this version; your data is kept.`,
      };
    }
    this.set({ kind: 'downloading', version: found.version });
    try {
      await updater.download();
    } catch (error) {
      // A download that fails verification lands here too: nothing is installed.
      log.warn('update download failed', { error, version: found.version });
      this.set({ kind: 'idle' });
      return {
        title: 'The update could not be downloaded',
        message: `${appName} ${found.version} could not be downloaded and verified, so nothing was installed. It will try again later.`,
      };
    }
    this.set({ kind: 'ready', version: found.version });
    notices.add({
      id: 'update-ready',
      level: 'info',
      title: `${appName} ${found.version} is ready to install`,
      message: `It is installed the next time ${appName} quits, or now with Help › Restart to Install Version ${found.version}.`,
    });
    return this.readyFeedback(found.version);
  }

  private readyFeedback(next: string): UpdateFeedback {
    const { appName } = this.options;
    return {
      title: `${appName} ${next} is ready to install`,
      message: `It is installed the next time ${appName} quits. Choose Help › Restart to Install Version ${next} to install it now.`,
    };
  }
}
