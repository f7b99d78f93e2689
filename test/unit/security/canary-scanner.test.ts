/**
 * The canary scanner finds a planted canary in every encoding it claims to cover, at any offset
 * inside a longer blob, and in files nested in folders; it does not report other values. Without
 * this, "zero hits" in the canary scans would prove nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canaryForms, makeCanary, scanBuffer, scanPaths } from '../../security/canary';
import { tempDir } from '../helpers';

const CANARY = makeCanary('Planted', { extra: '/+= &?' });

const plantings: [string, (s: string) => Buffer][] = [
  ['raw', (s) => Buffer.from(s)],
  ['hex', (s) => Buffer.from(Buffer.from(s).toString('hex'))],
  ['HEX', (s) => Buffer.from(Buffer.from(s).toString('hex').toUpperCase())],
  ['url', (s) => Buffer.from(encodeURIComponent(s))],
  ['form', (s) => Buffer.from(new URLSearchParams({ token: s }).toString())],
  ['utf16le', (s) => Buffer.from(s, 'utf16le')],
  ['utf16be', (s) => Buffer.from(s, 'utf16le').swap16()],
  ...[0, 1, 2].flatMap((offset): [string, (s: string) => Buffer][] => [
    [
      `base64 after ${offset} bytes`,
      (s) =>
        Buffer.from(
          Buffer.concat([Buffer.alloc(offset, 0x41), Buffer.from(`{"v":"${s}"}`)]).toString('base64'),
        ),
    ],
    [
      `base64url after ${offset} bytes`,
      (s) =>
        Buffer.from(Buffer.concat([Buffer.alloc(offset, 0x41), Buffer.from(`${s};`)]).toString('base64url')),
    ],
  ]),
];

describe('canary scanner', () => {
  it.each(plantings)('finds a canary planted as %s inside a longer blob', (_name, encode) => {
    const blob = Buffer.concat([
      Buffer.from('some text before\n'),
      encode(CANARY),
      Buffer.from('\nand after'),
    ]);
    expect(scanBuffer(blob, { planted: CANARY }, 'blob').length).toBeGreaterThan(0);
  });

  it('covers every form it lists and reports none for an unrelated value', () => {
    const encodings = new Set(canaryForms(CANARY).map((f) => f.encoding));
    expect([...encodings].sort()).toEqual([
      'HEX',
      'base64',
      'base64url',
      'form',
      'hex',
      'raw',
      'url',
      'utf16be',
      'utf16le',
    ]);
    const other = makeCanary('Other');
    const blob = Buffer.concat(plantings.map(([, encode]) => encode(other)));
    expect(scanBuffer(blob, { planted: CANARY }, 'blob')).toEqual([]);
  });

  it('reads nested files and counts them', () => {
    const dir = tempDir('tk-scan-');
    fs.mkdirSync(path.join(dir, 'logs', 'old'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'nothing here');
    fs.writeFileSync(path.join(dir, 'logs', 'old', 'app.1.log'), Buffer.from(CANARY, 'utf16le'));
    const report = scanPaths([dir], { planted: CANARY });
    expect(report.files).toBe(2);
    expect(report.bytes).toBe('nothing here'.length + CANARY.length * 2);
    expect(report.hits).toEqual([
      { canary: 'planted', encoding: 'utf16le', where: path.join(dir, 'logs', 'old', 'app.1.log') },
    ]);
  });
});
