#!/usr/bin/env node
// Runs Doyensec's Electronegativity over the Electron-facing code (src-main, src-preload) and
// fails on any finding that docs/security.md does not justify, and on any file it could not parse.
//
// Electronegativity's command line exits 0 even when it finds something, and when it writes a
// report (-o) it drops its parse errors silently: a file it cannot parse is simply not checked.
// So its runner is called directly (the same function the command line calls), which returns the
// findings and the parse errors; the SARIF report is still written to test-results/ for the record.
//
// A finding is justified by a row in the "Electronegativity findings" table of docs/security.md
// whose first two cells are the check id and the file (relative to the scanned folder), e.g.
// | OPEN_EXTERNAL_JS_CHECK | src-main/shell/system-ports.ts | Only allow-listed https URLs ... |
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const { LoaderDirectory } = require('@doyensec/electronegativity/dist/loader');
const electronVersion = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const targets = ['src-main', 'src-preload'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-eneg-'));

function justifications() {
  const doc = fs.readFileSync(path.join(root, 'docs/security.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Electronegativity findings'));
  if (section === undefined)
    throw new Error('docs/security.md has no "## Electronegativity findings" section');
  const allowed = new Set();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/`/g, ''));
    if (cells.length >= 4 && /^[A-Z_]+_CHECK$/.test(cells[1]) && cells[3].length > 10)
      allowed.add(`${cells[1]} ${cells[2]}`);
  }
  return allowed;
}

const allowed = justifications();
// Scanned together (a copy of both folders in one tree) so the global checks see main and preload at once.
const scanRoot = path.join(tmp, 'scan');
for (const target of targets)
  fs.cpSync(path.join(root, target), path.join(scanRoot, target), { recursive: true });
const loader = new LoaderDirectory();
await loader.load(scanRoot);
const fileCount = loader.list_files.size ?? loader.list_files.length;
fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
let result;
try {
  result = await run(
    {
      input: scanRoot,
      output: path.join(root, 'test-results/electronegativity.sarif'),
      isSarif: true,
      customScan: [],
      excludeFromScan: [],
      isRelative: true,
      isVerbose: false,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const findings = result.issues.map((issue) => ({
  check: issue.id,
  severity: issue.severity?.name ?? '?',
  file: issue.file,
  location: `${issue.location?.line ?? 0}:${issue.location?.column ?? 0}`,
  description: issue.description ?? '',
}));
const unparsed = result.errors.filter((e) => !e.tolerable);
const unjustified = findings.filter((f) => !allowed.has(`${f.check} ${f.file}`));
console.log(
  `Electronegativity ${targets.join(', ')} (Electron ${electronVersion}): ${fileCount} files, ${result.globalChecks + result.atomicChecks} checks, ` +
    `${findings.length} findings, ${findings.length - unjustified.length} justified in docs/security.md, ${unparsed.length} files not parsed.`,
);
for (const f of findings) {
  const mark = allowed.has(`${f.check} ${f.file}`) ? 'justified ' : 'UNJUSTIFIED';
  console.log(`  ${mark} ${f.check} ${f.file}:${f.location} (${f.severity}) ${f.description}`);
}
for (const e of unparsed) console.error(`  NOT PARSED ${path.relative(scanRoot, e.file)}: ${e.message}`);
if (unjustified.length > 0 || unparsed.length > 0) {
  if (unjustified.length > 0)
    console.error(
      `\n${unjustified.length} finding(s) need a fix or a justification row in docs/security.md.`,
    );
  if (unparsed.length > 0)
    console.error(`\n${unparsed.length} file(s) could not be parsed, so they were not checked.`);
  process.exit(1);
}
