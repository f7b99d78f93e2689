#!/usr/bin/env node
// Runs Doyensec's Electronegativity over the Electron-facing code (src-main, src-preload) and
// fails on any finding that docs/security.md does not justify. Electronegativity itself exits 0
// even when it finds something, so its SARIF (JSON) report is read here. (Its CSV writer can
// interleave rows, so CSV is not used.)
//
// A finding is justified by a row in the "Electronegativity findings" table of docs/security.md
// whose first two cells are the check id and the file (relative to the scanned folder), e.g.
// | OPEN_EXTERNAL_JS_CHECK | src-main/shell/system-ports.ts | Only allow-listed https URLs ... |
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const targets = ['src-main', 'src-preload'];
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-eneg-'));

function justifications() {
  const doc = fs.readFileSync(path.join(root, 'docs/security.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Electronegativity findings'));
  if (section === undefined) throw new Error('docs/security.md has no "## Electronegativity findings" section');
  const allowed = new Set();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim().replace(/`/g, ''));
    if (cells.length >= 4 && /^[A-Z_]+_CHECK$/.test(cells[1]) && cells[3].length > 10) allowed.add(`${cells[1]} ${cells[2]}`);
  }
  return allowed;
}

const allowed = justifications();
// Scanned together (a copy of both folders in one tree) so the global checks see main and preload at once.
const scanRoot = path.join(tmp, 'scan');
for (const target of targets) fs.cpSync(path.join(root, target), path.join(scanRoot, target), { recursive: true });
const out = path.join(tmp, 'report.sarif');
const run = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js'), '-i', scanRoot, '-r', '-v', 'false', '-e', electronVersion, '-o', out],
  { cwd: root, encoding: 'utf8' },
);
if (!fs.existsSync(out)) {
  console.error(`Electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(out, 'utf8'));
const findings = report.runs.flatMap((r) => r.results).map((result) => {
  const location = result.locations?.[0]?.physicalLocation;
  const uri = location?.artifactLocation?.uri ?? 'file:///';
  return {
    check: result.ruleId,
    severity: result.level,
    file: uri === 'file:///' ? 'N/A' : uri,
    location: location?.region ? `${location.region.startLine}:${location.region.startColumn}` : '0:0',
    description: result.message?.text ?? '',
  };
});
fs.rmSync(tmp, { recursive: true, force: true });

const unjustified = findings.filter((f) => !allowed.has(`${f.check} ${f.file}`));
console.log(`Electronegativity ${targets.join(', ')}: ${findings.length} findings, ${findings.length - unjustified.length} justified in docs/security.md.`);
for (const f of findings) {
  const mark = allowed.has(`${f.check} ${f.file}`) ? 'justified ' : 'UNJUSTIFIED';
  console.log(`  ${mark} ${f.check} ${f.file}:${f.location} (${f.severity}) ${f.description}`);
}
if (unjustified.length > 0) {
  console.error(`\n${unjustified.length} finding(s) need a fix or a justification row in docs/security.md.`);
  process.exit(1);
}
