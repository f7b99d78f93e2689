/**
 * Installer configuration (electron-builder 26). `npm run dist` (or dist:win / dist:mac /
 * dist:linux) builds the app and then runs scripts/dist.mjs, which calls electron-builder with
 * this file. docs/release.md explains each OS's release steps and what can and cannot be checked
 * on the development machines; test/unit/build/installer-config.test.ts checks this file.
 *
 * Version and description come from package.json. The app id is imported from the shell, so the
 * Windows installer's AppUserModelId (stamped on the Start-menu shortcut from appId) always equals
 * the one the running app sets: without that match Windows drops the app's notifications.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Arch, type AfterPackContext, type Configuration } from 'electron-builder';
import { OUTPUTS } from './scripts/icon-spec';
import { rendererOnlyPackages } from './scripts/packaged-dependencies';
import { signingReport, signingStatus } from './scripts/release-signing';
import {
  REQUIRED_FUSES,
  asarIntegrityProblems,
  flipRequiredFuses,
  fuseConfigProblems,
  fuseWireProblems,
} from './scripts/verify-integrity';
import { verifyPackagedApp } from './scripts/verify-packaged-app';
import { APP_ID, PRODUCT_NAME } from './src-main/shell/app-identity';

// deb and rpm require a homepage and a maintainer with an e-mail address. These follow the app
// id's domain; confirm them before the first public release (docs/release.md, "Before the first release").
const HOMEPAGE = 'https://tokenkeeper.io';
// Where the installed app looks for updates (latest.yml, latest-mac.yml, latest-linux.yml and the
// files they name). A placeholder like HOMEPAGE until the first release (docs/release.md).
const UPDATES_URL = 'https://tokenkeeper.io/updates';
const MAINTAINER = 'Tokenkeeper maintainers <maintainers@tokenkeeper.io>';

/** The project folder; electron-builder runs from it (npm scripts always do). */
const ROOT = process.cwd();
const signing = signingStatus(process.env);

