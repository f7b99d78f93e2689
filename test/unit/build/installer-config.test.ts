/**
 * The installer configuration, checked as far as a machine without Electron's binaries allows
 * (electron-builder needs them to build an installer; docs/release.md says what is checked where).
 *
 * The configuration is loaded the way electron-builder loads it (its own loader and schema), the
 * file lists are run through electron-builder's own file matcher, the Linux desktop entry is
 * produced by electron-builder's own generator, and every icon's pixel sizes are read from inside
 * the file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createPackage } from '@electron/asar';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderIcons } from '../../../scripts/generate-icons';
import {
  APP_ICNS_TYPES,
  APP_ICO_SIZES,
  APP_PNG_SIZES,
  OUTPUTS,
  SOURCE_SVG,
  TRAY_FILES_BY_PLATFORM,
  TRAY_ICO_SIZES,
} from '../../../scripts/icon-spec';
import {
  MAIN_SIDE,
  dependencyClosure,
  importedPackages,
  rendererOnlyPackages,
} from '../../../scripts/packaged-dependencies';
import { signingReport, signingStatus } from '../../../scripts/release-signing';
import {
  SQLITE_BINARY,
  binaryAbi,
  binaryArchs,
  verifyPackagedApp,
} from '../../../scripts/verify-packaged-app';
import { APP_ID, APP_USER_MODEL_ID } from '../../../src-main/shell/app-identity';
import { builderConfig, loadBuilderConfig } from './builder-config';
import { icnsImages, icoImages, pngSize } from './image-headers';

const root = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);

// electron-builder's internals, used so the checks apply its own rules rather than a copy of them.
const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (
    from: string,
    to: string,
    expand: (s: string) => string,
    patterns: string[],
  ) => {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
    prependPattern(p: string): void;
  };
};
const { LinuxTargetHelper } = require('app-builder-lib/out/targets/LinuxTargetHelper') as {
  LinuxTargetHelper: new (packager: unknown) => { computeDesktopEntry(options: unknown): Promise<string> };
};

const noDebug = { isEnabled: false, add: () => undefined };
const read = (file: string) => fs.readFileSync(path.join(root, file));
const packageJson = JSON.parse(read('package.json').toString()) as {
  version: string;
  description: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

function targets(value: unknown): { target: string; arch: string[] }[] {
  const list = (Array.isArray(value) ? value : [value]) as (string | TargetConfiguration)[];
  return list.map((t) =>
    typeof t === 'string'
      ? { target: t, arch: [] }
      : {
          target: t.target,
          arch: (Array.isArray(t.arch) ? t.arch : [t.arch]).filter((a) => a !== undefined),
        },
  );
}

/** Glob patterns of a files-like option; electron-builder's loader turns plain strings into `{ filter }` sets. */
function stringList(value: unknown): string[] {
  return (Array.isArray(value) ? value : [value]).flatMap((item: unknown) => {
    if (typeof item === 'string') return [item];
    const set = item as { from?: string; to?: string; filter?: string | string[] } | null;
    if (set === null || set.from !== undefined || set.to !== undefined) return [];
    return typeof set.filter === 'string' ? [set.filter] : (set.filter ?? []);
  });
}

/** electron-builder's verdict on a project-relative path, for the app's own files. */
function packsAppFile(relative: string): boolean {
  const filter = new FileMatcher(root, '/app', (s) => s, stringList(config.files)).createFilter();
  return filter(path.join(root, relative), { isDirectory: () => false });
}

/** electron-builder's verdict on a file inside a production dependency (only exclusions apply there). */
function packsModuleFile(relative: string): boolean {
  const excludes = stringList(config.files).filter((p) => p.startsWith('!'));
  const matcher = new FileMatcher(root, '/app', (s) => s, excludes);
  matcher.prependPattern('**/*');
  return matcher.createFilter()(path.join(root, relative), { isDirectory: () => false });
}

