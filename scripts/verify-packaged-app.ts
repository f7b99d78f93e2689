/**
 * Checks a packaged app before it is turned into an installer (electron-builder's `afterPack`
 * hook, see electron-builder.config.ts). These are the mistakes users notice first and that no
 * configuration file can prove on its own:
 *
 * - better-sqlite3's native binary must sit outside the asar (Electron cannot load a .node file
 *   from inside it), be built for Electron's ABI (not Node's: a `nodedir` line in ~/.npmrc makes
 *   node-gyp silently build against Node's headers) and for the target CPU (a cross-build can
 *   leave the host's binary in place);
 * - the asar must hold only the build output and runtime dependencies: no tests, simulators,
 *   sources, source maps, the development `.native/` copy, or build tools;
 * - every package the main bundle loads at run time must be in the asar (a dependency left out
 *   by mistake would crash the app at start);
 * - the tray icons the shell loads must be in `<resources>/tray/`.
 *
 * The functions take plain paths so the configuration test can run them on small fixtures.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { TRAY_FILES_BY_PLATFORM } from './icon-spec';

export const SQLITE_BINARY = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

export interface PackedApp {
  /** `<resources>` of the packaged app: where app.asar, app.asar.unpacked and tray/ live. */
  resourcesDir: string;
  /** electron-builder's platform name: darwin, mas, win32 or linux. */
  platform: string;
  /** x64, arm64, ia32, armv7l or universal. */
  arch: string;
  /** Electron's NODE_MODULE_VERSION, from node_modules/electron/abi_version. */
  electronAbi: string;
}

/** Top-level paths inside app.asar that must never ship. */
const FORBIDDEN_IN_ASAR: { pattern: RegExp; what: string }[] = [
  { pattern: /\.map$/, what: 'a source map' },
  { pattern: /^\/(test|tests|e2e|simulators?)(\/|$)/, what: 'tests or simulators' },
  { pattern: /^\/src-[^/]+(\/|$)/, what: 'TypeScript sources' },
  { pattern: /^\/\.native(\/|$)/, what: 'the development Electron-ABI copy (.native/)' },
  {
    pattern: /^\/(scripts|docs|resources|\.ci|coverage|dist)(\/|$)/,
    what: 'build scripts, docs or build resources',
  },
  {
    pattern:
      /^\/node_modules\/(electron|electron-builder|electron-vite|vite|vitest|typescript|tsx|eslint|@playwright|playwright|playwright-core|@resvg|@electron\/asar)(\/|$)/,
    what: 'a development tool',
  },
];

/** Which CPU a native binary was built for, from its ELF, PE or Mach-O header. */
export function binaryArchs(bytes: Buffer): string[] {
  const names = (map: Record<number, string>, code: number) => [
    map[code] ?? `unknown(0x${code.toString(16)})`,
  ];
  if (bytes.length >= 20 && bytes.readUInt32BE(0) === 0x7f454c46) {
    return names({ 0x3e: 'x64', 0xb7: 'arm64', 0x03: 'ia32', 0x28: 'armv7l' }, bytes.readUInt16LE(18));
  }
  if (bytes.length >= 64 && bytes.readUInt16BE(0) === 0x4d5a) {
    const pe = bytes.readUInt32LE(0x3c);
    if (pe + 6 <= bytes.length && bytes.readUInt32BE(pe) === 0x50450000) {
      return names({ 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'ia32' }, bytes.readUInt16LE(pe + 4));
    }
  }
  const machO = { 0x01000007: 'x64', 0x0100000c: 'arm64' };
  if (bytes.length >= 8 && bytes.readUInt32LE(0) === 0xfeedfacf) return names(machO, bytes.readUInt32LE(4));
  if (bytes.length >= 8 && bytes.readUInt32BE(0) === 0xcafebabe) {
    const count = bytes.readUInt32BE(4);
    const archs: string[] = [];
    for (let i = 0; i < count && 8 + i * 20 + 4 <= bytes.length; i++)
      archs.push(...names(machO, bytes.readUInt32BE(8 + i * 20)));
    return archs;
  }
  return ['unknown format'];
}

