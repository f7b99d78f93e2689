/**
 * `npm run demo`: the Electron app against local provider simulators seeded with realistic
 * tokens. It starts the Mailtrap, smoxy and Mirox simulators on 127.0.0.1, writes a demo plan
 * (one connection per provider, their base URLs pointing at the simulators, plus a smenso
 * workspace tracked by hand) into a fresh user-data folder of its own, and launches the app with
 * TOKENKEEPER_USER_DATA, TOKENKEEPER_DEMO_PLAN and TOKENKEEPER_ALLOW_LOOPBACK=1. The app creates the connections through its
 * normal contract calls (credentials into the OS keychain; the Mirox sign-in window opens the
 * simulator's login page, which signs the demo user in by itself). Your own data is not touched.
 *
 * Where Electron's binary is not installed, it says so and how to get it, and points at the
 * browser version of the same demo: `npm run preview:web -- --demo`.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemoSimulators } from '../test/host/demo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (process.platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** Electron's binary as the `electron` package would find it, without triggering its download. */
function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const candidate = path.join(override, executableName());
    return fs.existsSync(candidate) ? candidate : null;
  }
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const candidate = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(candidate) ? candidate : null;
}

function fail(message: string): never {
  process.stderr.write(`\nTokenkeeper demo: ${message}\n\n`);
  process.exit(1);
}

if (electronBinary() === null) {
  fail(
    [
      'Electron’s binary is not installed, so the desktop app cannot start here.',
      '(node_modules/electron has no downloaded dist/ folder.)',
      '',
      'To install it:   npx install-electron      (downloads Electron from GitHub releases)',
      'Or see the same demo in your browser, without Electron:',
      '                 npm run preview:web -- --demo',
    ].join('\n'),
  );
}

const userData = path.join(root, '.tk-data', 'demo-electron');
fs.rmSync(userData, { recursive: true, force: true });
fs.mkdirSync(userData, { recursive: true, mode: 0o700 });

const simulators = await startDemoSimulators({ miroxAutoLogin: true });
const planFile = path.join(userData, 'demo-plan.json');
// The plan holds the simulators' demo credentials (local, made up); it stays in the demo folder.
fs.writeFileSync(planFile, JSON.stringify(simulators.plan, null, 2), { mode: 0o600 });
process.stdout.write(
  `Demo simulators: Mailtrap ${simulators.mailtrap.url} · smoxy ${simulators.smoxy.url} · Mirox ${simulators.mirox.url}\nDemo data: ${userData}\n`,
);

const native = spawnSync(process.execPath, [path.join(root, 'scripts', 'prepare-electron-native.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (native.status !== 0) {
  await simulators.close();
  fail('better-sqlite3 could not be prepared for Electron (see above). `npm start` needs the same step.');
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const app = spawn(npx, ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    TOKENKEEPER_USER_DATA: userData,
    TOKENKEEPER_DEMO_PLAN: planFile,
    // The simulators are on 127.0.0.1: the developer setting that allows loopback addresses.
    TOKENKEEPER_ALLOW_LOOPBACK: '1',
  },
});

const stop = () => {
  if (app.exitCode === null && app.pid !== undefined) app.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const code = await new Promise<number>((resolve) => {
  app.on('exit', (exitCode) => resolve(exitCode ?? 0));
  app.on('error', () => resolve(1));
});
await simulators.close();
process.exit(code);
