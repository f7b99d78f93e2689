/**
 * Runs memory-worker.ts as the app runs its main process: bundled (esbuild, native and npm
 * packages left external as electron-vite leaves them) and started by plain Node, so the figure
 * is the core's and not a TypeScript loader's. Prints the worker's JSON line.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { benchDir } from './lib/core';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = benchDir('memory-build');
try {
  const outfile = path.join(dir, 'memory-worker.mjs');
  await build({
    entryPoints: [path.join(here, 'memory-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  // Bare imports resolve from the project's node_modules.
  const runnable = path.join(here, '.memory-worker.mjs');
  fs.copyFileSync(outfile, runnable);
  try {
    const dataDir = path.join(dir, 'data');
    const run = (mode: string) =>
      execFileSync(process.execPath, ['--expose-gc', runnable, mode, dataDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
    run('seed');
    process.stdout.write(run('measure'));
  } finally {
    fs.rmSync(runnable, { force: true });
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
