/**
 * Boots the built main bundle (`out/main/index.js`, what `npm start` loads) under the Electron
 * stand-in, in this Node process: `electron` resolves to the stand-in through a module hook,
 * the platform is a fresh temporary home, better-sqlite3 is its Node build. A boot returns once
 * the main window has shown, or the app exited, or it threw; whichever happens, the test sees
 * why (calls, error boxes, stand-in gaps).
 */
import fs from 'node:fs';
import { register } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as standin from './electron-standin/control';
import type { StandinBrowserWindow } from './electron-standin/windows';

register('./electron-hook.mjs', import.meta.url);

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MAIN_BUNDLE = path.join(ROOT, 'out', 'main', 'index.js');
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

/** Variables the app reads at start; a boot starts from none of them unless it asks. */
const APP_ENV = ['TOKENKEEPER_USER_DATA', 'TOKENKEEPER_DEMO_PLAN', 'ELECTRON_RENDERER_URL', 'APPIMAGE'];

export interface BootOptions {
  config?: Partial<standin.StandinConfig>;
  env?: Record<string, string>;
  /** Milliseconds to wait for the window (or an exit). */
  timeoutMs?: number;
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

export async function bootApp(options: BootOptions = {}): Promise<BootedApp> {
  if (!fs.existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-boot-'));
  standin.reset({ ...standin.defaultConfig(home, ROOT), version: VERSION, ...options.config });
  for (const name of APP_ENV) delete process.env[name];
  Object.assign(process.env, options.env);

  // A query makes each boot a fresh instance of the bundle (its module state included).
  await import(`${pathToFileURL(MAIN_BUNDLE).href}?boot=${++boots}`);
  const stopped = () => standin.state.exitCode !== null || standin.state.quit;
  if (!stopped()) await standin.ready();
  await waitFor(
    'the main window to show (or the app to exit)',
    () => stopped() || mainWindow() !== null,
    options.timeoutMs,
  );

  const booted: BootedApp = {
    home,
    userData: process.env.TOKENKEEPER_USER_DATA ?? path.join(home, '.config', 'Tokenkeeper'),
    window: mainWindow(),
    async quit() {
      if (stopped()) return;
      standin.quit();
      await waitFor('the app to quit', stopped);
    },
  };
  return booted;
}

export { standin };
