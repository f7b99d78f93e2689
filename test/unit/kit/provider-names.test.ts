/**
 * Everything true of one provider lives in its module folder: no provider's id or name appears in
 * the code of src-main, src-preload or src-renderer outside `src-main/core/providers/<id>/`. The
 * registry line (providers/shipped.ts), the migrations (frozen history: 0001 created the old
 * CHECK list) and the delivery target kinds (services/delivery/kinds/: each kind is named for the
 * service it writes a rotated secret to, e.g. a CI's secrets, whether or not that service is also
 * a provider; one module per kind) are the exceptions. Code means what runs: identifiers, strings, templates, JSX text,
 * regexes and CSS; comments may use a provider as an example.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../../src-main/core/providers/registry';
import { WITH_ORBITLY } from '../../fixtures/providers/registry';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCANNED = ['src-main', 'src-preload', 'src-renderer'];
const ALLOWED_FOR_ALL = [
  'src-main/core/providers/shipped.ts',
  'src-main/core/db/migrations/',
  'src-main/core/services/delivery/kinds/',
];

/** The code of a TypeScript file, as a list of its tokens' texts (no comments). */
function codeTexts(file: string, source: string): string[] {
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isIdentifier(node) ||
      ts.isPrivateIdentifier(node) ||
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isRegularExpressionLiteral(node) ||
      ts.isJsxText(node)
    )
      texts.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return texts;
}

function codeOf(file: string): string[] {
  const source = fs.readFileSync(file, 'utf8');
  if (/\.tsx?$/.test(file)) return codeTexts(file, source);
  if (file.endsWith('.css')) return [source.replace(/\/\*[\s\S]*?\*\//g, '')];
  return [source];
}

/** "GitLab" and "gitLabAdapter" read as "git lab" and "git lab adapter": words, whatever the case. */
const words = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();

function mentions(texts: string[], term: string): boolean {
  const needle = words(term).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![a-z0-9])${needle}(?![a-z0-9])`);
  return texts.some((text) => pattern.test(words(text)));
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return /\.(ts|tsx|css|html)$/.test(entry.name) ? [full] : [];
  });
}

describe('provider names stay in their modules', () => {
  it('reads code, not comments, and finds a name in any casing inside a word or a string', () => {
    const sample = codeTexts(
      'sample.tsx',
      `// Orbitly is only mentioned here\n/** and Orbitly here */\nconst orbitlyAdapter = 1;\nconst s = 'see ORBITLY';\nconst el = <p>Orbitly</p>;\n`,
    );
    expect(mentions(['plain text'], 'orbitly')).toBe(false);
    expect(mentions(codeTexts('a.ts', '// orbitly\n/* Orbitly */\nconst x = 1;\n'), 'Orbitly')).toBe(false);
    expect(sample.filter((text) => mentions([text], 'Orbitly'))).toEqual([
      'orbitlyAdapter',
      'see ORBITLY',
      'Orbitly',
    ]);
    expect(mentions(['gitLabAdapter'], 'GitLab')).toBe(true);
    expect(mentions(['orbitlyish'], 'orbitly')).toBe(false);
  });

  it('no registered provider (the shipped ones and the throwaway test provider) is named outside its folder', () => {
    const registry = createRegistry(WITH_ORBITLY);
    const files = SCANNED.flatMap((dir) => filesUnder(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      const relative = path.relative(ROOT, file).split(path.sep).join('/');
      if (ALLOWED_FOR_ALL.some((allowed) => relative.startsWith(allowed))) continue;
      const texts = codeOf(file);
      for (const { descriptor } of registry.modules) {
        if (relative.startsWith(`src-main/core/providers/${descriptor.id}/`)) continue;
        for (const term of new Set([descriptor.id, words(descriptor.name)]))
          if (mentions(texts, term)) found.push(`${relative}: ${term}`);
      }
    }
    expect(found).toEqual([]);
  });
});