/** The NODE_MODULE_VERSION of the Electron that electron-builder packages (the installed one). */
function electronAbi(projectDir: string): string {
  return fs.readFileSync(path.join(projectDir, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
}

/** The packaged Electron binary (or .app), where its fuses live; as electron-builder finds it. */
function electronBinary(context: AfterPackContext): string {
  const platform = context.electronPlatformName;
  const name =
    platform === 'linux'
      ? ((context.packager as { executableName?: string }).executableName ?? 'tokenkeeper')
      : context.packager.appInfo.productFilename;
  const ext = platform === 'darwin' || platform === 'mas' ? '.app' : platform === 'win32' ? '.exe' : '';
  return path.join(context.appOutDir, `${name}${ext}`);
}

async function afterPack(context: AfterPackContext): Promise<void> {
  const resourcesDir = context.packager.getResourcesDir(context.appOutDir);
  const platform = context.electronPlatformName;
  const binary = electronBinary(context);
  // electron-builder flips the fuses only after this hook: flip them now and read them back.
  await flipRequiredFuses(binary);
  const problems = [
    ...verifyPackagedApp({
      resourcesDir,
      platform,
      arch: Arch[context.arch],
      electronAbi: electronAbi(context.packager.projectDir),
    }),
    ...fuseConfigProblems(context.packager.config.electronFuses),
    ...(await fuseWireProblems(binary)),
    ...asarIntegrityProblems({
      platform,
      asar: path.join(resourcesDir, 'app.asar'),
      stampedIn: platform === 'win32' ? binary : path.join(binary, 'Contents', 'Info.plist'),
    }),
  ];
  if (problems.length > 0)
    throw new Error(`The packaged app is not fit to ship:\n  - ${problems.join('\n  - ')}`);
  console.log(
    `  • packaged app checked (${platform} ${Arch[context.arch]}): native module, asar contents, tray icons, fuses, asar integrity`,
  );
  // Said here, not in afterSign: electron-builder skips afterSign when nothing was signed.
  for (const line of signingReport(signing, context.electronPlatformName)) console.log(`  • ${line}`);
}

/** Runs only when the app was signed: a release build must then also be notarized. */
async function afterSign(context: AfterPackContext): Promise<void> {
  if (context.electronPlatformName === 'darwin' && signing.requireSigning && signing.notarize === null) {
    throw new Error(
      `Signing is required (${signing.requiredBy === 'CI' ? 'a CI build' : 'TOKENKEEPER_REQUIRE_SIGNING=1'}) but no complete set of notarization credentials was given (see docs/release.md).`,
    );
  }
}

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  copyright: `Copyright © ${new Date().getFullYear()} Tokenkeeper maintainers`,
  // homepage for the deb/rpm metadata; desktopName makes Electron use "tokenkeeper" as the Linux
  // WM_CLASS / Wayland app_id, matching the installed tokenkeeper.desktop so docks group the window.
  extraMetadata: { homepage: HOMEPAGE, desktopName: 'tokenkeeper.desktop' },
  directories: { output: 'dist', buildResources: 'resources' },

  // Only the electron-vite output and package.json from the project. electron-builder adds the
  // production dependencies (package.json "dependencies", never devDependencies) by itself; the
  // exclusions below also apply to them.
  files: [
    'out/**',
    'package.json',
    '!**/*.map',
    // Already bundled into out/renderer by Vite (scripts/packaged-dependencies.ts).
    ...rendererOnlyPackages(ROOT).map((name) => `!node_modules/${name}{,/**}`),
    // better-sqlite3's C sources and build intermediates: only build/Release/better_sqlite3.node runs.
    '!node_modules/better-sqlite3/{deps,src}{,/**}',
    '!node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps,Release/test_extension.node}{,/**}',
  ],
  asar: true,
  // Electron cannot dlopen a native module from inside the asar.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node'],
  // Rebuild native dependencies for Electron's ABI and each target arch (@electron/rebuild),
  // preferring better-sqlite3's prebuilt Electron binaries and compiling only when none exists.
  npmRebuild: true,
  buildDependenciesFromSource: false,
  nodeGypRebuild: false,
  afterPack,
  afterSign,
  forceCodeSigning: signing.requireSigning,

  // The tray icons, loaded by the shell from process.resourcesPath/tray (see docs/release.md).
  extraResources: [{ from: 'resources/tray', to: 'tray', filter: ['*.png', '*.ico'] }],

  // Electron features this app never uses, switched off in the binary so they cannot be abused
  // to run code inside a signed Tokenkeeper (https://www.electronjs.org/docs/latest/tutorial/fuses).
  // EnableEmbeddedAsarIntegrityValidation with OnlyLoadAppFromAsar: Electron refuses to start
  // from an app.asar whose header does not match the hash stamped into the app (macOS, Windows).
  // The list and its checks are in scripts/verify-integrity.ts.
  electronFuses: { ...REQUIRED_FUSES },

  // Updates (electron-updater, src-main/shell/updates.ts): the release's latest*.yml files and
  // installers are published here by hand (docs/release.md); `npm run dist` never publishes.
  publish: [{ provider: 'generic', url: UPDATES_URL }],

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: OUTPUTS.appIco.file,
    // Per-user app: never ask for administrator rights to run.
    requestedExecutionLevel: 'asInvoker',
    // app-update.yml names the signing certificate's publisher; electron-updater then installs
    // an update only if its installer is signed by that same publisher.
    verifyUpdateCodeSignature: true,
  },
  nsis: {
    // One click, per user, no UAC prompt: installs to %LOCALAPPDATA%\Programs\tokenkeeper and
    // starts the app. Start-menu shortcut carries the AppUserModelId that notifications need.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    createStartMenuShortcut: true,
    createDesktopShortcut: true,
    shortcutName: PRODUCT_NAME,
    runAfterFinish: true,
    // The token cache holds metadata only, but it is the user's; uninstalling keeps it.
    deleteAppDataOnUninstall: false,
    installerIcon: OUTPUTS.appIco.file,
    uninstallerIcon: OUTPUTS.appIco.file,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    icon: OUTPUTS.appIcns.file,
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'resources/entitlements.mac.plist',
    entitlementsInherit: 'resources/entitlements.mac.plist',
    // Only when a complete set of credentials is in the environment (scripts/release-signing.ts).
    notarize: signing.notarize !== null,
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },
  dmg: {
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },

  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
      { target: 'rpm', arch: ['x64'] },
    ],
    icon: OUTPUTS.appPngDir,
    executableName: 'tokenkeeper',
    // electron-builder writes this as the desktop entry's Categories=Utility;Security;
    category: 'Utility;Security',
    syncDesktopName: true,
    synopsis: 'See, rotate and revoke your API tokens',
    maintainer: MAINTAINER,
    vendor: 'Tokenkeeper maintainers',
    desktop: {
      entry: {
        Name: PRODUCT_NAME,
        GenericName: 'API token manager',
        Keywords: 'token;api;key;secret;rotate;expiry;',
      },
    },
  },
  appImage: { artifactName: '${productName}-${version}-${arch}.${ext}' },
  deb: { packageCategory: 'utils' },
  rpm: { packageCategory: 'Applications/System' },
};

export default config;
