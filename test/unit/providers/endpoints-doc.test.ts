/**
 * Each provider's doc (docs/providers/<id>.md) lists every endpoint its adapter uses, with the same
 * basis (documented or modeled); every adapter's table is complete and marked; and the overview
 * (docs/providers/README.md) links every shipped provider's doc.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_PROVIDERS } from '../../../src-main/core/providers/registry';

const docOf = (id: string) => fs.readFileSync(path.resolve(`docs/providers/${id}.md`), 'utf8');
const modules = SHIPPED_PROVIDERS.map((m) => [m.descriptor.name, m] as const);
/** An adapter's table, and the calls a tracked provider makes on a pasted token. */
const endpointsOf = (m: (typeof SHIPPED_PROVIDERS)[number]) => [
  ...(m.adapter?.endpoints ?? []),
  ...(m.pastedTokens?.endpoints ?? []),
];

describe('endpoint tables', () => {
  it.each(modules)('%s: every endpoint is marked and has a source', (_name, module) => {
    const keys = new Set<string>();
    for (const e of endpointsOf(module)) {
      expect(['documented', 'modeled']).toContain(e.basis);
      expect(e.source.length).toBeGreaterThan(10);
      expect(e.path.startsWith('/')).toBe(true);
      expect(keys.has(e.key)).toBe(false);
      keys.add(e.key);
    }
  });

  it.each(modules)('%s: its doc lists the same endpoints', (_name, module) => {
    const rows = docOf(module.descriptor.id)
      .split('\n')
      .filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(line));
    const endpoints = endpointsOf(module);
    expect(rows.length).toBe(endpoints.length);
    for (const e of endpoints) {
      const row = rows.find((r) => r.startsWith(`| ${e.method} | \`${e.path}\` |`));
      expect(row, `${e.method} ${e.path}`).toBeDefined();
      expect(row).toContain(`**${e.basis}**`);
    }
  });

  it('every adapter source file carries the ENDPOINTS marker', () => {
    for (const { descriptor, adapter } of SHIPPED_PROVIDERS) {
      if (adapter === null) continue;
      const source = fs.readFileSync(
        path.resolve(`src-main/core/providers/${descriptor.id}/adapter.ts`),
        'utf8',
      );
      expect(source).toContain('// ENDPOINTS (documented / modeled)');
    }
  });

  it('every pasted-token table carries the ENDPOINTS marker', () => {
    for (const { descriptor, pastedTokens } of SHIPPED_PROVIDERS) {
      if (pastedTokens === null) continue;
      const source = fs.readFileSync(
        path.resolve(`src-main/core/providers/${descriptor.id}/pasted-tokens.ts`),
        'utf8',
      );
      expect(source).toContain('// ENDPOINTS (documented / modeled)');
    }
  });

  it('the overview links every shipped provider’s doc', () => {
    const overview = fs.readFileSync(path.resolve('docs/providers/README.md'), 'utf8');
    for (const { descriptor } of SHIPPED_PROVIDERS) expect(overview).toContain(`(${descriptor.id}.md)`);
  });
});
