// Node module-resolution hook (module.register): `electron`, imported by the built main bundle
// and by packages it loads (electron-store), resolves to the recording stand-in instead of the
// npm package (which would look for Electron's binary). Everything else resolves as usual.
import { URL } from 'node:url';

const STANDIN = new URL('./electron-standin/index.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STANDIN, shortCircuit: true };
  return nextResolve(specifier, context);
}
