/**
 * Boots the built main bundle (`out/main/index.js`, what `npm start` loads) under the Electron
 * stand-in, in this Node process: `electron` resolves to the stand-in through a module hook,
 * the platform is a fresh temporary home, better-sqlite3 is its Node build. A boot returns once
 * the main window has shown, or the app exited, or it threw; whichever happens, the test sees
 * why (calls, error boxes, stand-in gaps).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import Module, { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as standin from './electron-standin/control';
import * as electronStandin from './electron-standin/index';
import type { StandinBrowserWindow } from './electron-standin/windows';

// ES modules (the bundle, electron-store) import `electron` through the resolve hook.
register('./electron-hook.mjs', import.meta.url);

// CommonJS packages (electron-updater, for one) require() it, which Node 20's module hooks do
// not see: hand them the same stand-in module from CommonJS's loader.
const MAIN_PROCESS_NAMES = new Set(['electron', 'electron/main', 'electron/common']);
const cjs = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const load = cjs._load.bind(cjs);
cjs._load = (request, parent, isMain) =>
  MAIN_PROCESS_NAMES.has(request) ? electronStandin : load(request, parent, isMain);

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Variables the app reads at start; a boot starts from none of them unless it asks. */
const APP_ENV = [
  'TOKENKEEPER_USER_DATA',
  'TOKENKEEPER_DEMO_PLAN',
  'ELECTRON_RENDERER_URL',
  'APPIMAGE',
  'TOKENKEEPER_ALLOW_LOOPBACK',
];

export interface BootOptions {
  config?: Partial<standin.StandinConfig>;
  /** The app folder to boot (its out/main/index.js): a damaged copy of the build, or the repo. */
  appRoot?: string;
  env?: Record<string, string>;
  /** Milliseconds to wait for the window (or an exit). */
  timeoutMs?: number;
  /** What ends the process after app.exit() (a boot in a process of its own). */
  onExit?: (code: number) => void;
  /** Command-line arguments the app is started with (e.g. --hidden), until it quits. */
  argv?: string[];
  /** False: the app is expected to start without a window; wait for its tray instead. */
  awaitWindow?: boolean;
}

export interface BootedApp {
  home: string;
  /** Where Electron keeps the app's data on this (stand-in) machine. */
  userData: string;
  /** The main window, once shown (null when the app exited or quit first). */
  window: StandinBrowserWindow | null;
  /** Quits as a user would and waits until the app let go ('quit' or exit). */
  quit(): Promise<void>;
}

let boots = 0;

export async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${diagnostics()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What the stand-in saw, for a failure message. */
export function diagnostics(): string {
  const { world, gaps } = standin.state;
  return [
    `exit code: ${String(world.exitCode)}, quit: ${String(world.quit)}`,
    `error boxes: ${JSON.stringify(world.errorBoxes)}`,
    `stand-in gaps: ${gaps.join(', ') || 'none'}`,
    `last calls: ${standin
      .callsTo(/./)
      .slice(-15)
      .map((c) => `${c.target}.${c.member}`)
      .join(', ')}`,
  ].join('\n');
}

function mainWindow(): StandinBrowserWindow | null {
  return standin.allWindows().find((w) => w.isVisible() && !w.isDestroyed()) ?? null;
}

/**
 * A copy of the app folder with parts of the build left out (`omit`, paths under out/), to boot
 * a build that is broken the way a packaging mistake would break it. node_modules and resources
 * are linked, not copied.
 */
export function damagedBuild(omit: string[]): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-build-'));
  fs.cpSync(path.join(ROOT, 'out'), path.join(copy, 'out'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  fs.symlinkSync(path.join(ROOT, 'resources'), path.join(copy, 'resources'), 'dir');
  for (const part of omit) fs.rmSync(path.join(copy, 'out', part), { recursive: true, force: true });
  return copy;
}

export async function bootApp(options: BootOptions = {}): Promise<BootedApp> {
  const appRoot = options.appRoot ?? ROOT;
  const bundle = path.join(appRoot, 'out', 'main', 'index.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-boot-'));
  standin.reset({ ...standin.defaultConfig(home, appRoot), version: VERSION, ...options.config });
  if (options.onExit !== undefined) standin.state.world.onExit = options.onExit;
  for (const name of APP_ENV) delete process.env[name];
  // The simulators are on loopback: the developer setting (ignored by a packaged app) allows them.
  Object.assign(process.env, { TOKENKEEPER_ALLOW_LOOPBACK: '1' }, options.env);

  const argvBefore = [...process.argv];
  process.argv.push(...(options.argv ?? []));

  // A query makes each boot a fresh instance of the bundle (its module state included).
  await import(`${pathToFileURL(bundle).href}?boot=${++boots}`);
  const stopped = () => standin.state.exitCode !== null || standin.state.quit;
  if (!stopped()) await standin.ready();
  if (options.awaitWindow === false) {
    await waitFor('the tray (or the app to exit)', () => stopped() || standin.allTrays().length > 0);
  } else {
    await waitFor(
      'the main window to show (or the app to exit)',
      () => stopped() || mainWindow() !== null,
      options.timeoutMs,
    );
  }

  const booted: BootedApp = {
    home,
    userData: process.env.TOKENKEEPER_USER_DATA ?? path.join(home, '.config', 'Tokenkeeper'),
    window: mainWindow(),
    async quit() {
      process.argv.splice(0, process.argv.length, ...argvBefore);
      if (stopped()) return;
      standin.quit();
      await waitFor('the app to quit', stopped);
    },
  };
  return booted;
}

/** What a boot in a process of its own left behind when that process ended. */
export interface ExitReport {
  /** The process's own exit code. */
  processExitCode: number | null;
  /** What the app passed to app.exit() (null: it did not call it). */
  appExitCode: number | null;
  errorBoxes: { title: string; content: string }[];
  userData: string;
  windows: { visible: boolean; destroyed: boolean }[];
  channels: string[];
  gaps: string[];
}

/** Options for a boot in a child process: JSON, so `resourcesPath: null` stands for "not set". */
export type ChildBootOptions = Omit<BootOptions, 'onExit' | 'config'> & {
  config?: Omit<Partial<standin.StandinConfig>, 'resourcesPath'> & { resourcesPath?: string | null };
};

/**
 * Boots in a child process of its own, for starts that end in app.exit(): Electron's exit ends
 * the process at once, which only a process of its own can show (in this one the half-started
 * core would keep running). Resolves with what the app did and how the process ended.
 */
export function bootToExit(options: ChildBootOptions): Promise<ExitReport> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, 'boot-child.ts'), [JSON.stringify(options)], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: Omit<ExitReport, 'processExitCode'> | null = null;
    child.on('message', (message) => {
      report = message as Omit<ExitReport, 'processExitCode'>;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (report === null)
        reject(new Error(`the boot process ended (code ${String(code)}) without a report`));
      else resolve({ ...report, processExitCode: code });
    });
  });
}

export { standin };
