/**
 * docs/security.md carries the figures the security tests produce. The ones that do not change
 * from run to run (how many channels and payloads the fuzzers send, how many fault cases, how many
 * Electronegativity findings are justified) are checked here, so the document cannot drift when a
 * channel, a field or a fault is added. (File and byte counts of the canary scans vary with log
 * timings; those scans print theirs.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelNames } from '../../../src-preload/contract';
import { countInvalidCases, objectChannels } from '../../security/ipc-payloads';

const security = fs.readFileSync(path.resolve('docs/security.md'), 'utf8');
const reliability = fs.readFileSync(path.resolve('docs/reliability.md'), 'utf8');
const n = (value: number) => value.toLocaleString('en-US');

describe('docs/security.md figures', () => {
  it('IPC fuzzing: channels, arbitrary payloads, field-by-field payloads, random replacements', () => {
    const figures = security.slice(security.indexOf('- **IPC fuzzing**'));
    expect(figures).toContain(`${channelNames.length} channels`);
    expect(figures).toContain(`40 per channel (${n(channelNames.length * 40)})`);
    expect(figures).toContain(`${n(countInvalidCases())} payloads wrong in exactly\n  one place`);
    expect(figures).toContain(
      `the ${objectChannels().length} channels that take an object (${n(objectChannels().length * 40)})`,
    );
  });

  it('the fault matrix size is the one docs/reliability.md was generated with', () => {
    const generated = /^(\d+) cases: /m.exec(reliability)?.[1];
    expect(generated).toBeDefined();
    expect(security).toContain(`- **Provider fault matrix**: ${generated} cases`);
  });

  it('Electronegativity: as many findings justified as the table has rows', () => {
    const section = security.split(/^## /m).find((s) => s.startsWith('Electronegativity findings')) ?? '';
    const rows = section.split('\n').filter((l) => /^\| [A-Z_]+_CHECK \|/.test(l)).length;
    expect(security).toContain(`${rows} findings, ${rows} justified above`);
  });
});