/** The NODE_MODULE_VERSION a native addon registers itself with, or null if none is found. */
export function binaryAbi(bytes: Buffer): string | null {
  return /node_register_module_v(\d+)/.exec(bytes.toString('latin1'))?.[1] ?? null;
}

/** Everything wrong with a packaged app; an empty list means it may be turned into an installer. */
export function verifyPackagedApp(app: PackedApp): string[] {
  const problems: string[] = [];
  const asar = path.join(app.resourcesDir, 'app.asar');
  if (!fs.existsSync(asar)) return [`${asar} is missing: the app must be packed into an asar.`];

  const entries = listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
  for (const required of [
    '/package.json',
    '/out/main/index.js',
    '/out/preload/index.cjs',
    '/out/renderer/index.html',
  ]) {
    if (!entries.includes(required))
      problems.push(`app.asar lacks ${required}: run the build (npm run build) before packaging.`);
  }
  const reported: string[] = [];
  for (const entry of entries) {
    if (reported.some((parent) => entry.startsWith(`${parent}/`))) continue;
    const forbidden = FORBIDDEN_IN_ASAR.find(({ pattern }) => pattern.test(entry));
    if (forbidden === undefined) continue;
    reported.push(entry);
    problems.push(`app.asar contains ${forbidden.what}: ${entry}`);
  }

  if (entries.includes('/out/main/index.js')) {
    const mainBundle = extractFile(asar, 'out/main/index.js').toString('utf8');
    for (const name of runtimePackagesOf(mainBundle)) {
      if (!entries.includes(`/node_modules/${name}/package.json`)) {
        problems.push(`The main process loads ${name}, but app.asar has no node_modules/${name}.`);
      }
    }
  }

  const binary = path.join(app.resourcesDir, 'app.asar.unpacked', SQLITE_BINARY);
  if (!fs.existsSync(binary)) {
    problems.push(
      `better-sqlite3's native binary is not unpacked from the asar (expected ${binary}); Electron cannot load it from inside.`,
    );
  } else {
    const bytes = fs.readFileSync(binary);
    const abi = binaryAbi(bytes);
    if (abi !== app.electronAbi) {
      problems.push(
        `better-sqlite3 is built for ABI ${abi ?? 'unknown'}, not Electron's ${app.electronAbi}: it was not rebuilt for Electron ` +
          '(is "nodedir" set in ~/.npmrc or npm_config_nodedir in the environment? see docs/release.md).',
      );
    }
    const archs = binaryArchs(bytes);
    const wanted = app.arch === 'universal' ? ['x64', 'arm64'] : [app.arch];
    if (!wanted.every((arch) => archs.includes(arch))) {
      problems.push(
        `better-sqlite3 is built for ${archs.join('+')}, but this package is for ${wanted.join('+')}.`,
      );
    }
  }

  const platform = app.platform === 'mas' ? 'darwin' : app.platform;
  const trayFiles =
    platform in TRAY_FILES_BY_PLATFORM
      ? TRAY_FILES_BY_PLATFORM[platform as keyof typeof TRAY_FILES_BY_PLATFORM]
      : [];
  for (const file of trayFiles) {
    if (!fs.existsSync(path.join(app.resourcesDir, 'tray', file)))
      problems.push(`The tray icon ${file} is missing from <resources>/tray/.`);
  }
  return problems;
}

const BUILTIN = new Set([...builtinModules, 'electron']);

/** Packages a bundle loads from node_modules at run time (its bare imports and requires). */
export function runtimePackagesOf(bundle: string): string[] {
  const found = new Set<string>();
  const spec = `["']([@\\w][\\w.@/-]*)["']`;
  const patterns = [
    new RegExp(`^\\s*(?:import|export)\\b[^;]*?\\bfrom\\s*${spec}`, 'gm'),
    new RegExp(`^\\s*import\\s*${spec}`, 'gm'),
    new RegExp(`\\b(?:require|import)\\(\\s*${spec}\\s*\\)`, 'g'),
  ];
  for (const pattern of patterns) {
    for (const match of bundle.matchAll(pattern)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
      if (!BUILTIN.has(name) && !BUILTIN.has(specifier)) found.add(name);
    }
  }
  return [...found].sort();
}