describe('the configuration as electron-builder sees it', () => {
  it('is found, loaded and valid against electron-builder’s schema', async () => {
    await expect(builderConfig.validateConfiguration(config, noDebug)).resolves.toBeUndefined();
    // The schema check is live: a misspelt option is refused.
    await expect(
      builderConfig.validateConfiguration(
        { ...config, nsis: { ...config.nsis, oneClik: true } } as Configuration,
        noDebug,
      ),
    ).rejects.toThrow(/configuration\.nsis/);
  });

  it('names the app, and its id is the AppUserModelId the shell sets (Windows notifications need the match)', () => {
    expect(config.productName).toBe('Tokenkeeper');
    expect(config.appId).toBe(APP_ID);
    expect(config.appId).toBe(APP_USER_MODEL_ID);
    expect(config.appId).toMatch(/^[a-z0-9]+(\.[a-z0-9-]+)+$/);
    // main.ts passes the shared constant, not a second literal.
    const main = read('src-main/shell/main.ts').toString();
    expect(main).toMatch(/import \{ APP_USER_MODEL_ID \} from '\.\/app-identity'/);
    expect(main).toContain('app.setAppUserModelId(APP_USER_MODEL_ID)');
    expect(main).not.toMatch(/setAppUserModelId\(\s*['"]/);
    expect(config.copyright).toMatch(new RegExp(`^Copyright © ${new Date().getFullYear()} `));
    // The version is package.json's: nothing overrides it.
    expect(config.extraMetadata).not.toHaveProperty('version');
    expect(config).not.toHaveProperty('buildVersion');
    expect(packageJson.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('builds a per-user NSIS installer for Windows that never asks for administrator rights', () => {
    expect(targets(config.win?.target)).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      createStartMenuShortcut: true,
    });
    expect(config.win?.requestedExecutionLevel).toBe('asInvoker');
  });

  it('builds dmg and zip for Apple silicon and Intel, hardened, with only the JIT entitlement', () => {
    const mac = targets(config.mac?.target);
    expect(mac.map((t) => t.target).sort()).toEqual(['dmg', 'zip']);
    for (const t of mac) expect(t.arch.sort()).toEqual(['arm64', 'x64']);
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      expect(file).toBeTypeOf('string');
      const plist = read(file as string).toString();
      const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
      expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
      expect(plist).not.toMatch(/<false\/>|<string>/);
    }
    // Distinct names per arch, or the second build would overwrite the first.
    expect(config.mac?.artifactName).toContain('${arch}');
    expect(config.dmg?.artifactName).toContain('${arch}');
  });

  it('builds AppImage, deb and rpm whose desktop entry files the app under Utility and Security', async () => {
    expect(
      targets(config.linux?.target)
        .map((t) => t.target)
        .sort(),
    ).toEqual(['AppImage', 'deb', 'rpm']);
    // electron-builder's own generator, fed what it takes from this configuration and package.json.
    const linux = config.linux ?? {};
    const helper = new LinuxTargetHelper({
      appInfo: {
        productName: config.productName,
        sanitizedProductName: config.productName,
        description: packageJson.description,
      },
      executableName: linux.executableName,
      info: { metadata: { ...packageJson, ...(config.extraMetadata as object) } },
      config,
      platformSpecificBuildOptions: linux,
      fileAssociations: [],
    });
    const entry = await helper.computeDesktopEntry(linux);
    const fields = Object.fromEntries(
      entry
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(fields.Categories).toBe('Utility;Security;');
    expect(fields.Name).toBe('Tokenkeeper');
    expect(fields.Type).toBe('Application');
    expect(fields.Exec).toBe('/opt/Tokenkeeper/tokenkeeper %U');
    // The window is matched to this entry (dock grouping, Wayland app_id) and uses the installed icon.
    expect(fields.StartupWMClass).toBe('tokenkeeper');
    expect(fields.Icon).toBe('tokenkeeper');
    // deb and rpm refuse to build without these.
    expect(linux.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
    expect((config.extraMetadata as { homepage?: string }).homepage).toMatch(/^https:\/\//);
  });

  it('ships the tray icons as extra resources, where the shell finds them under process.resourcesPath/tray', () => {
    expect(config.extraResources).toEqual([
      { from: 'resources/tray', to: 'tray', filter: ['*.png', '*.ico'] },
    ]);
    const shipped = fs.readdirSync(path.join(root, 'resources/tray')).filter((f) => /\.(png|ico)$/.test(f));
    for (const files of Object.values(TRAY_FILES_BY_PLATFORM))
      for (const file of files) expect(shipped).toContain(file);
  });
});

describe('what goes into the package', () => {
  it('unpacks better-sqlite3’s native binary from the asar and rebuilds it for Electron', () => {
    const unpack = new FileMatcher(root, '/app', (s) => s, stringList(config.asarUnpack)).createFilter();
    expect(unpack(path.join(root, SQLITE_BINARY), { isDirectory: () => false })).toBe(true);
    expect(unpack(path.join(root, 'node_modules/zod/index.js'), { isDirectory: () => false })).toBe(false);
    expect(config.npmRebuild).toBe(true);
    // Prebuilt Electron binaries first (they exist for every target here); compile only as a fallback.
    expect(config.buildDependenciesFromSource).toBe(false);
    expect(packsModuleFile(SQLITE_BINARY)).toBe(true);
  });

  it('packs the build output and package.json, and nothing else from the project', () => {
    for (const file of [
      'out/main/index.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json',
    ]) {
      expect(packsAppFile(file), file).toBe(true);
    }
    for (const file of [
      'test/unit/db/database.test.ts',
      'test/simulators/mailtrap.ts',
      'test/host/fakes.ts',
      'src-main/core/core.ts',
      'src-preload/contract.ts',
      'src-renderer/src/App.tsx',
      '.native/better_sqlite3-electron-45.5.0-linux-x64.node',
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.js.map',
      'scripts/generate-icons.ts',
      'resources/icon.svg',
      'docs/release.md',
      '.tk-data/tokenkeeper.db',
    ]) {
      expect(packsAppFile(file), file).toBe(false);
    }
  });

  it('packs nothing from the working tree outside out/ and package.json', () => {
    const walk = (dir: string): string[] =>
      fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
        const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (entry.isDirectory()) return ['node_modules', '.git', 'dist'].includes(rel) ? [] : walk(rel);
        return [rel];
      });
    const packed = walk('').filter(packsAppFile);
    expect(
      packed.every((file) => file === 'package.json' || (file.startsWith('out/') && !file.endsWith('.map'))),
      packed.join('\n'),
    ).toBe(true);
  });

  it('leaves out what Vite bundled into the renderer, source maps and better-sqlite3’s sources, never what main loads', () => {
    const rendererOnly = rendererOnlyPackages(root);
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', 'react-dom']));
    const mainImports = importedPackages(root, MAIN_SIDE);
    const mainNeeds = dependencyClosure(
      root,
      [...mainImports].filter((name) => name in packageJson.dependencies),
    );
    for (const name of ['better-sqlite3', 'zod', 'undici', 'electron-store'])
      expect(mainNeeds.has(name), name).toBe(true);
    for (const name of rendererOnly) {
      expect(mainNeeds.has(name), `${name} is needed by the main process`).toBe(false);
      expect(packsModuleFile(`node_modules/${name}/package.json`), name).toBe(false);
    }
    for (const name of mainNeeds)
      expect(packsModuleFile(`node_modules/${name}/package.json`), name).toBe(true);
    expect(packsModuleFile('node_modules/undici/index.js.map')).toBe(false);
    expect(packsModuleFile('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
    expect(packsModuleFile('node_modules/better-sqlite3/lib/index.js')).toBe(true);
  });

  it('keeps build and test tools out of the runtime dependencies (electron-builder packs every one of those)', () => {
    const devOnly = [
      'electron',
      'electron-builder',
      'electron-vite',
      'vite',
      'vitest',
      '@playwright/test',
      'typescript',
      'tsx',
      'eslint',
      'ws',
      '@resvg/resvg-js',
    ];
    for (const name of devOnly) expect(Object.keys(packageJson.dependencies), name).not.toContain(name);
    expect(packageJson.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has an npm script per OS', () => {
    expect(packageJson.scripts.dist).toBe('npm run build && node scripts/dist.mjs');
    expect(packageJson.scripts['dist:win']).toMatch(/dist\.mjs --win$/);
    expect(packageJson.scripts['dist:mac']).toMatch(/dist\.mjs --mac$/);
    expect(packageJson.scripts['dist:linux']).toMatch(/dist\.mjs --linux$/);
    expect(packageJson.scripts.icons).toContain('scripts/generate-icons.ts');
  });
});

describe('icons, by the pixels inside the files', () => {
  it('the Windows app icon holds every size the shell asks for, up to 256', () => {
    for (const file of [config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon])
      expect(file).toBe(OUTPUTS.appIco.file);
    const images = icoImages(read(OUTPUTS.appIco.file));
    for (const image of images) expect(image.actual).toEqual(image.claimed);
    expect(images.map((i) => i.actual.width)).toEqual([...APP_ICO_SIZES]);
    expect(images.every((i) => i.actual.width === i.actual.height)).toBe(true);
  });

  it('the macOS app icon holds every type from 16 to 1024 at its own size', () => {
    expect(config.mac?.icon).toBe(OUTPUTS.appIcns.file);
    const images = icnsImages(read(OUTPUTS.appIcns.file));
    expect(Object.fromEntries(images)).toEqual(APP_ICNS_TYPES);
  });

  it('the Linux icon folder holds NxN.png files that really are N by N, 16 to 1024', () => {
    expect(config.linux?.icon).toBe(OUTPUTS.appPngDir);
    const files = fs.readdirSync(path.join(root, OUTPUTS.appPngDir));
    const sizes = files.map((file) => {
      const named = /^(\d+)x(\d+)\.png$/.exec(file);
      expect(named, file).not.toBeNull();
      expect(pngSize(read(`${OUTPUTS.appPngDir}/${file}`))).toEqual({
        width: Number(named?.[1]),
        height: Number(named?.[2]),
      });
      return Number(named?.[1]);
    });
    expect(sizes.sort((a, b) => a - b)).toEqual([...APP_PNG_SIZES]);
  });

  it('the tray icons have each OS’s sizes: Linux 22/44, macOS template 16/32, Windows ICO 16-48', () => {
    for (const [file, size] of Object.entries({ ...OUTPUTS.tray.linux, ...OUTPUTS.tray.macTemplate })) {
      expect(pngSize(read(file)), file).toEqual({ width: size, height: size });
    }
    for (const file of Object.keys(OUTPUTS.tray.windows)) {
      const images = icoImages(read(file));
      for (const image of images) expect(image.actual, file).toEqual(image.claimed);
      expect(images.map((i) => i.actual.width)).toEqual([...TRAY_ICO_SIZES]);
    }
  });

  it('the macOS tray icons are template images: black and transparency only, so the menu bar can tint them', () => {
    for (const file of Object.keys(OUTPUTS.tray.macTemplate)) {
      const { data } = PNG.sync.read(read(file));
      let opaque = 0;
      for (let i = 0; i < data.length; i += 4) {
        if ((data[i + 3] ?? 0) > 0) {
          opaque++;
          expect([data[i], data[i + 1], data[i + 2]], file).toEqual([0, 0, 0]);
        }
      }
      expect(opaque, file).toBeGreaterThan(data.length / 4 / 10);
    }
  });

  it('the attention state adds a badge in the top-right corner that the normal state does not have', () => {
    const topRight = (file: string, measure: (r: number, g: number, b: number, a: number) => number) => {
      const png = PNG.sync.read(read(file));
      let sum = 0;
      for (let y = 0; y < png.height / 2; y++) {
        for (let x = Math.floor(png.width / 2); x < png.width; x++) {
          const i = (y * png.width + x) * 4;
          sum += measure(png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0, png.data[i + 3] ?? 0);
        }
      }
      return sum;
    };
    // Colour icons: an orange badge (pixels clearly red-orange, not the blue tile or white key).
    const orange = (r: number, g: number, b: number, a: number) =>
      a > 200 && r > 200 && g > 80 && g < 170 && b < 80 ? 1 : 0;
    for (const [normal, attention] of [
      ['resources/tray/tray-normal.png', 'resources/tray/tray-attention.png'],
      ['resources/tray/tray-normal@2x.png', 'resources/tray/tray-attention@2x.png'],
    ] as const) {
      expect(topRight(normal, orange)).toBe(0);
      const quadrant = (pngSize(read(attention)).width / 2) ** 2;
      expect(topRight(attention, orange)).toBeGreaterThan(quadrant * 0.15);
    }
    // Templates: a solid dot where the normal icon is mostly empty.
    const ink = (_r: number, _g: number, _b: number, a: number) => a / 255;
    for (const [normal, attention] of [
      ['resources/tray/trayTemplate.png', 'resources/tray/trayAttentionTemplate.png'],
      ['resources/tray/trayTemplate@2x.png', 'resources/tray/trayAttentionTemplate@2x.png'],
    ] as const) {
      const quadrant = (pngSize(read(attention)).width / 2) ** 2;
      expect(topRight(attention, ink) - topRight(normal, ink)).toBeGreaterThan(quadrant * 0.15);
    }
  });

  it('the committed icons are exactly what scripts/generate-icons.ts makes from the one source image', () => {
    const expected = renderIcons(read(SOURCE_SVG).toString());
    const committed = [
      ...fs.readdirSync(path.join(root, 'resources/tray')).map((f) => `resources/tray/${f}`),
    ];
    committed.push(
      ...fs.readdirSync(path.join(root, OUTPUTS.appPngDir)).map((f) => `${OUTPUTS.appPngDir}/${f}`),
    );
    committed.push(OUTPUTS.appIco.file, OUTPUTS.appIcns.file);
    expect(committed.sort()).toEqual([...expected.keys()].sort());
    for (const [file, bytes] of expected)
      expect(read(file).equals(bytes), `${file} is stale: run npm run icons`).toBe(true);
  });
});

describe('the check run on every packaged app (afterPack)', () => {
  const nodeBuild = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');

  async function packagedApp(
    options: {
      extraFiles?: Record<string, string>;
      binary?: Buffer | null;
      trayFiles?: readonly string[];
    } = {},
  ): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tk-packed-'));
    const app = path.join(dir, 'app');
    const files: Record<string, string> = {
      'package.json': '{"name":"tokenkeeper","main":"out/main/index.js"}',
      'out/main/index.js': '',
      'out/preload/index.cjs': '',
      'out/renderer/index.html': '<!doctype html>',
      'node_modules/zod/package.json': '{"name":"zod"}',
      'node_modules/better-sqlite3/package.json': '{"name":"better-sqlite3"}',
      ...options.extraFiles,
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.writeFileSync(path.join(app, file), text);
    }
    const resources = path.join(dir, 'resources');
    fs.mkdirSync(path.join(resources, 'tray'), { recursive: true });
    await createPackage(app, path.join(resources, 'app.asar'));
    const binary = options.binary === undefined ? fs.readFileSync(nodeBuild) : options.binary;
    if (binary !== null) {
      const target = path.join(resources, 'app.asar.unpacked', SQLITE_BINARY);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, binary);
    }
    for (const file of options.trayFiles ?? TRAY_FILES_BY_PLATFORM.linux)
      fs.copyFileSync(path.join(root, 'resources/tray', file), path.join(resources, 'tray', file));
    return resources;
  }

  // The Node build in node_modules stands in for a correctly rebuilt binary: only the ABI differs.
  const nodeAbi = process.versions.modules;

  it('accepts a package with the binary unpacked for the right ABI and CPU, a clean asar and the tray icons', async () => {
    const resourcesDir = await packagedApp();
    expect(
      verifyPackagedApp({ resourcesDir, platform: 'linux', arch: process.arch, electronAbi: nodeAbi }),
    ).toEqual([]);
  });

  it('refuses a binary built for Node instead of Electron (the ~/.npmrc nodedir trap), naming the cause', async () => {
    const resourcesDir = await packagedApp();
    const problems = verifyPackagedApp({
      resourcesDir,
      platform: 'linux',
      arch: process.arch,
      electronAbi: '150',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`built for ABI ${nodeAbi}, not Electron's 150`);
    expect(problems[0]).toContain('nodedir');
  });

  it('refuses a binary for another CPU, and one left inside the asar', async () => {
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    const wrongCpu = verifyPackagedApp({
      resourcesDir: await packagedApp(),
      platform: 'linux',
      arch: other,
      electronAbi: nodeAbi,
    });
    expect(wrongCpu).toEqual([
      `better-sqlite3 is built for ${process.arch}, but this package is for ${other}.`,
    ]);
    const inside = verifyPackagedApp({
      resourcesDir: await packagedApp({ binary: null }),
      platform: 'linux',
      arch: process.arch,
      electronAbi: nodeAbi,
    });
    expect(inside).toHaveLength(1);
    expect(inside[0]).toContain('not unpacked from the asar');
  });

  it('refuses an asar holding tests, simulators, sources, source maps, .native or build tools', async () => {
    const resourcesDir = await packagedApp({
      extraFiles: {
        'test/unit/a.test.ts': '',
        'simulators/mailtrap.js': '',
        'src-main/core/core.ts': '',
        'out/main/index.js.map': '',
        '.native/better_sqlite3-electron.node': '',
        'node_modules/vitest/index.js': '',
      },
    });
    const problems = verifyPackagedApp({
      resourcesDir,
      platform: 'linux',
      arch: process.arch,
      electronAbi: nodeAbi,
    });
    // One line per offending folder or file, not one per file inside it.
    expect([...problems].sort()).toEqual([
      'app.asar contains TypeScript sources: /src-main',
      'app.asar contains a development tool: /node_modules/vitest',
      'app.asar contains a source map: /out/main/index.js.map',
      'app.asar contains tests or simulators: /simulators',
      'app.asar contains tests or simulators: /test',
      'app.asar contains the development Electron-ABI copy (.native/): /.native',
    ]);
  });

  it('refuses a package whose main bundle loads a package the asar lacks', async () => {
    const mainBundle = [
      'import Database from "better-sqlite3";',
      'import { z } from "zod";',
      'import fs from "node:fs";',
      'import path from "path";',
      'import { app } from "electron";',
      'const { fetch } = await import("undici");',
      'const Store = require("electron-store");',
    ].join('\n');
    const resourcesDir = await packagedApp({ extraFiles: { 'out/main/index.js': mainBundle } });
    const problems = verifyPackagedApp({
      resourcesDir,
      platform: 'linux',
      arch: process.arch,
      electronAbi: nodeAbi,
    });
    expect(problems).toEqual([
      'The main process loads electron-store, but app.asar has no node_modules/electron-store.',
      'The main process loads undici, but app.asar has no node_modules/undici.',
    ]);
  });

  it('refuses a package missing the tray icons its platform loads', async () => {
    const resourcesDir = await packagedApp({ trayFiles: TRAY_FILES_BY_PLATFORM.linux });
    const problems = verifyPackagedApp({
      resourcesDir,
      platform: 'darwin',
      arch: process.arch,
      electronAbi: nodeAbi,
    });
    expect(problems).toEqual(
      TRAY_FILES_BY_PLATFORM.darwin.map((file) => `The tray icon ${file} is missing from <resources>/tray/.`),
    );
  });

  it('reads the ABI and CPU of ELF, PE and Mach-O binaries', () => {
    const node = fs.readFileSync(nodeBuild);
    expect(binaryAbi(node)).toBe(nodeAbi);
    expect(binaryArchs(node)).toEqual([process.arch]);
    const pe = Buffer.alloc(0x90);
    pe.write('MZ', 0, 'latin1');
    pe.writeUInt32LE(0x80, 0x3c);
    pe.write('PE\0\0', 0x80, 'latin1');
    pe.writeUInt16LE(0xaa64, 0x84);
    expect(binaryArchs(pe)).toEqual(['arm64']);
    const machO = Buffer.alloc(32);
    machO.writeUInt32LE(0xfeedfacf, 0);
    machO.writeUInt32LE(0x01000007, 4);
    expect(binaryArchs(machO)).toEqual(['x64']);
    const fat = Buffer.alloc(48);
    fat.writeUInt32BE(0xcafebabe, 0);
    fat.writeUInt32BE(2, 4);
    fat.writeUInt32BE(0x01000007, 8);
    fat.writeUInt32BE(0x0100000c, 28);
    expect(binaryArchs(fat)).toEqual(['x64', 'arm64']);
  });
});

describe('signing and notarization from the environment', () => {
  it('without credentials: builds unsigned and says so for each OS, without failing', () => {
    const status = signingStatus({});
    expect(status).toMatchObject({
      requiredBy: null,
      macCertificate: false,
      windowsCertificate: false,
      notarize: null,
      requireSigning: false,
    });
    expect(signingReport(status, 'darwin').join('\n')).toMatch(
      /no CSC_LINK or CSC_NAME[\s\S]*notarization skipped/,
    );
    expect(signingReport(status, 'win32').join('\n')).toContain('NOT signed');
    expect(signingReport(status, 'linux').join('\n')).toContain('not code-signed');
    // What electron-builder was told, in this (credential-free) test environment.
    expect(config.mac?.notarize).toBe(signingStatus(process.env).notarize !== null);
    expect(config.forceCodeSigning).toBe(signingStatus(process.env).requireSigning);
  });

  it('with a complete set: signs and notarizes, naming the variables but never printing their values', () => {
    const secret = 'p@ss-word-that-must-not-print';
    const apiKey = signingStatus({
      CSC_LINK: '/certs/dev-id.p12',
      CSC_KEY_PASSWORD: secret,
      APPLE_API_KEY: '/k.p8',
      APPLE_API_KEY_ID: 'ABC',
      APPLE_API_ISSUER: secret,
    });
    expect(apiKey).toMatchObject({ macCertificate: true, windowsCertificate: true, notarize: 'api-key' });
    expect(signingReport(apiKey, 'darwin').join('\n')).toContain(
      'notarizing with APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER',
    );
    const appleId = signingStatus({
      WIN_CSC_LINK: 'x',
      APPLE_ID: 'me@example.com',
      APPLE_APP_SPECIFIC_PASSWORD: secret,
      APPLE_TEAM_ID: 'T',
    });
    expect(appleId).toMatchObject({ macCertificate: false, windowsCertificate: true, notarize: 'apple-id' });
    expect(signingReport(appleId, 'win32').join('\n')).toContain('certificate from WIN_CSC_LINK');
    for (const status of [apiKey, appleId]) {
      const all = [...status.report.mac, ...status.report.windows, ...status.report.linux].join('\n');
      expect(all).not.toContain(secret);
      expect(all).not.toContain('me@example.com');
    }
  });

  it('with an incomplete set: skips notarization and names what is missing; a release build makes signing mandatory', () => {
    const partial = signingStatus({
      APPLE_ID: 'me@example.com',
      APPLE_TEAM_ID: 'T',
      APPLE_APP_SPECIFIC_PASSWORD: '  ',
    });
    expect(partial.notarize).toBeNull();
    expect(signingReport(partial, 'darwin').join('\n')).toContain(
      'notarization skipped (APPLE_APP_SPECIFIC_PASSWORD missing)',
    );
    const release = signingStatus({ TOKENKEEPER_REQUIRE_SIGNING: '1' });
    expect(release.requireSigning).toBe(true);
    expect(signingReport(release, 'win32').join('\n')).toContain('a missing certificate fails the build');
  });
});
