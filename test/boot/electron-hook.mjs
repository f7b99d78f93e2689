// Node module-resolution hook (module.register): `electron` (and electron/main, electron/common),
// imported by the built main bundle and by packages it loads (electron-store), resolves to the
// recording stand-in instead of the npm package (which would look for Electron's binary).
// Everything else resolves as usual.
import { URL } from 'node:url';

const STANDIN = new URL('./electron-standin/index.ts', import.meta.url).href;

/** The names a main process may import Electron by ('electron/renderer' is not one of them). */
const MAIN_PROCESS_NAMES = new Set(['electron', 'electron/main', 'electron/common']);

export async function resolve(specifier, context, nextResolve) {
  if (MAIN_PROCESS_NAMES.has(specifier)) return { url: STANDIN, shortCircuit: true };
  return nextResolve(specifier, context);
}
