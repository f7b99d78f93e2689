/**
 * The platform the stand-in pretends to be: the machine's answers (paths, whether the
 * single-instance lock is free, the keychain backend, displays, what a save dialog answers) and
 * what the app has left on it (error boxes, the clipboard, shown notifications, opened links).
 * Tests set the answers before booting and read the rest afterwards, through control.ts.
 */
import path from 'node:path';
import type { Display, Rectangle } from 'electron';

export interface StandinConfig {
  /** What app.getAppPath() answers: the folder with package.json (the repo in development). */
  appPath: string;
  /** The user's home; appData and temp live under it, so a boot touches nothing outside. */
  home: string;
  name: string;
  version: string;
  isPackaged: boolean;
  /** process.resourcesPath as Electron sets it (undefined only to make a start-up step fail). */
  resourcesPath: string | undefined;
  /** False: another instance holds the lock. */
  singleInstanceLock: boolean;
  storageBackend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  encryptionAvailable: boolean;
  notificationsSupported: boolean;
  displays: Display[];
  /** What the next save dialog answers. */
  saveDialog: { canceled: boolean; filePath?: string };
  /** What session.resolveProxy answers (a PAC-style string). */
  proxy: string;
  /** The switches the app was launched with (app.commandLine.hasSwitch / getSwitchValue). */
  switches: Record<string, string>;
}

export function display(id: number, bounds: Rectangle, workArea: Rectangle = bounds): Display {
  return {
    id,
    label: `Display ${id}`,
    bounds,
    workArea,
    size: { width: bounds.width, height: bounds.height },
    workAreaSize: { width: workArea.width, height: workArea.height },
    scaleFactor: 1,
    rotation: 0,
    internal: id === 1,
    touchSupport: 'unknown',
    monochrome: false,
    accelerometerSupport: 'unknown',
    colorDepth: 24,
    colorSpace: '',
    depthPerComponent: 8,
    displayFrequency: 60,
    detected: true,
    maximumCursorSize: { width: 0, height: 0 },
    nativeOrigin: { x: bounds.x, y: bounds.y },
  };
}

export function defaultConfig(home: string, appPath: string): StandinConfig {
  return {
    appPath,
    home,
    name: 'Tokenkeeper',
    version: '0.0.0',
    isPackaged: false,
    resourcesPath: path.join(appPath, 'node_modules', 'electron', 'dist', 'resources'),
    singleInstanceLock: true,
    storageBackend: 'gnome_libsecret',
    encryptionAvailable: true,
    notificationsSupported: true,
    displays: [
      display(1, { x: 0, y: 0, width: 1920, height: 1080 }, { x: 0, y: 0, width: 1920, height: 1050 }),
    ],
    saveDialog: { canceled: true },
    proxy: 'DIRECT',
    switches: {},
  };
}

export interface ClipboardState {
  /** The formats of the last atomic write (text/plain and the OS markers). */
  formats: Record<string, string | Blob>;
  text: string;
}

function emptyClipboard(): ClipboardState {
  return { formats: {}, text: '' };
}

export const world = {
  config: defaultConfig('/nonexistent-home', process.cwd()),
  errorBoxes: [] as { title: string; content: string }[],
  clipboard: emptyClipboard(),
  openedExternal: [] as string[],
  openedPaths: [] as string[],
  /** app.exit(code): the code; null while running. */
  exitCode: null as number | null,
  /** Set once app.quit() went through to the 'quit' event. */
  quit: false,
  /**
   * What ends the process after app.exit() (harness.ts sets it where the boot runs in a child
   * process of its own); without it, the exit is only recorded.
   */
  onExit: null as ((code: number) => void) | null,
};

export function resetWorld(config: StandinConfig): void {
  world.config = config;
  world.errorBoxes = [];
  world.clipboard = emptyClipboard();
  world.openedExternal = [];
  world.openedPaths = [];
  world.exitCode = null;
  world.onExit = null;
  world.quit = false;
}
