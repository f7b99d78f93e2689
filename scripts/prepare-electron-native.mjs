#!/usr/bin/env node
// Prepares an Electron-ABI copy of better-sqlite3's native binary for `npm start` / `npm run dev`,
// leaving node_modules/better-sqlite3 built for Node so `npm test` keeps working, in either order.
//
// The copy goes to .native/better_sqlite3-electron-<version>-<platform>-<arch>.node; the shell
// passes it to better-sqlite3 as `nativeBinding`. It is made in a scratch copy of the package:
//   1. prebuild-install fetches the prebuilt binary for Electron's ABI (needs internet), else
//   2. node-gyp compiles it against Electron's headers.
// The result is checked for Electron's ABI (node_register_module_v<abi>), because a stray
// `nodedir` in ~/.npmrc makes an Electron build silently produce a Node binary instead.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronDir = path.dirname(require.resolve('electron/package.json'));
const electronVersion = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
const abi = fs.readFileSync(path.join(electronDir, 'abi_version'), 'utf8').trim();
const { platform, arch } = process;
const target = path.join(
  root,
  '.native',
  `better_sqlite3-electron-${electronVersion}-${platform}-${arch}.node`,
);

function abiOf(file) {
  const text = fs.readFileSync(file).toString('latin1');
  const match = /node_register_module_v(\d+)/.exec(text);
  return match === null ? null : match[1];
}

if (fs.existsSync(target) && abiOf(target) === abi) process.exit(0);

const sqliteDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const scratch = path.join(root, '.native', `build-electron-${electronVersion}`, 'better-sqlite3');
fs.rmSync(path.dirname(scratch), { recursive: true, force: true });
fs.cpSync(sqliteDir, scratch, {
  recursive: true,
  filter: (src) => !src.includes(`${path.sep}build${path.sep}`) && !src.endsWith(`${path.sep}build`),
});

// Clear npm's nodedir so node-gyp fetches Electron's headers instead of using Node's.
const env = {
  ...process.env,
  npm_config_nodedir: '',
  npm_config_runtime: 'electron',
  npm_config_target: electronVersion,
  npm_config_disturl: 'https://electronjs.org/headers',
};
delete env.npm_config_nodedir;
const bin = (name) =>
  path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const built = path.join(scratch, 'build', 'Release', 'better_sqlite3.node');

console.log(`Preparing better-sqlite3 for Electron ${electronVersion} (ABI ${abi})...`);
const attempts = [
  [
    bin('prebuild-install'),
    ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`],
  ],
  [
    bin('node-gyp'),
    [
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
      '--nodedir=',
    ],
  ],
];
let ok = false;
for (const [command, args] of attempts) {
  const result = spawnSync(command, args, {
    cwd: scratch,
    env,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status === 0 && fs.existsSync(built)) {
    const found = abiOf(built);
    if (found === abi) {
      ok = true;
      break;
    }
    console.error(
      `The binary was built for ABI ${found}, not Electron's ${abi} (is "nodedir" set in your ~/.npmrc?). Trying the next way.`,
    );
    fs.rmSync(built, { force: true });
  }
}
if (!ok) {
  console.error(
    'Could not prepare better-sqlite3 for Electron. Check your internet connection (the prebuilt binary or Electron headers are downloaded), ' +
      'or install a C++ toolchain (see README, Troubleshooting).',
  );
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(built, target);
fs.rmSync(path.dirname(scratch), { recursive: true, force: true });
console.log(`Ready: ${path.relative(root, target)}`);
