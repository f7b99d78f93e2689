/**
 * `npm run bench`: every benchmark, each several times in processes of its own, then the median
 * with min and max on the console and in docs/benchmarks.md (with the machine and the date).
 *
 *   npm run bench                      all of them, 3 iterations, writes docs/benchmarks.md
 *   npm run bench -- --iterations 5
 *   npm run bench -- --only cache,sync --no-write
 *   npm run bench -- --report test-results/bench-results.json   (rewrite the report from a run's results)
 *
 * Needs Chromium at /usr/bin/chromium (or TOKENKEEPER_CHROMIUM) for the renderer benchmark; no
 * Electron binary. Takes several minutes: the sync benchmark alone waits out real latency and
 * rate limits.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { BundleResult } from './bundle';
import type { CacheResult } from './cache';
import { benchDir } from './lib/core';
import { describeMachine } from './lib/machine';
import type { MemoryResult } from './memory-worker';
import type { RendererResult } from './renderer';
import { renderReport, type BenchResults } from './report';
import type { SyncResult } from './sync';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const ALL = ['bundle', 'cache', 'memory', 'renderer', 'sync'] as const;
type BenchName = (typeof ALL)[number];

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const iterations = Math.max(1, Number(option('--iterations') ?? '3'));
const only = option('--only')?.split(',') ?? [...ALL];
const unknown = only.filter((name) => !(ALL as readonly string[]).includes(name));
if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}; known: ${ALL.join(', ')}`);
const selected = ALL.filter((name) => only.includes(name));
const write = !process.argv.includes('--no-write') && selected.length === ALL.length;

/** Runs one benchmark file in a fresh process and parses the JSON line it prints last. */
function runScript<T>(file: string, args: string[] = []): T {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, file), ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${file} failed (exit ${String(child.status ?? child.signal)})`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

const resultsFile = path.join(root, 'test-results/bench-results.json');
const reportFrom = option('--report');
if (reportFrom !== undefined) {
  const saved = JSON.parse(fs.readFileSync(reportFrom, 'utf8')) as BenchResults;
  const report = renderReport(saved);
  process.stdout.write(`${report.console}\n`);
  fs.writeFileSync(path.join(root, 'docs/benchmarks.md'), report.markdown);
  process.stdout.write('Wrote docs/benchmarks.md\n');
  process.exit(0);
}

const sqliteVersion = (() => {
  const db = new Database(':memory:');
  try {
    return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } finally {
    db.close();
  }
})();
const machine = describeMachine(sqliteVersion);
const results: BenchResults = { machine, iterations };
const log = (line: string) => process.stdout.write(`${line}\n`);
log(
  `Benchmarks on ${machine.cpu} × ${machine.cores}, load ${machine.loadAtStart.map((l) => l.toFixed(2)).join(' ')}; ${iterations} iterations`,
);

const buildDir = benchDir('bundle');
try {
  let rendererDir = path.join(root, 'out/renderer');
  const timed = <T>(name: BenchName, run: () => T): T => {
    log(`\n== ${name} ==`);
    const started = performance.now();
    const value = run();
    log(`   (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    return value;
  };
  if (selected.includes('bundle') || selected.includes('renderer')) {
    results.bundle = timed('bundle', () => runScript<BundleResult>('bundle.ts', [buildDir]));
    rendererDir = path.join(buildDir, 'renderer');
  }
  if (selected.includes('cache')) {
    results.cache = timed('cache', () =>
      Array.from({ length: iterations }, () => runScript<CacheResult>('cache.ts')),
    );
  }
  if (selected.includes('memory')) {
    results.memory = timed('memory', () =>
      Array.from({ length: iterations }, () => runScript<MemoryResult>('memory.ts')),
    );
  }
  if (selected.includes('renderer')) {
    results.renderer = timed('renderer', () =>
      runScript<RendererResult>('renderer.ts', [String(iterations), rendererDir]),
    );
  }
  if (selected.includes('sync')) {
    results.sync = timed('sync', () => runScript<SyncResult>('sync.ts', [String(iterations)]));
  }
} finally {
  fs.rmSync(buildDir, { recursive: true, force: true });
}
machine.loadAtEnd = os.loadavg();

fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.writeFileSync(resultsFile, JSON.stringify(results));
const report = renderReport(results);
log(`\n${report.console}`);
if (write) {
  const file = path.join(root, 'docs/benchmarks.md');
  fs.writeFileSync(file, report.markdown);
  log(`\nWrote ${path.relative(root, file)} (raw results in ${path.relative(root, resultsFile)})`);
} else {
  log('\n(docs/benchmarks.md not written: only a full run writes it)');
}
