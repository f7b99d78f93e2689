#!/usr/bin/env node
// Builds the installers: runs electron-builder with electron-builder.config.ts, passing on any
// arguments (--win, --mac, --linux, --x64, --arm64, --dir ...). `npm run dist*` builds the app first.
//
// Two traps are handled here rather than left to memory:
// 1. A `nodedir` in ~/.npmrc (set on machines that build better-sqlite3 against system Node headers)
//    reaches node-gyp as npm_config_nodedir and makes the Electron rebuild silently produce a Node
//    binary. It is removed from electron-builder's environment; the afterPack check
//    (scripts/verify-packaged-app.ts) still verifies the ABI of what was packed.
// 2. electron-builder rebuilds better-sqlite3 for Electron in place, in node_modules, which would
//    break `npm test` (vitest runs on Node). The Node build is saved first and put back afterwards.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const cli = require.resolve('electron-builder/cli.js');

const env = { ...process.env };
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];

const nodeBinary = path.join(
  root,
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
const saved = fs.existsSync(nodeBinary)
  ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tk-dist-')), 'better_sqlite3.node')
  : null;
if (saved !== null) fs.copyFileSync(nodeBinary, saved);

let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    [cli, '--config', 'electron-builder.config.ts', '--publish', 'never', ...process.argv.slice(2)],
    {
      cwd: root,
      env,
      stdio: 'inherit',
    },
  );
  status = result.status ?? 1;
} finally {
  if (saved !== null) {
    fs.copyFileSync(saved, nodeBinary);
    fs.rmSync(path.dirname(saved), { recursive: true, force: true });
    console.log('Put back the Node build of better-sqlite3, so npm test keeps working.');
  }
}
if (status === 0 && !process.argv.includes('--help'))
  console.log(`Installers are in ${path.join(root, 'dist')}.`);
process.exit(status);
