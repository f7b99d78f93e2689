#!/usr/bin/env node
// `npm test`: every suite in order (lint, format check, typecheck, unit tests, build, the Electron
// hardening check, the boot of the built app under the Electron stand-in, browser tests), with a
// last line `N passed, N failed` that totals all of them. Lint, the format check, typecheck, build
// and the hardening check each count as one test; vitest, the boot tests and Playwright count
// their own tests. Every step runs even if an earlier one failed, so one run shows all
// problems; a step that cannot run (browser tests without a build) counts as failed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(title, command, args, extraEnv = {}) {
  process.stdout.write(`\n=== ${title} ===\n`);
  const started = Date.now();
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: child.status === 0, seconds };
}

function single(title, command, args) {
  const { ok, seconds } = run(title, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${title}: ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function counted(title, command, args, reportFile, count, extraEnv = {}) {
  fs.rmSync(reportFile, { force: true });
  const { ok, seconds } = run(title, command, args, extraEnv);
  const report = readJson(reportFile);
  if (report === null) {
    totals.failed += 1;
    lines.push(`${title}: FAILED, no report (${seconds} s)`);
    return;
  }
  const c = count(report);
  // A suite that exits non-zero with no failing test (a crash, an error outside tests) fails once.
  if (!ok && c.failed === 0) c.failed = 1;
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  lines.push(`${title}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped (${seconds} s)`);
  // Named again here: CI keeps only the end of the log, and a failure far above is otherwise lost.
  for (const failure of (c.failures ?? []).slice(0, 10)) lines.push(`  failed: ${oneLine(failure)}`);
}

/** An error's message and the first line of its stack (where in the test it failed). */
function withOneFrame(message) {
  const lines = message.split('\n');
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  return firstFrame < 0 ? message : lines.slice(0, firstFrame + 1).join('\n');
}

/** A failure's name and the start of its message, on one line short enough to read. */
function oneLine(text) {
  const plain = text
    // eslint-disable-next-line no-control-regex -- the terminal colour codes in an error message
    .replace(/\u001b\[[0-9;]*m/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 400 ? `${plain.slice(0, 399)}…` : plain;
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

single('lint', npx, ['eslint', '.']);
single('format (prettier --check)', npx, ['prettier', '--check', '.']);
single('typecheck (main, preload)', npx, ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
single('typecheck (renderer)', npx, ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
single('typecheck (tests)', npx, ['tsc', '-p', 'tsconfig.test.json', '--noEmit']);

const vitestReport = path.join(results, 'vitest.json');
counted(
  'unit tests (vitest)',
  npx,
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestReport}`],
  vitestReport,
  (r) => {
    // A test file that fails to load has no failing test of its own: count it once.
    const brokenFiles = (r.testResults ?? []).filter(
      (file) => file.status === 'failed' && !(file.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length;
    const failures = (r.testResults ?? []).flatMap((file) => {
      const where = path.relative(root, file.name);
      const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
      if (failed.length === 0) return file.status === 'failed' ? [`${where}: ${file.message ?? ''}`] : [];
      return failed.map(
        (a) => `${where} › ${a.fullName}: ${withOneFrame((a.failureMessages ?? [])[0] ?? '')}`,
      );
    });
    return {
      passed: r.numPassedTests ?? 0,
      failed: (r.numFailedTests ?? 0) + brokenFiles,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
      failures,
    };
  },
);

const built = single('build (electron-vite)', npx, ['electron-vite', 'build']);

if (fs.existsSync(path.join(root, 'scripts/check-electron-hardening.mjs'))) {
  single('Electron hardening (electronegativity)', process.execPath, [
    'scripts/check-electron-hardening.mjs',
  ]);
}

// The built main bundle booted under the Electron stand-in (test/boot/): it needs out/, so it runs
// after the build, in Node's own test runner (vitest would transform the bundle, and a bundle
// that only works transformed is what this must catch).
const bootReport = path.join(results, 'boot.json');
const bootTitle = 'boot of the built app (Electron stand-in)';
if (built) {
  const bootFiles = fs
    .readdirSync(path.join(root, 'test/boot'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => path.join('test/boot', name));
  counted(
    bootTitle,
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      // A broken app may leave timers running after its tests; that must not hang npm test.
      '--test-force-exit',
      '--test-timeout=60000',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./test/boot/count-reporter.mjs',
      '--test-reporter-destination=stdout',
      ...bootFiles,
    ],
    bootReport,
    (r) => r,
    { TOKENKEEPER_BOOT_REPORT: bootReport },
  );
} else {
  totals.failed += 1;
  lines.push(`${bootTitle}: FAILED, not run because the build failed`);
}

const playwrightReport = path.join(results, 'playwright.json');
if (built) {
  counted('browser tests (playwright)', npx, ['playwright', 'test'], playwrightReport, (r) => {
    const s = r.stats ?? {};
    return {
      passed: (s.expected ?? 0) + (s.flaky ?? 0),
      failed: s.unexpected ?? 0,
      skipped: s.skipped ?? 0,
      failures: unexpectedSpecs(r.suites ?? []),
    };
  });
} else {
  totals.failed += 1;
  lines.push('browser tests (playwright): FAILED, not run because the build failed');
}

/** Playwright's failed tests, as file:line › title and the start of the first error. */
function unexpectedSpecs(suites) {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) =>
      (spec.tests ?? [])
        .filter((test) => test.status === 'unexpected')
        .map((test) => {
          const error = (test.results ?? []).at(-1)?.error?.message ?? '';
          return `${spec.file}:${spec.line} › ${spec.title}: ${error}`;
        }),
    ),
    ...unexpectedSpecs(suite.suites ?? []),
  ]);
}

process.stdout.write(`\n=== summary ===\n${lines.join('\n')}\n`);
if (totals.skipped > 0) process.stdout.write(`${totals.skipped} skipped (each says why above)\n`);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed === 0 ? 0 : 1);
