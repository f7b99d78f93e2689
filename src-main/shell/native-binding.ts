/**
 * better-sqlite3 is a native module: `npm install` builds it for Node (so `npm test` works),
 * while Electron needs a build for its own ABI. `scripts/prepare-electron-native.mjs` (run by
 * `npm start` and `npm run dev`) puts an Electron-ABI copy under `.native/`; in development the
 * shell points better-sqlite3 at it through the `nativeBinding` option. Packaged apps are
 * rebuilt for Electron by the packaging step and need nothing here.
 */
import fs from 'node:fs';
import path from 'node:path';

export function electronNativeBindingPath(appRoot: string, electronVersion: string, arch: string): string {
  return path.join(
    appRoot,
    '.native',
    `better_sqlite3-electron-${electronVersion}-${process.platform}-${arch}.node`,
  );
}

export function resolveNativeBinding(options: {
  isPackaged: boolean;
  appRoot: string;
  electronVersion: string;
  arch: string;
}): string | undefined {
  if (options.isPackaged) return undefined;
  const candidate = electronNativeBindingPath(options.appRoot, options.electronVersion, options.arch);
  return fs.existsSync(candidate) ? candidate : undefined;
}
