/**
 * The canary scanner: known secret values ("canaries") are handed out by the simulators and typed
 * into forms, then every file the app wrote is searched for each of them in every form a secret
 * could take on disk: raw, base64 and base64url (at each of the three byte alignments, so a canary
 * inside a longer encoded blob is found too), hex (both cases), URL-encoded (percent and form
 * encoding), and UTF-16 (LE and BE). Zero hits is the promise; the scanner is tested on planted
 * canaries so that zero means something (test/unit/security/canary-scanner.test.ts).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface CanaryForm {
  encoding: string;
  bytes: Buffer;
}

const MIN_FORM_BYTES = 8;

/** A canary: recognisable, unique per run, letters only unless told otherwise (so no generic redaction pattern can hide a leak). */
export function makeCanary(label: string, options: { extra?: string } = {}): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const tail = [...randomBytes(20)].map((b) => letters[b % letters.length]).join('');
  return `Canary${label.replace(/[^A-Za-z]/g, '')}${tail}${options.extra ?? ''}`;
}

/** The part of `base64(prefix + secret + suffix)` that does not depend on the neighbours, for each alignment. */
function embeddedBase64(raw: Buffer, kind: 'base64' | 'base64url'): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset, 0x20), raw])
      .toString(kind)
      .replace(/=+$/, '');
    // Drop the characters that mix in the padding before it and the partial group after it.
    const start = Math.ceil((offset * 4) / 3);
    forms.push(encoded.slice(start, encoded.length - 2));
  }
  // The whole value encoded on its own (with padding, as a header or a cookie would carry it).
  forms.push(raw.toString(kind));
  return forms;
}

export function canaryForms(secret: string): CanaryForm[] {
  const raw = Buffer.from(secret, 'utf8');
  const le = Buffer.from(secret, 'utf16le');
  const be = Buffer.from(le);
  be.swap16();
  const forms: CanaryForm[] = [
    { encoding: 'raw', bytes: raw },
    { encoding: 'hex', bytes: Buffer.from(raw.toString('hex')) },
    { encoding: 'HEX', bytes: Buffer.from(raw.toString('hex').toUpperCase()) },
    { encoding: 'url', bytes: Buffer.from(encodeURIComponent(secret)) },
    { encoding: 'form', bytes: Buffer.from(new URLSearchParams({ v: secret }).toString().slice(2)) },
    { encoding: 'utf16le', bytes: le },
    { encoding: 'utf16be', bytes: be },
    ...embeddedBase64(raw, 'base64').map((f) => ({ encoding: 'base64', bytes: Buffer.from(f) })),
    ...embeddedBase64(raw, 'base64url').map((f) => ({ encoding: 'base64url', bytes: Buffer.from(f) })),
  ];
  const seen = new Set<string>();
  return forms.filter((f) => {
    const key = f.bytes.toString('hex');
    if (f.bytes.length < MIN_FORM_BYTES || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface CanaryHit {
  canary: string;
  encoding: string;
  where: string;
}

export interface ScanReport {
  files: number;
  bytes: number;
  hits: CanaryHit[];
  /** Every file read, relative to its root (for the test's own assertions and output). */
  scanned: string[];
}

function walk(target: string): string[] {
  if (!fs.existsSync(target)) return [];
  const stat = fs.lstatSync(target);
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) return [];
  return fs.readdirSync(target).flatMap((name) => walk(path.join(target, name)));
}

/** Searches one blob (a file, a DOM dump, a store snapshot) for every form of every canary. */
export function scanBuffer(buffer: Buffer, canaries: Record<string, string>, where: string): CanaryHit[] {
  const hits: CanaryHit[] = [];
  for (const [label, secret] of Object.entries(canaries)) {
    for (const form of canaryForms(secret)) {
      if (buffer.includes(form.bytes)) hits.push({ canary: label, encoding: form.encoding, where });
    }
  }
  return hits;
}

export function scanText(text: string, canaries: Record<string, string>, where: string): CanaryHit[] {
  return scanBuffer(Buffer.from(text, 'utf8'), canaries, where);
}

/** Reads every file under the given roots (files or folders, recursively) and searches it. */
export function scanPaths(roots: string[], canaries: Record<string, string>): ScanReport {
  const report: ScanReport = { files: 0, bytes: 0, hits: [], scanned: [] };
  for (const root of roots) {
    for (const file of walk(root)) {
      const bytes = fs.readFileSync(file);
      report.files += 1;
      report.bytes += bytes.length;
      report.scanned.push(file);
      report.hits.push(...scanBuffer(bytes, canaries, file));
    }
  }
  return report;
}

export function describeScan(report: ScanReport, canaryCount: number): string {
  return `canary scan: ${report.files} files, ${report.bytes} bytes, ${canaryCount} canaries × their encodings, ${report.hits.length} hits`;
}

/**
 * What a scan of a whole run must have read, relative to `root` (the folder holding userData):
 * while running, the database with its WAL and shared memory and the credential store; after
 * shutdown, the database, the store, the current and a rotated log, and the three exports.
 * Returns what is missing, so a scan that silently read less fails its test.
 */
export function scanGaps(during: ScanReport, stopped: ScanReport, root: string): string[] {
  const names = (report: ScanReport) => report.scanned.map((f) => path.relative(root, f));
  const missing = (report: ScanReport, when: string, files: string[]) =>
    files.filter((f) => !names(report).includes(f)).map((f) => `${f} (${when})`);
  const exports = names(stopped).filter((n) => n.startsWith('userData/exports/')).length;
  return [
    ...missing(during, 'while running', [
      'userData/tokenkeeper.db',
      'userData/tokenkeeper.db-wal',
      'userData/tokenkeeper.db-shm',
      'userData/tokenkeeper.json',
    ]),
    ...missing(stopped, 'after shutdown', [
      'userData/tokenkeeper.db',
      'userData/tokenkeeper.json',
      'userData/logs/tokenkeeper.log',
      'userData/logs/tokenkeeper.1.log',
    ]),
    ...(exports === 3 ? [] : [`3 exports, found ${exports}`]),
  ];
}
