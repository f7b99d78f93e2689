/**
 * Bundle sizes: a production build of main, preload and renderer (the project's build
 * configuration, written to a folder of its own so the shared `out/` is left alone), then every emitted JS and CSS file raw and
 * gzipped (zlib's default level, as servers and installers compress). Usage: bundle.ts <outDir>.
 * Prints one JSON line; the built renderer stays in <outDir>/renderer for the renderer bench.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleResult {
  buildMs: number;
  renderer: { js: BuiltFile[]; css: BuiltFile[] };
  main: BuiltFile[];
  preload: BuiltFile[];
}

function files(dir: string, pattern: RegExp): BuiltFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => {
      const content = fs.readFileSync(path.join(dir, name));
      return { file: name, bytes: content.length, gzipBytes: zlib.gzipSync(content).length };
    });
}

const out = path.resolve(process.argv[2] ?? path.join(root, 'out-bench'));
fs.rmSync(out, { recursive: true, force: true });
const started = performance.now();
// `--outDir` is merged over each target's own folder (main, preload, renderer beneath it).
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'),
    'build',
    '--outDir',
    out,
    '--logLevel',
    'warn',
  ],
  {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const result: BundleResult = {
  buildMs: performance.now() - started,
  renderer: {
    js: files(path.join(out, 'renderer'), /\.m?js$/),
    css: files(path.join(out, 'renderer'), /\.css$/),
  },
  main: files(path.join(out, 'main'), /\.(c|m)?js$/),
  preload: files(path.join(out, 'preload'), /\.(c|m)?js$/),
};
if (result.renderer.js.length === 0 || result.main.length === 0 || result.preload.length === 0)
  throw new Error(`the build in ${out} is incomplete`);
process.stdout.write(`${JSON.stringify(result)}\n`);
