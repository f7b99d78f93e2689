/**
 * docs/providers.md lists every endpoint each adapter uses, with the same basis (documented or
 * modeled); and every adapter's table is complete and marked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../src-main/core/providers/registry';

const doc = fs.readFileSync(path.resolve('docs/providers.md'), 'utf8');

function section(name: string): string {
  const start = doc.indexOf(`\n## ${name}\n`);
  if (start < 0) throw new Error(`docs/providers.md has no "## ${name}" section`);
  const end = doc.indexOf('\n## ', start + 4);
  return doc.slice(start, end < 0 ? undefined : end);
}

describe('endpoint tables', () => {
  it.each(Object.values(ADAPTERS).map((a) => [a.descriptor.name, a] as const))(
    '%s: every endpoint is marked and has a source',
    (_name, adapter) => {
      const keys = new Set<string>();
      for (const e of adapter.endpoints) {
        expect(['documented', 'modeled']).toContain(e.basis);
        expect(e.source.length).toBeGreaterThan(10);
        expect(e.path.startsWith('/')).toBe(true);
        expect(keys.has(e.key)).toBe(false);
        keys.add(e.key);
      }
    },
  );

  it.each(Object.values(ADAPTERS).map((a) => [a.descriptor.name, a] as const))(
    '%s: docs/providers.md lists the same endpoints',
    (name, adapter) => {
      const text = section(name);
      const rows = text.split('\n').filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(line));
      expect(rows.length).toBe(adapter.endpoints.length);
      for (const e of adapter.endpoints) {
        const row = rows.find((r) => r.startsWith(`| ${e.method} | \`${e.path}\` |`));
        expect(row, `${e.method} ${e.path}`).toBeDefined();
        expect(row).toContain(`**${e.basis}**`);
      }
    },
  );

  it('every adapter source file carries the ENDPOINTS marker', () => {
    for (const id of Object.keys(ADAPTERS)) {
      const source = fs.readFileSync(path.resolve(`src-main/core/providers/${id}/adapter.ts`), 'utf8');
      expect(source).toContain('// ENDPOINTS (documented / modeled)');
    }
  });
});
