/**
 * Which installed packages the packaged app does NOT need at run time because Vite already bundled
 * them into out/renderer (React, the icon set, the store...). electron-builder packs every
 * production dependency with all its files, so without this list the installer would carry the
 * renderer's libraries twice (lucide-react alone is ~50 MB unpacked).
 *
 * Worked out from the sources, so nobody has to keep a list: a package imported by the renderer
 * and not by the main process (whose dependencies electron-vite leaves external, loaded from
 * node_modules at run time) is renderer-only, together with its own dependencies, minus anything
 * the main process's dependencies need. The packaging check (scripts/verify-packaged-app.ts) then
 * proves on the real package that every package the main bundle loads is in it.
 */
import fs from 'node:fs';
import path from 'node:path';

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// `import x from 'p'`, `import { a, type B } from 'p'`, `export * from 'p'`, `import 'p'`,
// `import('p')`, `require('p')`; but not `import type ... from 'p'` (erased at build time).
const IMPORT_PATTERNS = [
  /^\s*(?:import|export)\s+(?!type\s)[^'";]*?\sfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => SOURCE_FILE.test(file))
    .map((file) => path.join(dir, file));
}

/** The package name of a bare specifier ('react-dom/client' → 'react-dom'), or null for a relative or node: one. */
export function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? null);
}

/** Packages imported (not just for types) by the source files under `dirs`. */
export function importedPackages(root: string, dirs: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const dir of dirs) {
    for (const file of sourceFiles(path.join(root, dir))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of IMPORT_PATTERNS) {
        for (const match of text.matchAll(pattern)) {
          const name = packageOf(match[1] ?? '');
          if (name !== null) found.add(name);
        }
      }
    }
  }
  return found;
}

/** The packages and everything they depend on (including optional and peer), as installed. */
export function dependencyClosure(root: string, names: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    const manifest = path.join(root, 'node_modules', name, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    seen.add(name);
    const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as Record<
      string,
      Record<string, string> | undefined
    >;
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies'])
      queue.push(...Object.keys(pkg[field] ?? {}));
  }
  return seen;
}

/**
 * Source folders whose imports the main bundle may load from node_modules: the main process, and
 * the preload folder, whose contract (and so zod) the main process imports too.
 */
export const MAIN_SIDE = ['src-main', 'src-preload'] as const;

/** Installed packages only the (already bundled) renderer uses, sorted. */
export function rendererOnlyPackages(root: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const runtime = new Set(Object.keys(manifest.dependencies ?? {}));
  const main = [...importedPackages(root, MAIN_SIDE)].filter((name) => runtime.has(name));
  const renderer = [...importedPackages(root, ['src-renderer'])].filter(
    (name) => runtime.has(name) && !main.includes(name),
  );
  const needed = dependencyClosure(root, main);
  return [...dependencyClosure(root, renderer)].filter((name) => !needed.has(name)).sort();
}
