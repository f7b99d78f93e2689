/**
 * Every icon file the app and its installers use, with the pixel sizes each must hold. Pure data:
 * `scripts/generate-icons.ts` writes these files from the one source image, the packaging check
 * (`scripts/verify-packaged-app.ts`) looks for the tray icons in the packaged app, and
 * `test/unit/build/installer-config.test.ts` reads every file's real dimensions.
 */

export const SOURCE_SVG = 'resources/icon.svg';

/** Linux's icon folder (electron-builder reads `<size>x<size>.png`) and the window icon. */
export const APP_PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** Windows' shell picks from these (taskbar, Start, Explorer views, high-DPI). */
export const APP_ICO_SIZES = [16, 20, 24, 32, 40, 48, 64, 128, 256] as const;
/** ICNS entries as macOS's iconutil writes them: ARGB for the two smallest, PNG for the rest. */
export const APP_ICNS_TYPES = {
  ic04: 16,
  ic05: 32,
  ic11: 32,
  ic12: 64,
  ic07: 128,
  ic13: 256,
  ic08: 256,
  ic14: 512,
  ic09: 512,
  ic10: 1024,
} as const;
/** Windows tray sizes: 16 at 100 % scaling up to 32 at 200 %, 48 for the overflow flyout. */
export const TRAY_ICO_SIZES = [16, 20, 24, 32, 48] as const;

export type IcnsType = keyof typeof APP_ICNS_TYPES;

/** Every generated file, relative to the repository, with the pixel size(s) it must hold. */
export const OUTPUTS = {
  appIco: { file: 'resources/icons/icon.ico', sizes: APP_ICO_SIZES },
  appIcns: { file: 'resources/icons/icon.icns', types: APP_ICNS_TYPES },
  appPngDir: 'resources/icons/png',
  tray: {
    linux: {
      'resources/tray/tray-normal.png': 22,
      'resources/tray/tray-normal@2x.png': 44,
      'resources/tray/tray-attention.png': 22,
      'resources/tray/tray-attention@2x.png': 44,
    },
    macTemplate: {
      'resources/tray/trayTemplate.png': 16,
      'resources/tray/trayTemplate@2x.png': 32,
      'resources/tray/trayAttentionTemplate.png': 16,
      'resources/tray/trayAttentionTemplate@2x.png': 32,
    },
    windows: {
      'resources/tray/tray-normal.ico': TRAY_ICO_SIZES,
      'resources/tray/tray-attention.ico': TRAY_ICO_SIZES,
    },
  },
} as const;

export const appPngFile = (size: number) => `${OUTPUTS.appPngDir}/${size}x${size}.png`;

/** The tray icon file names the shell loads on each platform (under `<resources>/tray/`). */
export const TRAY_FILES_BY_PLATFORM: Readonly<Record<'linux' | 'darwin' | 'win32', readonly string[]>> = {
  linux: Object.keys(OUTPUTS.tray.linux).map(baseName),
  darwin: Object.keys(OUTPUTS.tray.macTemplate).map(baseName),
  win32: Object.keys(OUTPUTS.tray.windows).map(baseName),
};

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}
