/**
 * `app`: lifecycle (ready, quit, exit, the single-instance lock), paths, the command line,
 * login items. Quitting follows Electron's order: 'before-quit' (preventable), every window's
 * 'close' (preventable), 'will-quit' (preventable), 'quit'. `exit()` ends at once: no event.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import type { App, CommandLine, LoginItemSettings, Settings } from 'electron';
import { lifecycle, recorded, requireNotReady } from './recorder';
import { closeAllWindowsForQuit, destroyAllWindows } from './windows';
import { world } from './world';

type Modelled =
  | 'whenReady'
  | 'isReady'
  | 'requestSingleInstanceLock'
  | 'hasSingleInstanceLock'
  | 'releaseSingleInstanceLock'
  | 'getPath'
  | 'setPath'
  | 'getAppPath'
  | 'getVersion'
  | 'getName'
  | 'setAppUserModelId'
  | 'enableSandbox'
  | 'setLoginItemSettings'
  | 'getLoginItemSettings'
  | 'quit'
  | 'exit'
  | 'focus';

/** A preventable Electron event object. */
export function preventable<P extends object>(params: P = {} as P): Electron.Event<P> {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    params,
  );
}

class StandinCommandLine implements Pick<
  CommandLine,
  'appendSwitch' | 'appendArgument' | 'hasSwitch' | 'getSwitchValue' | 'removeSwitch'
> {
  readonly switches = new Map<string, string>();
  readonly argv: string[] = [];
  appendSwitch(name: string, value?: string): void {
    this.switches.set(name, value ?? '');
  }
  appendArgument(value: string): void {
    this.argv.push(value);
  }
  hasSwitch(name: string): boolean {
    return this.switches.has(name);
  }
  getSwitchValue(name: string): string {
    return this.switches.get(name) ?? '';
  }
  removeSwitch(name: string): void {
    this.switches.delete(name);
  }
}

export class StandinApp extends EventEmitter implements Pick<App, Modelled> {
  /** The switches the app appended (control.ts reads them). */
  readonly commandLineState = new StandinCommandLine();
  readonly commandLine = recorded('app.commandLine', this.commandLineState);
  private readonly paths = new Map<string, string>();
  private resolveReady: () => void = () => undefined;
  private ready = this.pendingReady();
  private lock = false;
  private loginItem: Settings = {};
  private quitting = false;

  private pendingReady(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }

  /**
   * control.ts, before a boot: one app object lives as long as the process (packages such as
   * electron-store keep the one they imported), so a new boot resets it in place.
   */
  reset(): void {
    this.removeAllListeners();
    this.paths.clear();
    this.commandLineState.switches.clear();
    this.commandLineState.argv.length = 0;
    for (const [name, value] of Object.entries(world.config.switches))
      this.commandLineState.switches.set(name, value);
    this.ready = this.pendingReady();
    this.lock = false;
    this.loginItem = {};
    this.quitting = false;
  }

  get isPackaged(): boolean {
    return world.config.isPackaged;
  }

  /** control.ts: Electron's 'will-finish-launching', 'ready', then whenReady() resolves. */
  emitReady(): Promise<void> {
    this.emit('will-finish-launching');
    lifecycle.ready = true;
    this.emit('ready', {}, {});
    this.resolveReady();
    return this.ready;
  }

  whenReady(): Promise<void> {
    return this.ready;
  }
  isReady(): boolean {
    return lifecycle.ready;
  }

  requestSingleInstanceLock(): boolean {
    this.lock = world.config.singleInstanceLock;
    return this.lock;
  }
  hasSingleInstanceLock(): boolean {
    return this.lock;
  }
  releaseSingleInstanceLock(): void {
    this.lock = false;
  }

  /** Electron's defaults for Linux, under the stand-in's home. */
  private defaultPath(name: string): string | undefined {
    const home = world.config.home;
    const appData = this.paths.get('appData') ?? path.join(home, '.config');
    const userData = this.paths.get('userData') ?? path.join(appData, world.config.name);
    const defaults: Record<string, string> = {
      home,
      appData,
      userData,
      sessionData: this.paths.get('sessionData') ?? userData,
      temp: path.join(home, 'tmp'),
      exe: path.join(world.config.appPath, 'node_modules', 'electron', 'dist', 'electron'),
      module: path.join(world.config.appPath, 'node_modules', 'electron', 'dist', 'electron'),
      desktop: path.join(home, 'Desktop'),
      documents: path.join(home, 'Documents'),
      downloads: path.join(home, 'Downloads'),
      logs: path.join(userData, 'logs'),
      crashDumps: path.join(userData, 'Crashpad'),
    };
    return defaults[name];
  }

  getPath(name: Parameters<App['getPath']>[0]): string {
    const found = this.paths.get(name) ?? this.defaultPath(name);
    if (found === undefined) throw new Error(`Failed to get '${name}' path`);
    return found;
  }
  setPath(name: string, value: string): void {
    if (!path.isAbsolute(value)) throw new Error(`Path must be absolute: ${value}`);
    this.paths.set(name, value);
  }
  getAppPath(): string {
    return world.config.appPath;
  }
  getVersion(): string {
    return world.config.version;
  }
  getName(): string {
    return world.config.name;
  }

  setAppUserModelId(_id: string): void {}
  enableSandbox(): void {
    requireNotReady('app.enableSandbox()');
  }

  setLoginItemSettings(settings: Settings): void {
    this.loginItem = { ...this.loginItem, ...settings };
  }
  getLoginItemSettings(): LoginItemSettings {
    return {
      openAtLogin: this.loginItem.openAtLogin ?? false,
      wasOpenedAtLogin: false,
      status: 'not-registered',
      executableWillLaunchAtLogin: this.loginItem.openAtLogin ?? false,
      launchItems: [],
    };
  }

  focus(): void {}

  quit(): void {
    if (world.exitCode !== null || world.quit || this.quitting) return;
    this.quitting = true;
    try {
      const beforeQuit = preventable();
      this.emit('before-quit', beforeQuit);
      if (beforeQuit.defaultPrevented) return;
      if (!closeAllWindowsForQuit()) return;
      const willQuit = preventable();
      this.emit('will-quit', willQuit);
      if (willQuit.defaultPrevented) return;
      world.quit = true;
      this.emit('quit', preventable(), 0);
    } finally {
      this.quitting = false;
    }
  }

  /** Ends at once: the code is recorded, and the process ends where the boot has one of its own. */
  exit(exitCode = 0): void {
    if (world.exitCode !== null) return;
    world.exitCode = exitCode;
    destroyAllWindows();
    world.onExit?.(exitCode);
  }
}

export const appImpl = new StandinApp();
